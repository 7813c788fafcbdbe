"""The command line: --version, and --screenshot rendering offscreen by itself (no QT_QPA_PLATFORM given)."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6 import QtGui

from cxr_viewer import __version__
from tests import dicom_factory
from tests.conftest import REPO_ROOT
from tests.plugin_dist import write_plugin_dist

pytestmark = pytest.mark.gui


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "cxr_viewer", *args], capture_output=True, text=True, env=env,
                          cwd=REPO_ROOT, timeout=120)


def _grey(path) -> np.ndarray:
    image = QtGui.QImage(str(path)).convertToFormat(QtGui.QImage.Format.Format_Grayscale8)
    data = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return data[:, : image.width()]


def test_version():
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"cxr-viewer {__version__}"


def test_screenshot_renders_a_png_with_content_and_plugin_overlay(tmp_path):
    source = dicom_factory.make_cr(tmp_path / "chest.dcm", rows=256, cols=256, seed=2)
    out = tmp_path / "shot.png"
    result = _run(str(source), "--screenshot", str(out), "--size", "400x300", "--window", "2000", "3000",
                  "--overlay", "hello.mark_centre")
    assert result.returncode == 0, result.stderr
    grey = _grey(out)
    assert grey.shape == (300, 400)
    assert grey.std() > 20 and len(np.unique(grey)) > 50
    colour = QtGui.QImage(str(out))
    centre = QtGui.QColor(colour.pixel(200, 150 - 6))  # the hello marker ring is green, 12 px wide at the centre
    ring = [QtGui.QColor(colour.pixel(200 + dx, 150 + dy)) for dx in range(-8, 9) for dy in range(-8, 9)]
    assert any(c.green() > 150 and c.red() < 100 for c in ring), centre.name()


def test_screenshot_without_a_readable_image_fails_clearly(tmp_path):
    bad = tmp_path / "bad.dcm"
    bad.write_bytes(b"\0" * 128 + b"DICM" + b"garbage")
    result = _run(str(bad), "--screenshot", str(tmp_path / "x.png"), "--no-plugins")
    assert result.returncode == 1
    assert "bad.dcm" in result.stderr


def test_an_overlay_that_fails_still_writes_the_picture_but_exits_3_and_says_why(tmp_path):
    """A scripted screenshot (the docs' pictures) must not pass off a picture without its findings as one with them."""
    site = write_plugin_dist(tmp_path / "site", "cxr_failing_overlay",
                             "bad_later = tests.gui.test_hello_plugin:RaisesLater\n")
    source = dicom_factory.make_cr(tmp_path / "chest.dcm", rows=128, cols=128, seed=3)
    out = tmp_path / "shot.png"
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(site), str(REPO_ROOT)])}
    result = subprocess.run([sys.executable, "-m", "cxr_viewer", str(source), "--screenshot", str(out),
                             "--size", "200x200", "--overlay", "bad.action"],
                            capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 3 and out.exists()
    assert "an --overlay failed" in result.stderr and "Plugin action bad.action failed" in result.stderr


def test_an_unknown_overlay_exits_2_after_ending_the_work_a_plugin_started_on_open(tmp_path):
    """The screenshot returned while a plugin's on-open work still ran on a worker thread; the interpreter's exit
    then crashed the process in about one run of five (exit status 139 instead of 2)."""
    site = write_plugin_dist(tmp_path / "site", "cxr_works_on_open",
                             "works = tests.gui.test_hello_plugin:WorksOnOpen\n")
    source = dicom_factory.make_cr(tmp_path / "chest.dcm", rows=128, cols=128, seed=3)
    log = tmp_path / "work.log"
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(site), str(REPO_ROOT)]), "CXR_TEST_WORK_LOG": str(log)}
    result = subprocess.run([sys.executable, "-m", "cxr_viewer", str(source), "--screenshot", str(tmp_path / "x.png"),
                             "--size", "200x200", "--overlay", "nope.x"],
                            capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=120)
    assert result.returncode == 2 and "unknown overlay 'nope.x'" in result.stderr
    assert log.read_text() == "cancelled"  # the work was told to stop and ended before the process did

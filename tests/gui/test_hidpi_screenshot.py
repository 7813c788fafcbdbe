"""The screenshot and the drawn lines on a high-density display (150–200 % scaling), rendered with QT_SCALE_FACTOR.

The scale factor must be set before the QApplication starts, and the suite shares one, so each case runs the real
``cxr-viewer --screenshot`` in a child process with the factor in its environment.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6 import QtGui

from tests import dicom_factory
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.gui

BOX_RGB = (51, 204, 255)  # the hello plugin's box layer ("centre ¼")


def _shoot(tmp_path, scale: str, size: str, name: str) -> QtGui.QImage:
    source = dicom_factory.make_cr(tmp_path / "chest.dcm", rows=256, cols=256, seed=2)
    out = tmp_path / f"{name}.png"
    env = os.environ | {"QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "cxr_viewer", str(source), "--screenshot", str(out), "--size", size,
                             "--window", "2000", "3000", "--overlay", "hello.mark_centre"],
                            capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=180)
    assert result.returncode == 0, result.stderr
    return QtGui.QImage(str(out)).convertToFormat(QtGui.QImage.Format.Format_RGB888)


def _box_edge_widths(image: QtGui.QImage) -> list[int]:
    """Widths in PNG pixels of the runs of the box's colour along the middle row (its left and right edges)."""
    rgb = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    row = rgb[image.height() // 2, : image.width() * 3].reshape(-1, 3).astype(int)
    on = np.abs(row - BOX_RGB).max(axis=1) <= 30
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(int), [0]))))
    return [int(end - start) for start, end in zip(edges[::2], edges[1::2])]


@pytest.mark.parametrize("scale", ["2", "1.5"])
def test_size_is_the_png_size_whatever_the_display_scaling(tmp_path, scale):
    """``--size 600x450`` is the file a script asked for: before, a 2× display wrote 1200×900."""
    image = _shoot(tmp_path, scale, "600x450", "shot")
    assert (image.width(), image.height()) == (600, 450)


def test_lines_are_as_thick_against_the_text_at_2x_as_at_1x(tmp_path):
    """At 2× the same layout (half the pixels as widget size) must draw its 2-pixel lines 4 device pixels thick;
    cosmetic pens are in device pixels, so before they came out 2, half as thick as the text beside them."""
    single = _box_edge_widths(_shoot(tmp_path, "1", "400x300", "single"))
    double = _box_edge_widths(_shoot(tmp_path, "2", "800x600", "double"))
    assert len(single) == 2 and len(double) == 2, (single, double)
    assert single == [2, 2]
    assert double == [4, 4]

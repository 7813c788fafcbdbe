"""``detect``'s results file in a batch that does not end well, and the progress it reports on the way.

A batch killed outright (SIGKILL, the out-of-memory killer) left no results file, or the previous run's under the
name; a disk that filled at the end left a truncated file in place of the previous one, after a traceback; and the
batch said nothing until its end. The processes are real: the CLI run as a child, killed by a signal, with a
file-size limit (RLIMIT_FSIZE, which binds root too) for the full disk.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image

import cxr_ai
from tests.ai.model_factory import synthetic_chest
from tests.signalled_child import WAIT_S, signal_once_started

REPO = Path(cxr_ai.__file__).resolve().parents[2]
FILMS = 400  # far more than are done when the file first holds one: the kill lands mid-batch


def _films(folder: Path, count: int) -> Path:
    folder.mkdir()
    pixels = synthetic_chest(120, 160, [], bits=8).astype(np.uint8)
    for index in range(count):
        pixels[0, :2] = index % 256, index // 256  # each film its own content, so none is a cache hit of another
        Image.fromarray(pixels).save(folder / f"film{index:03d}.png")
    return folder


def _detect(films: Path, out: Path, model_dir: Path) -> list[str]:
    return [sys.executable, "-m", "cxr_ai.cli", "detect", str(films), "--out", str(out), "--models", str(model_dir),
            "--device", "cpu", "--no-cache"]


def _report(out: Path) -> dict:
    try:
        return json.loads(out.read_text())
    except (OSError, ValueError):  # not there yet, or (before the fix) written in place and caught half-way
        return {}


def test_a_killed_batch_leaves_the_images_finished_marked_interrupted(model_dir: Path, tmp_path: Path) -> None:
    films, out = _films(tmp_path / "in", FILMS), tmp_path / "results.json"
    out.write_text('{"from": "an earlier run"}')
    code, _ = signal_once_started(_detect(films, out, model_dir), lambda: bool(_report(out).get("images")),
                                  signal.SIGKILL, cwd=REPO)
    assert code == -signal.SIGKILL
    report = _report(out)
    assert report["tool"] == "cxr-ai" and report["interrupted"] is True and 1 <= len(report["images"]) < FILMS
    names = [Path(image["path"]).name for image in report["images"]]
    assert names == [f"film{index:03d}.png" for index in range(len(names))]  # the first ones, in input order


def _full_disk() -> None:
    """In the child: no file may grow past a byte, and a write past it fails with EFBIG as one on a full disk
    fails with ENOSPC (rather than the signal's ending the process)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))


def test_a_results_file_that_cannot_be_written_stops_the_batch_and_keeps_the_earlier_file(
        model_dir: Path, tmp_path: Path) -> None:
    films, out = _films(tmp_path / "in", 3), tmp_path / "results.json"
    earlier = '{"from": "an earlier run"}'
    out.write_text(earlier)
    run = subprocess.run(_detect(films, out, model_dir), cwd=REPO, capture_output=True, text=True,
                         preexec_fn=_full_disk, timeout=WAIT_S)
    assert run.returncode == 4 and "Traceback" not in run.stderr, run.stderr
    assert f"{out}: results not written (File too large); the batch stopped" in run.stderr
    assert out.read_text() == earlier and sorted(tmp_path.iterdir()) == [tmp_path / "in", out]  # no part left


def test_each_input_is_named_with_its_place_in_the_batch_as_it_starts(model_dir: Path, tmp_path: Path) -> None:
    films = _films(tmp_path / "in", 2)
    (films / "empty.dcm").write_bytes(b"")
    for command, out, extra in (("detect", tmp_path / "r.json", ["--no-cache"]), ("lungs", tmp_path / "masks", [])):
        run = subprocess.run([sys.executable, "-m", "cxr_ai.cli", command, str(films), "--out", str(out), "--models",
                              str(model_dir), "--device", "cpu", *extra], cwd=REPO, capture_output=True, text=True,
                             timeout=WAIT_S)
        assert run.returncode == 1, run.stderr
        progress = [line for line in run.stderr.splitlines() if line.startswith("cxr-ai: [")]
        assert progress == [f"cxr-ai: [1/3] {films / 'empty.dcm'}", f"cxr-ai: [2/3] {films / 'film000.png'}",
                            f"cxr-ai: [3/3] {films / 'film001.png'}"], run.stderr


def test_relative_paths_can_be_found_again_from_the_report(model_dir: Path, tmp_path: Path) -> None:
    """A path given relative to the working directory was written as given, and that folder was not recorded, so a
    report opened later, elsewhere, did not say where its images were."""
    _films(tmp_path / "in", 1)
    out = tmp_path / "results.json"
    run = subprocess.run([sys.executable, "-m", "cxr_ai.cli", "detect", "in", "--out", str(out), "--models",
                          str(model_dir), "--device", "cpu", "--no-cache"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=WAIT_S, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert run.returncode == 0, run.stderr
    report = _report(out)
    assert [image["path"] for image in report["images"]] == [str(Path("in") / "film000.png")]  # as given
    assert Path(report["working_directory"], report["images"][0]["path"]) == tmp_path / "in" / "film000.png"

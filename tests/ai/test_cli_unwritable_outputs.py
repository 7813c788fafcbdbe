"""An output folder that exists, or can be made, but takes no file is refused before any model runs: ``detect``
ran the whole batch and then ended with a traceback and no results file, ``--save-overlays`` failed once per image
after its inference, and ``lungs``/``bones`` ended with a traceback."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cxr_ai.cli import main
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest


def _film(tmp_path: Path) -> Path:
    film = tmp_path / "film.png"
    Image.fromarray(synthetic_chest(300, 400, [], bits=8).astype(np.uint8)).save(film)
    return film


def _refused(arguments: list[str], folder: Path, capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    err = capsys.readouterr().err
    assert stopped.value.code == 2, err
    assert f"cannot write in {folder} (" in err and "Traceback" not in err, err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc, where no folder can be made")
def test_a_folder_that_cannot_be_made_is_refused_before_any_model_runs(model_dir: Path, tmp_path: Path,
                                                                         capsys) -> None:
    """Below ``/proc`` no folder can be made, by root either (the tests may run as root, for whom permission bits
    mean nothing)."""
    film, out = _film(tmp_path), tmp_path / "r.json"
    nowhere = Path("/proc") / f"cxr-ai-test-{uuid.uuid4().hex[:8]}"
    models = ["--models", str(model_dir), "--device", "cpu"]
    _refused(["detect", str(film), "--out", str(nowhere / "r.json"), *models], nowhere, capsys)
    _refused(["detect", str(film), "--out", str(out), "--save-overlays", str(nowhere), *models], nowhere, capsys)
    _refused(["detect", str(film), "--out", str(out), "--dicom-out", str(nowhere / "sr"), *models], nowhere / "sr",
             capsys)
    _refused(["lungs", str(film), "--out", str(nowhere), *models], nowhere, capsys)
    _refused(["bones", str(film), "--out", str(nowhere), *models], nowhere, capsys)
    assert not out.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a folder without write permission")
def test_a_folder_without_write_permission_is_refused_before_any_model_runs(model_dir: Path, tmp_path: Path,
                                                                              capsys) -> None:
    film, locked = _film(tmp_path), tmp_path / "locked"
    locked.mkdir(mode=0o555)
    try:
        _refused(["detect", str(film), "--out", str(locked / "r.json"), "--models", str(model_dir)], locked, capsys)
        _refused(["detect", str(film), "--out", str(tmp_path / "r.json"), "--save-overlays", str(locked / "ov"),
                  "--models", str(model_dir)], locked / "ov", capsys)
    finally:
        locked.chmod(0o755)
    assert sorted(locked.iterdir()) == [] and not (tmp_path / "r.json").exists()


def test_a_missing_output_folder_is_made_and_left_clean(model_dir: Path, tmp_path: Path) -> None:
    """The check writes a file in each folder to know it can: none of its files is left behind."""
    film, out = _film(tmp_path), tmp_path / "new" / "deeper" / "r.json"
    overlays = tmp_path / "overlays"
    code = main(["detect", str(film), "--out", str(out), "--save-overlays", str(overlays), "--models", str(model_dir),
                 "--device", "cpu", "--no-cache"])
    assert code == 0
    assert sorted(path.name for path in out.parent.iterdir()) == ["r.json"]
    assert sorted(path.name for path in overlays.iterdir()) == ["film_ai.png"]


def test_an_image_given_as_the_results_file_is_refused_and_kept(model_dir: Path, tmp_path: Path, capsys) -> None:
    """An existing results file is replaced; a film named as ``--out`` (a slip in a batch script) was replaced too,
    by the JSON, and lost. DICOM files without a suffix are known by their marker."""
    film = _film(tmp_path)
    dicom = write_dx(tmp_path / "IM0001", synthetic_chest(300, 400, []))
    for target in (film, dicom):
        before = target.read_bytes()
        with pytest.raises(SystemExit) as stopped:
            main(["detect", str(film), "--out", str(target), "--models", str(model_dir), "--device", "cpu"])
        assert stopped.value.code == 2
        assert f"--out {target} is an image file, which would be replaced" in capsys.readouterr().err
        assert target.read_bytes() == before

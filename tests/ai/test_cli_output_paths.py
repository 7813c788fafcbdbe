"""An output path below a file is refused before any model runs (``detect`` wrote nothing after a whole batch)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cxr_ai.cli import main
from tests.ai.model_factory import synthetic_chest


def test_outputs_below_a_file_are_refused_before_any_model_runs(model_dir: Path, tmp_path: Path, capsys) -> None:
    film = tmp_path / "film.png"
    Image.fromarray(synthetic_chest(300, 400, [], bits=8).astype(np.uint8)).save(film)
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file where a folder was meant")
    refused = [
        ["detect", str(film), "--out", str(blocker / "results.json")],
        ["detect", str(film), "--out", str(tmp_path / "r.json"), "--save-overlays", str(blocker / "overlays")],
        ["detect", str(film), "--out", str(tmp_path / "r.json"), "--dicom-out", str(blocker / "a" / "b")],
        ["lungs", str(film), "--out", str(blocker / "masks")],
        ["bones", str(film), "--out", str(blocker / "bones")],
    ]
    for argv in refused:
        with pytest.raises(SystemExit) as stopped:
            main(argv + ["--models", str(model_dir)])
        assert stopped.value.code == 2, argv
        assert f"{blocker} is a file, so nothing can be written below it" in capsys.readouterr().err, argv
    assert not (tmp_path / "r.json").exists() and blocker.read_text() == "a file where a folder was meant"

"""``cxr-ai lungs`` / ``bones --pixel-spacing MM`` only make the pixels square: the maps are at the input size, so
the value changes nothing. Its help said "override pixel spacing", as if sizes in mm depended on it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image

from cxr_ai.cli import EXIT_OK, main
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest


def _film(path: Path, row_mm: float, col_mm: float) -> Path:
    dataset = pydicom.dcmread(write_dx(path, synthetic_chest(300, 400, [(200.0, 150.0, 20.0)])))
    dataset.PixelSpacing = dataset.ImagerPixelSpacing = [row_mm, col_mm]
    dataset.save_as(path)
    return path


def _map(command: str, film: Path, out: Path, models: Path, *options: str) -> np.ndarray:
    assert main([command, str(film), "--out", str(out), "--models", str(models), "--device", "cpu", *options]) == EXIT_OK
    return np.asarray(Image.open(out / f"{film.stem}_{command}.png"))


@pytest.mark.parametrize("command", ["lungs", "bones"])
def test_pixel_spacing_of_a_map_only_squares_the_pixels(command: str, model_dir: Path, tmp_path: Path,
                                                        capsys) -> None:
    oblong = _film(tmp_path / "oblong.dcm", 0.2, 0.1)
    square = _film(tmp_path / "square.dcm", 0.1, 0.1)  # the same pixels, with square spacing in the file
    fine = _map(command, oblong, tmp_path / "fine", model_dir, "--pixel-spacing", "0.1")
    coarse = _map(command, oblong, tmp_path / "coarse", model_dir, "--pixel-spacing", "3")
    assert np.array_equal(fine, coarse)  # the value changes nothing
    assert np.array_equal(fine, _map(command, square, tmp_path / "square", model_dir))  # the pixels taken as square
    assert not np.array_equal(fine, _map(command, oblong, tmp_path / "own", model_dir))  # the file's aspect ignored
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main([command, "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "take the pixels as square" in shown and "the value (0.02 to 5 mm) changes nothing" in shown, shown

"""Other inputs the viewer opens, through the engine from real files: colour PNG and JPEG, DICOM pixels that are
not square (Pixel Aspect Ratio without spacing, or unequal Pixel Spacing), and films a pixel or a few wide."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from PIL import Image

from cxr_ai.engine.image_input import engine_input
from cxr_viewer.core.loader import load_image
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest

NODULES = [(300.0, 400.0, 40.0), (720.0, 250.0, 25.0)]
GREY = np.rint(synthetic_chest(700, 1000, NODULES) / 4095 * 255).astype(np.uint8)


def _positions(engine, path: Path) -> np.ndarray:
    result = engine.detect(engine_input(load_image(path)), "all")
    return np.array(sorted((f.x, f.y) for f in result.findings))


@pytest.mark.parametrize(
    ("name", "rgb"),
    [
        ("grey.png", np.stack([GREY] * 3, axis=-1)),
        ("sepia.png", np.stack([GREY, GREY * 0.8, GREY * 0.6], axis=-1).astype(np.uint8)),  # a tinted scan
        ("grey.jpg", np.stack([GREY] * 3, axis=-1)),
    ],
)
def test_an_8_bit_colour_picture_gives_the_grey_pictures_findings(engine, tmp_path: Path, name: str,
                                                                  rgb: np.ndarray) -> None:
    Image.fromarray(GREY).save(tmp_path / "plain.png")
    Image.fromarray(rgb).save(tmp_path / name, **({"quality": 95} if name.endswith(".jpg") else {}))
    assert Image.open(tmp_path / name).mode == "RGB"
    expected = _positions(engine, tmp_path / "plain.png")
    assert expected.shape == (len(NODULES), 2)
    np.testing.assert_allclose(_positions(engine, tmp_path / name), expected, atol=1.0)


@pytest.mark.parametrize(
    "tags",
    [{"PixelAspectRatio": [2, 1]}, {"PixelSpacing": [0.4, 0.2], "ImagerPixelSpacing": [0.4, 0.2]}],
    ids=["pixel-aspect-ratio", "unequal-spacing"],
)
def test_a_film_with_tall_pixels_finds_the_nodules_in_its_own_grid(engine, tmp_path: Path, tags: dict) -> None:
    """Every other row of the film dropped, its rows twice as tall: the nodules come back at half their row."""
    full = synthetic_chest(700, 1000, NODULES)
    path = write_dx(tmp_path / "tall.dcm", full[::2].copy(), spacing_mm=None if "PixelAspectRatio" in tags else 0.2)
    dataset = pydicom.dcmread(path)
    for keyword, value in tags.items():
        setattr(dataset, keyword, value)
    dataset.save_as(path)
    result = engine.detect(engine_input(load_image(path)), "all")
    assert result.pixel_aspect == 2.0 and (result.height, result.width) == (350, 1000)
    found = np.array(sorted((f.x, f.y) for f in result.findings))
    np.testing.assert_allclose(found, sorted((x, y / 2) for x, y, _ in NODULES), atol=2 * 1000 / 256)


@pytest.mark.parametrize("shape", [(1, 1), (1, 50), (50, 1), (2, 3), (3, 700)])
def test_a_film_a_few_pixels_wide_gives_an_empty_result_of_its_size(engine, tmp_path: Path, shape) -> None:
    pixels = (np.arange(np.prod(shape)).reshape(shape) * 7 % 4096).astype(np.uint16)
    result = engine.detect(engine_input(load_image(write_dx(tmp_path / "tiny.dcm", pixels))), "all")
    assert (result.height, result.width) == shape and result.findings == []

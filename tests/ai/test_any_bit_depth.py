"""Films at any bit depth through the engine, read from real DICOM files as the viewer opens them.

The preprocessing contract (``model_training.preprocess``): the modality values are clipped to the film's own
0.5–99.5 percentiles and mapped to [0, 1], so a film stored at 16 bits, signed, or behind a Rescale Slope/Intercept
gives the model exactly the canvas of the same picture stored at 12 bits, and the window or VOI LUT the file
suggests for display plays no part. Padding pixels (Pixel Padding Value) are no part of the picture: the viewer
draws them black, and the engine gives them the film's darkest value.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset

from cxr_ai.engine import Engine
from cxr_ai.engine.cache import ResultCache
from cxr_ai.engine.image_input import engine_input
from cxr_ai.engine.pipeline import Analysis
from cxr_viewer.core.loader import load_image
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest

NODULES = [(300.0, 400.0, 40.0), (720.0, 250.0, 25.0)]
FILM = synthetic_chest(700, 1000, NODULES)  # 12-bit values; background 0 in the outer 120 columns


def _refile(path: Path, stored: np.ndarray, **tags: object) -> Path:
    """Rewrite ``path``'s pixel data as ``stored`` (uint16 or int16, 16 bits stored) and set ``tags``."""
    dataset = pydicom.dcmread(path)
    dataset.BitsStored, dataset.HighBit = 16, 15
    dataset.PixelRepresentation = 1 if stored.dtype == np.int16 else 0
    dataset.PixelData = np.ascontiguousarray(stored).tobytes()
    for keyword, value in tags.items():
        setattr(dataset, keyword, value)
    if "PixelPaddingValue" in dataset:  # US or SS as the pixels are, which pydicom cannot tell on its own
        dataset["PixelPaddingValue"].VR = "SS" if dataset.PixelRepresentation else "US"
    dataset.save_as(path)
    return path


def _analyse(engine: Engine, path: Path) -> Analysis:
    return engine.analyse([engine_input(load_image(path))])[0]


def _assert_same_as_12_bits(engine: Engine, analysis: Analysis, tmp_path: Path, film: np.ndarray = FILM) -> None:
    """The canvas and findings of ``film`` stored at 12 bits; the findings on the nodules."""
    reference = _analyse(engine, write_dx(tmp_path / "12bit.dcm", film))
    np.testing.assert_allclose(analysis.canvas, reference.canvas, atol=1e-6)
    found = np.array(sorted((f.x, f.y, f.diameter_mm, f.score) for f in analysis.result.findings))
    expected = np.array(sorted((f.x, f.y, f.diameter_mm, f.score) for f in reference.result.findings))
    np.testing.assert_allclose(found, expected, atol=0.011)  # the result's own rounding (0.01 px and mm)
    tolerance = 1.5 * 1000 / engine.model_set.input_size  # 1.5 canvas pixels in image pixels
    np.testing.assert_allclose(found[:, :2], sorted((x, y) for x, y, _ in NODULES), atol=tolerance)


@pytest.mark.parametrize(
    ("stored", "tags"),
    [
        (FILM.astype(np.uint32) * 16 + 15, {}),  # unsigned, the brightest pixel at 65535
        (FILM.astype(np.int32) * 16 - 32768, {"RescaleSlope": 0.5, "RescaleIntercept": -1000}),  # negative values
        (32767 - FILM.astype(np.int32) * 16, {"PhotometricInterpretation": "MONOCHROME1", "RescaleSlope": 2,
                                              "RescaleIntercept": 7}),
    ],
    ids=["unsigned", "signed-rescaled", "signed-monochrome1"],
)
def test_a_16_bit_film_gives_the_12_bit_films_result(engine, tmp_path: Path, stored: np.ndarray, tags: dict) -> None:
    dtype = np.int16 if stored.min() < 0 or "RescaleSlope" in tags else np.uint16
    path = _refile(write_dx(tmp_path / "16bit.dcm", FILM), stored.astype(dtype), **tags)
    image = load_image(path)
    assert (image.stored.min(), image.stored.max()) == (stored.min(), stored.max())  # written as meant
    _assert_same_as_12_bits(engine, _analyse(engine, path), tmp_path)


def test_a_voi_lut_sequence_instead_of_window_values_changes_nothing(engine, tmp_path: Path) -> None:
    """The display's VOI (here a square-root table) is not what the models were trained on."""
    path = write_dx(tmp_path / "voi.dcm", FILM)
    dataset = pydicom.dcmread(path)
    del dataset.WindowCenter, dataset.WindowWidth
    table = Dataset()
    table.LUTDescriptor, table.LUTExplanation = [4096, 0, 16], "SQRT"
    table.LUTData = (np.sqrt(np.arange(4096) / 4095) * 65535).astype(np.uint16).tobytes()
    dataset.VOILUTSequence = [table]
    dataset.save_as(path)
    assert load_image(path).voi_luts  # the viewer reads the table
    _assert_same_as_12_bits(engine, _analyse(engine, path), tmp_path)


def _padded_film(tmp_path: Path, padding: int, photometric: str, signed: bool) -> Path:
    picture = FILM.astype(np.int32) if photometric == "MONOCHROME2" else 4095 - FILM.astype(np.int32)
    picture[:, :60] = picture[:, -60:] = padding
    return _refile(write_dx(tmp_path / "padded.dcm", FILM), picture.astype(np.int16 if signed else np.uint16),
                   PhotometricInterpretation=photometric, PixelPaddingValue=padding)


@pytest.mark.parametrize(
    ("padding", "photometric", "signed"),
    [(-32768, "MONOCHROME2", True), (65535, "MONOCHROME2", False), (65535, "MONOCHROME1", False)],
)
def test_padding_pixels_count_as_black(engine, tmp_path: Path, padding: int, photometric: str, signed: bool) -> None:
    """A 12-bit picture padded at -32768 or 65535 (the outer 60 columns on each side, 12 % of the film): the
    padding set a percentile, the picture was squeezed into a sliver of [0, 1] and no finding was left. The
    result is now that of the picture with black where the padding is."""
    black_sides = FILM.copy()
    black_sides[:, :60] = black_sides[:, -60:] = 0
    path = _padded_film(tmp_path, padding, photometric, signed)
    assert load_image(path).padding_mask.mean() == pytest.approx(0.12)
    _assert_same_as_12_bits(engine, _analyse(engine, path), tmp_path, black_sides)


def test_a_padded_films_findings_cached_before_padding_was_black_are_not_served(model_dir: Path,
                                                                               tmp_path: Path) -> None:
    """Its key (SOP Instance UID and a digest of the modality values) is what it was then, so the empty result
    the squeezed film gave would have been served from the cache for good."""
    engine = Engine(model_dir, device="cpu", cache=ResultCache(tmp_path / "cache"))
    item = engine_input(load_image(_padded_film(tmp_path, -32768, "MONOCHROME2", True)))
    fresh, heatmap = engine.detect_with_heatmap(item, "all")
    assert len(fresh.findings) == len(NODULES)
    before = engine._calibration(dataclasses.replace(item, padded=False))  # the key the film had
    engine.cache.put(dataclasses.replace(fresh, findings=[]), before, heatmap=heatmap)
    hit = engine.cached(item, "all")
    assert hit is not None and hit[0].findings == fresh.findings

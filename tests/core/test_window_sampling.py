"""Default presets come from a strided sample: check the documented bound against the full image.

The bound (docs/core.md, ``core.window_sample``): every preset edge lies within 0.5 percentage point of rank of the
full image's own percentile, i.e. the fraction of full-image pixels below the sampled edge is q ± 0.5 %.
"""

from __future__ import annotations

import numpy as np
import pytest

from cxr_viewer.core.calibration import PixelSpacing, SpacingSource
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.modality import IDENTITY
from cxr_viewer.core.phantom import synthetic_chest
from cxr_viewer.core.window_sample import percentiles_of_sorted, sample_range, sorted_sample
from cxr_viewer.core.windows import default_presets

UNCALIBRATED = PixelSpacing(None, None, SpacingSource.NONE)
RANK_TOLERANCE = 0.5  # percentage points
RANGES = {"Auto": (0.5, 99.5), "Lung": (2.0, 70.0), "Mediastinum": (40.0, 99.8), "Bone": (25.0, 99.9)}


def _rank(sorted_full: np.ndarray, value: float) -> tuple[float, float]:
    """The percentage of pixels strictly below and at-or-below ``value`` (ties make this an interval)."""
    below = np.searchsorted(sorted_full, value, "left")
    at_or_below = np.searchsorted(sorted_full, value, "right")
    return 100.0 * below / sorted_full.size, 100.0 * at_or_below / sorted_full.size


def _edges_within_bound(values: np.ndarray) -> None:
    image = LoadedImage(None, values, None, "MONOCHROME2", UNCALIBRATED, modality_map=IDENTITY)
    assert values.size > 4 * 2**18, "the image must be larger than the sample or the test proves nothing"
    full = np.sort(values.astype(np.float64).reshape(-1))
    body = full[(full >= np.percentile(full, 0.5)) & (full <= np.percentile(full, 99.5))]
    for preset in default_presets(image):
        low_pct, high_pct = RANGES[preset.name]
        reference = full if preset.name == "Auto" else body
        low = preset.center - preset.width / 2.0
        high = low + preset.width - 1.0
        for edge, pct in ((low, low_pct), (high, high_pct)):
            below, at_or_below = _rank(reference, edge)
            assert below - RANK_TOLERANCE <= pct <= at_or_below + RANK_TOLERANCE, (preset.name, edge, pct)


def test_sampled_presets_are_within_the_bound_on_a_synthetic_chest():
    _edges_within_bound(synthetic_chest((1400, 1400), 0.2, 0))


def test_sampled_presets_are_within_the_bound_on_noise_with_structure():
    rng = np.random.default_rng(1)
    yy, xx = np.mgrid[0:1200, 0:1100] / 1000.0
    values = 20000 + 15000 * np.sin(6 * xx) * np.cos(4 * yy) + rng.normal(0, 800, xx.shape)
    _edges_within_bound(np.clip(values, 0, 65535).astype(np.uint16))


def test_sampled_presets_are_within_the_bound_on_rg1():
    from pydicom.data import get_testdata_file

    from cxr_viewer.core.loader import load_image

    path = get_testdata_file("RG1_UNCR.dcm")
    if path is None:
        pytest.skip("pydicom-data's RG1_UNCR.dcm is not installed")
    _edges_within_bound(load_image(path).stored)


def test_sorted_percentiles_match_numpy():
    rng = np.random.default_rng(2)
    values = rng.normal(0, 100, 10001)
    ordered = np.sort(values)
    qs = [0.0, 0.5, 2.0, 37.3, 70.0, 99.9, 100.0]
    assert np.allclose(percentiles_of_sorted(ordered, qs), np.percentile(values, qs), rtol=0, atol=1e-9)


def test_small_images_are_sampled_whole_and_non_finite_values_dropped():
    values = np.arange(1000, dtype=np.float32)
    values[5] = np.nan
    values[7] = np.inf
    ordered = sorted_sample(values)
    assert ordered.size == 998 and np.isfinite(ordered).all()


def test_the_samples_range_is_the_sorted_samples_ends_without_the_sort():
    """A reader's preset key asks only the lowest and highest value (``outside_values``); it must be the sorted
    sample's ends, non-finite values left out as there, on a strided (big) and a whole (small) sample."""
    rng = np.random.default_rng(3)
    for values in (rng.normal(1500, 400, (1100, 900)).astype(np.float32), np.arange(1000, dtype=np.float32)):
        values.reshape(-1)[[5, 700]] = (-np.inf, np.nan)
        ordered = sorted_sample(values)
        assert sample_range(values) == (ordered[0], ordered[-1])
    assert sample_range(np.full(10, np.nan)) is None and sorted_sample(np.full(10, np.nan)).size == 0

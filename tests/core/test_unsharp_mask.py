"""The unsharp mask of ``core.edge_enhance`` on a known step edge, and the display copy of a real CR file."""

from __future__ import annotations

import numpy as np
import pytest

from cxr_viewer.core.edge_enhance import OFF, STRENGTHS, blur_sigma, next_strength, sharpened_film, unsharp_mask
from cxr_viewer.core.loader import load_image
from tests import dicom_factory


def _step() -> np.ndarray:
    """400 left of column 100, 600 from it on; one pixel at 0 and one at 1000 far from the edge set the range."""
    values = np.full((60, 200), 400, np.float32)
    values[:, 100:] = 600
    values[0, 0], values[59, 199] = 0, 1000
    return values


def test_a_step_edge_overshoots_on_both_sides_and_flat_areas_stay():
    values = _step()
    sharp = unsharp_mask(values, (3.0, 3.0), 1.0)
    row = sharp[30]
    assert row[99] < 400 - 50 and row[100] > 600 + 50  # the dark side darker, the bright side brighter at the edge
    assert row[20:80] == pytest.approx(400, abs=0.01) and row[120:180] == pytest.approx(600, abs=0.01)
    assert sharp.dtype == np.float32 and np.array_equal(values, _step())  # the input is not touched


def test_the_result_is_clipped_to_the_films_range():
    values = np.zeros((40, 80), np.float32)
    values[:, 40:] = 1000  # the step spans the whole range: both overshoots would leave it
    sharp = unsharp_mask(values, (3.0, 3.0), 2.0)
    assert sharp.min() == 0 and sharp.max() == 1000


def test_padding_keeps_its_values_and_does_not_ring_into_the_film():
    values = np.full((40, 80), 500, np.float32)
    padding = np.zeros(values.shape, bool)
    padding[:, :20] = True
    values[padding] = 4095  # a collimator border coded as padding
    values[0, 79], values[39, 79] = 0, 1000
    sharp = unsharp_mask(values, (3.0, 3.0), 2.0, padding)
    assert np.all(sharp[padding] == 4095)
    assert sharp[5:35, 20:60] == pytest.approx(500, abs=0.01)  # beside the border the film is as flat as before


def test_strengths_cycle_and_off_changes_nothing(tmp_path):
    assert [s.level for s in STRENGTHS] == [0, 1, 2, 3]
    assert next_strength(STRENGTHS[3]) == OFF and next_strength(OFF) == STRENGTHS[1]
    image = load_image(dicom_factory.make_cr(tmp_path / "cr.dcm", rows=64, cols=64, spacing=0.15))
    assert sharpened_film(image, OFF) is image
    assert blur_sigma(image) == pytest.approx((10.0, 10.0))  # 1.5 mm at 0.15 mm


def test_the_display_copy_of_a_rescaled_cr_is_stored_integers_and_the_film_is_untouched(tmp_path):
    pixels = np.full((80, 120), 300, np.uint16)
    pixels[:, 60:] = 500
    pixels[0, 0], pixels[79, 119] = 0, 1000
    path = dicom_factory.make_cr(tmp_path / "cr.dcm", rows=80, cols=120, spacing=0.5, pixels=pixels,
                                 RescaleSlope=2, RescaleIntercept=-100)
    image = load_image(path)
    before = image.stored.copy()
    sharp = sharpened_film(image, STRENGTHS[3])
    assert sharp is not image and np.array_equal(image.stored, before)
    assert sharp.stored.dtype == image.stored.dtype and sharp.modality_map is image.modality_map
    assert sharp.stored[40, 59] < 300 and sharp.stored[40, 60] > 500  # overshoot in stored units
    assert sharp.modality[40, 59] < image.modality[40, 59]  # the same picture in modality values (slope 2)

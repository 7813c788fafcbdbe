"""Elliptical ROIs on real DICOM: which pixels are inside (by their centre), the area with the distance tool's
calibration words, and the statistics of the modality values (Rescale Slope/Intercept applied), by hand."""

from __future__ import annotations

import numpy as np
import pytest

from cxr_viewer.core.loader import load_image
from cxr_viewer.core.roi_stats import ellipse_area, ellipse_mask, roi_stats, roi_text
from cxr_viewer.core.spacing import UNCALIBRATED
from tests import dicom_factory


def _film(tmp_path, pixels, spacing=None, **tags):
    return load_image(dicom_factory.make_cr(tmp_path / "roi.dcm", rows=pixels.shape[0], cols=pixels.shape[1],
                                            spacing=spacing, pixels=pixels.astype(np.uint16), **tags))


def test_a_3_by_3_box_holds_the_plus_shape_of_centres():
    # box [0, 3) × [0, 3): centre (1.5, 1.5), radii 1.5
    _rows, _cols, inside = ellipse_mask((0.0, 0.0, 3.0, 3.0), (10, 10))
    assert inside.sum() == 9  # (1/1.5)² + (1/1.5)² = 0.89 ≤ 1: all nine centres
    _rows, _cols, inside = ellipse_mask((0.0, 0.0, 5.0, 5.0), (10, 10))
    expected = np.array([[0, 1, 1, 1, 0], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [0, 1, 1, 1, 0]], bool)
    np.testing.assert_array_equal(inside, expected)  # odd size: symmetric, the corners out ((2/2.5)²·2 = 1.28)


def test_the_drag_direction_and_odd_sizes_give_the_same_symmetric_region():
    forward = ellipse_mask((2.0, 1.0, 9.0, 6.0), (20, 20))[2]
    backward = ellipse_mask((9.0, 6.0, 2.0, 1.0), (20, 20))[2]
    np.testing.assert_array_equal(forward, backward)
    np.testing.assert_array_equal(forward, forward[::-1, :])
    np.testing.assert_array_equal(forward, forward[:, ::-1])
    assert forward.shape == (5, 7)


def test_a_box_past_the_films_edge_counts_only_the_films_pixels():
    rows, cols, inside = ellipse_mask((-5.0, -5.0, 5.0, 5.0), (10, 10))
    assert (rows, cols) == (slice(0, 5), slice(0, 5))
    assert inside.sum() == np.sum([(c + 0.5) ** 2 + (r + 0.5) ** 2 <= 25 for r in range(5) for c in range(5)])


def test_statistics_are_of_the_rescaled_values(tmp_path):
    pixels = np.zeros((20, 20))
    pixels[:, 10:] = 100  # left half stored 0, right half 100
    image = _film(tmp_path, pixels, RescaleSlope=2, RescaleIntercept=-50)  # modality: -50 and 150
    stats = roi_stats(image, (0.0, 0.0, 20.0, 20.0))
    inside = ellipse_mask((0.0, 0.0, 20.0, 20.0), (20, 20))[2]
    values = np.where(np.arange(20) >= 10, 150.0, -50.0)[None, :].repeat(20, 0)[inside]
    assert stats.count == int(inside.sum()) and stats.count > 0
    assert (stats.low, stats.high) == (-50.0, 150.0)
    assert stats.mean == pytest.approx(values.mean()) and stats.sd == pytest.approx(values.std())
    assert not image.modality_loaded  # only the box went through the rescale, not the whole film


def test_a_uniform_region_has_no_spread(tmp_path):
    image = _film(tmp_path, np.full((30, 40), 500), RescaleSlope=1, RescaleIntercept=-1000)
    stats = roi_stats(image, (5.0, 5.0, 25.0, 15.0))
    assert (stats.mean, stats.sd, stats.low, stats.high) == (-500.0, 0.0, -500.0, -500.0)


def test_area_in_mm_and_cm_with_the_distance_tools_calibration_words(tmp_path):
    image = _film(tmp_path, np.full((200, 200), 7), spacing=0.2)  # a CR with Pixel Spacing alone
    small = (0.0, 0.0, 20.0, 10.0)  # 4 mm × 2 mm box: π·2·1 = 6.28 mm²
    assert ellipse_area(small, image.spacing) == (pytest.approx(np.pi * 2), "mm²")
    big = (0.0, 0.0, 100.0, 100.0)  # 20 mm across: π·10² = 314.2 mm² = 3.14 cm²
    text = roi_text(big, image.spacing, roi_stats(image, big))
    assert text.startswith("ROI area 3.14 cm² (Pixel Spacing, calibration unknown)\nmean 7.0 SD 0.0 min 7 max 7 n=")


def test_anisotropic_spacing_scales_each_axis(tmp_path):
    image = _film(tmp_path, np.zeros((50, 50)), PixelSpacing=[0.2, 0.1], Modality="CT")
    assert ellipse_area((0.0, 0.0, 40.0, 20.0), image.spacing) == (pytest.approx(np.pi * 2 * 2), "mm²")


def test_without_spacing_the_area_is_in_pixels():
    assert ellipse_area((0.0, 0.0, 10.0, 20.0), UNCALIBRATED) == (pytest.approx(np.pi * 50), "px²")


def test_padding_pixels_are_left_out(tmp_path):
    pixels = np.full((10, 10), 300)
    pixels[:, :5] = 0
    image = _film(tmp_path, pixels, PixelPaddingValue=0)
    stats = roi_stats(image, (0.0, 0.0, 10.0, 10.0))
    assert stats.low == stats.high == 300.0
    assert stats.count == int(ellipse_mask((0.0, 0.0, 10.0, 10.0), (10, 10))[2][:, 5:].sum())


def test_an_empty_region_says_n_0(tmp_path):
    image = _film(tmp_path, np.full((10, 10), 5))
    box = (3.2, 3.2, 3.4, 3.4)  # no pixel centre inside
    stats = roi_stats(image, box)
    assert (stats.count, stats.mean) == (0, None)
    assert roi_text(box, image.spacing, stats) == "ROI area 0.0 px² (uncalibrated)\nn=0"


def test_an_roi_partly_off_the_film_says_its_figures_are_of_the_part_on_it(tmp_path):
    """The area is the whole ellipse's, the count and values only the film's pixels: a box of (-100, -100, 100, 100)
    on a 200² film read `ROI area 12.57 cm² … n=7857`, a quarter of that area, with nothing to say so."""
    image = _film(tmp_path, np.full((200, 200), 7), spacing=0.2)
    off = roi_text((-100.0, -100.0, 100.0, 100.0), image.spacing, roi_stats(image, (-100.0, -100.0, 100.0, 100.0)))
    assert off.splitlines()[0] == ("ROI area 12.57 cm² (Pixel Spacing, calibration unknown) · part off the film: "
                                   "figures of the part on it")
    on = roi_text((0.0, 0.0, 200.0, 200.0), image.spacing, roi_stats(image, (0.0, 0.0, 200.0, 200.0)))
    assert "off the film" not in on  # a box up to the edge is on the film

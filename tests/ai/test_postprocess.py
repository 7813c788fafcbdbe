"""Post-processing on hand-made probability maps: known blobs give known findings; filters and cap do their job."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.path import Path

from cxr_ai.engine.postprocess import find_candidates
from cxr_ai.engine.postprocess_spec import PostProcessing

SIZE = 200
PIXEL_MM = (0.5, 0.5)


def disc(probability: np.ndarray, x: float, y: float, radius: float, value: float) -> None:
    yy, xx = np.mgrid[: probability.shape[0], : probability.shape[1]]
    probability[(xx - x) ** 2 + (yy - y) ** 2 <= radius**2] = value


@pytest.fixture
def lung() -> np.ndarray:
    mask = np.zeros((SIZE, SIZE), np.float32)
    mask[40:160, 20:120] = 1.0  # a "lung" on the left; the right side (x > 120) is not lung
    return mask


def test_known_blobs_give_known_centres_diameters_and_scores(lung: np.ndarray) -> None:
    probability = np.zeros((SIZE, SIZE), np.float32)
    disc(probability, 60, 80, 12, 0.9)
    disc(probability, 90, 130, 8, 0.6)
    found = find_candidates(probability, lung, 0.5, PIXEL_MM, PostProcessing(min_area_mm2=5.0))
    assert [(round(c.x), round(c.y)) for c in found] == [(60, 80), (90, 130)]
    assert [c.score for c in found] == pytest.approx([0.9, 0.6])
    diameters_mm = [2 * math.sqrt(c.area_mm2 / math.pi) for c in found]
    assert diameters_mm == pytest.approx([12.0, 8.0], rel=0.05)  # radius 12 px × 0.5 mm → 12 mm diameter
    xs, ys = found[0].contour[:, 0], found[0].contour[:, 1]
    assert np.hypot(xs - 60, ys - 80) == pytest.approx(np.full(len(xs), 12.0), abs=1.0)


def test_blob_outside_the_dilated_lung_is_dropped(lung: np.ndarray) -> None:
    probability = np.zeros((SIZE, SIZE), np.float32)
    disc(probability, 170, 100, 10, 0.95)  # 50 px = 25 mm right of the lung edge
    disc(probability, 125, 100, 4, 0.8)  # 5 px = 2.5 mm outside: within the 10 mm margin, kept
    found = find_candidates(probability, lung, 0.5, PIXEL_MM, PostProcessing(min_area_mm2=5.0))
    assert [(round(c.x), round(c.y)) for c in found] == [(125, 100)]


def test_blob_smaller_than_min_area_is_dropped(lung: np.ndarray) -> None:
    probability = np.zeros((SIZE, SIZE), np.float32)
    disc(probability, 50, 60, 2, 0.99)  # 13 px × 0.25 mm² ≈ 3 mm²
    disc(probability, 80, 100, 6, 0.7)  # ≈ 28 mm²
    found = find_candidates(probability, lung, 0.5, PIXEL_MM, PostProcessing(min_area_mm2=10.0))
    assert [(round(c.x), round(c.y)) for c in found] == [(80, 100)]


def test_region_is_the_part_above_the_fraction_of_the_peak(lung: np.ndarray) -> None:
    yy, xx = np.mgrid[:SIZE, :SIZE]
    probability = (0.8 * np.exp(-((xx - 70) ** 2 + (yy - 100) ** 2) / (2 * 6.0**2))).astype(np.float32)
    (candidate,) = find_candidates(probability, lung, 0.5, PIXEL_MM, PostProcessing(min_area_mm2=1.0))
    half_max_radius_px = 6.0 * math.sqrt(2 * math.log(2))
    assert candidate.area_px == pytest.approx(math.pi * half_max_radius_px**2, rel=0.1)


def test_mean_score_rule(lung: np.ndarray) -> None:
    probability = np.zeros((SIZE, SIZE), np.float32)
    disc(probability, 60, 80, 10, 0.6)
    probability[80, 60] = 1.0
    post = PostProcessing(min_area_mm2=1.0, score="mean")
    (candidate,) = find_candidates(probability, lung, 0.5, PIXEL_MM, post)
    assert 0.6 < candidate.score < 0.62


def test_empty_map_gives_no_candidates(lung: np.ndarray) -> None:
    assert find_candidates(np.zeros((SIZE, SIZE), np.float32), lung, 0.5, PIXEL_MM, PostProcessing()) == []


def gaussian(x: float, y: float, sigma: float, peak: float) -> np.ndarray:
    yy, xx = np.mgrid[:SIZE, :SIZE]
    return (peak * np.exp(-((xx - x) ** 2 + (yy - y) ** 2) / (2 * sigma**2))).astype(np.float32)


def test_two_peaks_joined_above_the_floor_stay_two_findings(lung: np.ndarray) -> None:
    # 24 px = 12 mm apart on a background of 0.1: one connected area above the floor, two nodules in it
    probability = np.maximum(gaussian(50, 100, 4.0, 0.8) + gaussian(74, 100, 4.0, 0.6), 0.1)
    found = find_candidates(probability, lung, 0.5, PIXEL_MM, PostProcessing(min_area_mm2=1.0))
    assert [(round(c.x), round(c.y)) for c in found] == [(50, 100), (74, 100)]
    assert [c.score for c in found] == pytest.approx([0.8, 0.6], abs=0.01)
    assert found[0].contour[:, 0].max() < 62 < found[1].contour[:, 0].min()  # regions split at the valley


def test_peaks_closer_than_the_peak_distance_are_one_finding(lung: np.ndarray) -> None:
    probability = np.maximum(gaussian(60, 100, 3.0, 0.8), gaussian(68, 100, 3.0, 0.7))  # 8 px = 4 mm apart
    near = find_candidates(probability, lung, 0.5, PIXEL_MM, PostProcessing(min_area_mm2=1.0, peak_distance_mm=5.0))
    apart = find_candidates(probability, lung, 0.5, PIXEL_MM, PostProcessing(min_area_mm2=1.0, peak_distance_mm=2.0))
    assert [round(c.x) for c in near] == [60]
    assert [round(c.x) for c in apart] == [60, 68]


@pytest.mark.parametrize("axis", [0, 1])
def test_peak_distance_is_in_mm_along_each_axis_of_unequal_pixels(lung: np.ndarray, axis: int) -> None:
    """Rows 1 mm, columns 0.5 mm: two peaks 8 mm apart are two findings along either axis (5 mm peak distance);
    a radius taken from the finer axis alone would reach 10 mm along the coarser one and merge them."""
    pixel_mm = (1.0, 0.5)
    yy, xx = np.mgrid[:SIZE, :SIZE]
    probability = np.zeros((SIZE, SIZE), np.float32)
    for step, peak in ((0, 0.9), (1, 0.8)):
        y, x = 90 + step * 8 / pixel_mm[0] * (axis == 0), 50 + step * 8 / pixel_mm[1] * (axis == 1)
        distance2_mm = ((yy - y) * pixel_mm[0]) ** 2 + ((xx - x) * pixel_mm[1]) ** 2
        probability = np.maximum(probability, peak * np.exp(-distance2_mm / (2 * 1.5**2)).astype(np.float32))
    found = find_candidates(probability, lung, 0.5, pixel_mm, PostProcessing(min_area_mm2=1.0, peak_distance_mm=5.0))
    assert [c.score for c in found] == pytest.approx([0.9, 0.8], abs=0.01)


def corner_touching_pieces() -> np.ndarray:
    """One flat hill in three pieces that touch only at corners: an 8 × 8 square, a 5 × 5 square diagonally below
    its right corner, and a one-pixel-wide diagonal run off the first square's top-left corner."""
    probability = np.zeros((SIZE, SIZE), np.float32)
    probability[60:68, 40:48] = 0.9
    probability[68:73, 48:53] = 0.9
    for step in range(1, 7):
        probability[60 - step, 40 - step] = 0.9
    return probability


def test_contour_encloses_every_piece_of_a_region_touching_at_corners(lung: np.ndarray) -> None:
    """The region is 8-connected, so its outline must be too: one polygon around all of it, joined at the
    corners, not the outline of its largest piece (the old iso-0.5 trace parted pieces meeting at a corner)."""
    probability = corner_touching_pieces()
    (candidate,) = find_candidates(probability, lung, 0.5, PIXEL_MM, PostProcessing(min_area_mm2=1.0))
    rows, cols = np.nonzero(probability)
    assert candidate.area_px == len(rows) == 64 + 25 + 6
    assert (candidate.x, candidate.y) == pytest.approx((cols.mean(), rows.mean()))
    contour = candidate.contour
    assert np.array_equal(contour[0], contour[-1])  # closed
    assert Path(contour).contains_points(np.c_[cols, rows]).all()
    # the region's outline, not a hull: the pixels beside the diagonal links stay outside it
    assert not Path(contour).contains_points([[39, 58], [36, 57], [48, 67], [47, 68]]).any()


def test_contour_of_a_region_without_corner_contacts_runs_half_a_pixel_outside_it(lung: np.ndarray) -> None:
    probability = np.zeros((SIZE, SIZE), np.float32)
    probability[60:64, 40:43] = 0.9  # rows 60-63, columns 40-42
    (candidate,) = find_candidates(probability, lung, 0.5, PIXEL_MM, PostProcessing(min_area_mm2=1.0))
    xs, ys = candidate.contour[:, 0], candidate.contour[:, 1]
    assert (xs.min(), xs.max(), ys.min(), ys.max()) == (39.5, 42.5, 59.5, 63.5)
    assert np.array_equal(candidate.contour * 2, np.round(candidate.contour * 2))  # on the half-pixel grid

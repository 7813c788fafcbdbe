"""Uncalibrated non-square pixels (Pixel Aspect Ratio only): lengths in px counted in the pixel's shorter side.

Counting rows and columns alike gave two lines of one drawn length different figures (a 2:1 pixel: 100 px across,
50 px down); the spacing now carries the header's aspect, so the distance tool, the CTR widths and the drawing
agree.
"""

from __future__ import annotations

import pytest
from pydicom.dataset import Dataset

from cxr_viewer.core.ctr import horizontal_width
from cxr_viewer.core.spacing import UNCALIBRATED, calibration_note, display_aspect, distance, pixel_spacing


def _header(**tags) -> Dataset:
    ds = Dataset()
    ds.Modality = "CR"
    for keyword, value in tags.items():
        setattr(ds, keyword, value)
    return ds


@pytest.mark.parametrize(("ratio", "across", "down"), [
    ([2, 1], 100.0, 100.0),  # tall pixels: the short side is the width; a row step is two of them
    ([1, 2], 200.0, 50.0),  # wide pixels: the short side is the height; a column step is two of them
])
def test_uncalibrated_lengths_count_the_shorter_side(ratio, across, down):
    spacing = pixel_spacing(_header(PixelAspectRatio=ratio))
    assert not spacing.calibrated
    assert display_aspect(spacing) == pytest.approx(ratio[1] / ratio[0])
    assert distance((0, 0), (100, 0), spacing) == (pytest.approx(across), "px")
    assert distance((0, 0), (0, 50), spacing) == (pytest.approx(down), "px")
    assert horizontal_width((0, 0, 100, 30), spacing) == (pytest.approx(across), "px")
    assert calibration_note(spacing) == "uncalibrated, non-square pixels: px = short side"


def test_square_or_absent_aspect_keeps_plain_pixels():
    for ds in (_header(), _header(PixelAspectRatio=[1, 1])):
        spacing = pixel_spacing(ds)
        assert spacing == UNCALIBRATED
        assert distance((1, 1), (4, 5), spacing) == (5.0, "px")
        assert calibration_note(spacing) == "uncalibrated"


def test_spacing_wins_over_pixel_aspect_ratio():
    spacing = pixel_spacing(_header(Modality="CT", PixelSpacing=[0.2, 0.1], PixelAspectRatio=[1, 1]))
    assert distance((0, 0), (100, 50), spacing)[0] == pytest.approx(14.142, rel=1e-4)  # hypot(10 mm, 10 mm)
    assert display_aspect(spacing) == pytest.approx(0.5)

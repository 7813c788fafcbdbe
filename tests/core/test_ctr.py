"""The cardiothoracic ratio's figures from two drawn widths, worked out by hand, on spacings read from real DICOM.

Each width is its horizontal extent in the image frame (columns × column spacing): the rows of its ends, the
direction of the drag and the row spacing do not count, and the ratio needs no spacing at all.
"""

from __future__ import annotations

import pytest

from cxr_viewer.core.ctr import cardiothoracic_ratio, ctr_text, heart_only_text, horizontal_width, view_caveat
from cxr_viewer.core.loader import load_image
from cxr_viewer.core.spacing import UNCALIBRATED
from tests import dicom_factory

HEART = (200.0, 300.0, 600.0, 300.0)  # 400 columns
CHEST = (100.0, 400.0, 900.0, 400.0)  # 800 columns


def _spacing(tmp_path, **tags):
    return load_image(dicom_factory.make_cr(tmp_path / "film.dcm", rows=8, cols=8, spacing=None, **tags)).spacing


def test_calibrated_widths_in_mm_and_their_ratio(tmp_path):
    spacing = _spacing(tmp_path, PixelSpacing=[0.35, 0.35])
    ctr = cardiothoracic_ratio(HEART, CHEST, spacing)
    assert (ctr.heart, ctr.chest, ctr.unit) == (pytest.approx(140.0), pytest.approx(280.0), "mm")
    assert ctr.ratio == pytest.approx(0.5)
    assert ctr_text(HEART, CHEST, spacing, "PA") == "CTR 0.50 (heart 140 mm / chest 280 mm)"


def test_only_the_horizontal_extent_counts_whatever_the_rows_and_the_direction(tmp_path):
    spacing = _spacing(tmp_path, PixelSpacing=[0.35, 0.35])
    diagonal_heart = (600.0, 250.0, 215.0, 330.0)  # right to left and downwards: 385 columns, 80 rows
    assert horizontal_width(diagonal_heart, spacing) == (pytest.approx(134.75), "mm")
    assert ctr_text(diagonal_heart, CHEST, spacing, "PA") == "CTR 0.48 (heart 135 mm / chest 280 mm)"


def test_uncalibrated_film_gives_pixels_and_the_same_ratio(tmp_path):
    spacing = _spacing(tmp_path, PixelSpacing=[0, 0])  # RG1's "0\0": no usable spacing
    assert spacing == UNCALIBRATED or not spacing.calibrated
    assert ctr_text(HEART, CHEST, spacing, "PA") == "CTR 0.50 (heart 400 px / chest 800 px)"


def test_non_square_pixels_take_the_column_spacing_only(tmp_path):
    spacing = _spacing(tmp_path, PixelSpacing=[0.2, 0.1])  # rows 0.2 mm apart, columns 0.1 mm
    tilted = (200.0, 0.0, 600.0, 500.0)  # 400 columns and 500 rows: the rows must not add anything
    assert horizontal_width(tilted, spacing) == (pytest.approx(40.0), "mm")
    assert ctr_text(tilted, CHEST, spacing, "PA") == "CTR 0.50 (heart 40 mm / chest 80 mm)"


def test_uncalibrated_non_square_pixels_say_that_a_px_is_the_short_side(tmp_path):
    """As the distance tool's label does: without it "800 px" reads as 800 columns, not 1600 short sides."""
    spacing = _spacing(tmp_path, PixelAspectRatio=[1, 2])  # wide pixels: a column step is two short sides
    note = "uncalibrated, non-square pixels: px = short side"
    assert ctr_text(HEART, CHEST, spacing, "AP") == ("CTR 0.50 (heart 800 px / chest 1600 px)\n"
                                                     f"{note}\nAP film: heart magnified, 0.50 is a PA cut-off")
    assert heart_only_text(HEART, spacing) == (f"CTR heart 800 px\n{note}\n"
                                               "now drag the chest width (inner rib margins)")


def test_the_ratio_does_not_depend_on_the_spacing(tmp_path):
    ratios = {cardiothoracic_ratio(HEART, (0.0, 0.0, 700.0, 0.0), s).ratio
              for s in (UNCALIBRATED, _spacing(tmp_path, PixelSpacing=[0.1, 0.1]),
                        _spacing(tmp_path, ImagerPixelSpacing=[0.15, 0.15], EstimatedRadiographicMagnificationFactor=1.1))}
    assert len(ratios) == 1 and ratios.pop() == pytest.approx(400 / 700)


@pytest.mark.parametrize(("view", "caveat"), [
    ("PA", ""), (" pa ", ""),
    ("AP", "AP film: heart magnified, 0.50 is a PA cut-off"),
    ("", "view not stated: 0.50 is a PA cut-off"), (None, "view not stated: 0.50 is a PA cut-off"),
    ("LL", "LL view: the CTR is read on a PA film"),
])
def test_a_film_that_is_not_pa_says_why_the_cut_off_does_not_apply(view, caveat):
    assert view_caveat(view) == caveat
    text = ctr_text(HEART, CHEST, UNCALIBRATED, view)
    assert text == ("CTR 0.50 (heart 400 px / chest 800 px)" + (f"\n{caveat}" if caveat else ""))


def test_a_zero_chest_width_gives_no_ratio():
    assert cardiothoracic_ratio(HEART, (5.0, 5.0, 5.0, 90.0), UNCALIBRATED).ratio is None
    assert ctr_text(HEART, (5.0, 5.0, 5.0, 90.0), UNCALIBRATED, "PA") == "CTR – (heart 400 px / chest 0 px)"


def test_the_heart_alone_asks_for_the_chest(tmp_path):
    spacing = _spacing(tmp_path, PixelSpacing=[0.35, 0.35])
    assert heart_only_text(HEART, spacing) == "CTR heart 140 mm\nnow drag the chest width (inner rib margins)"

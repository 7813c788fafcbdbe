"""Which spacing a film's millimetres rest on, read as PS3.3 10.7.1.1 and C.8.11.7 say, from real DICOM files.

Pixel Spacing is "in the patient" only when it was corrected or calibrated: equal to Imager Pixel Spacing it is the
detector plane (magnified), different from it or with a Pixel Spacing Calibration Type it is calibrated, and alone on
a projection radiograph nobody can tell. Each case is a file written with pydicom and opened by the viewer's loader;
the figures are worked out by hand.
"""

from __future__ import annotations

import pytest

from cxr_viewer.core.calibration import SpacingSource
from cxr_viewer.core.loader import load_image
from cxr_viewer.core.spacing import calibration_note, distance
from tests import dicom_factory


def _open(tmp_path, **tags):
    return load_image(dicom_factory.make_cr(tmp_path / "film.dcm", rows=8, cols=8, spacing=None, **tags)).spacing


def test_pixel_spacing_equal_to_imager_spacing_is_the_detector_plane(tmp_path):
    # the same numbers written with other rounding are still "the same" (10.7.1.1: not calibrated)
    spacing = _open(tmp_path, PixelSpacing=["0.150", "0.150"], ImagerPixelSpacing=["0.15", "0.15"])
    assert spacing.source is SpacingSource.IMAGER_AT_DETECTOR
    assert (spacing.row_mm, spacing.col_mm) == (0.15, 0.15)
    assert calibration_note(spacing) == "at detector, magnified"


def test_pixel_spacing_equal_to_imager_spacing_takes_the_magnification_factor(tmp_path):
    # uncorrected Pixel Spacing: the estimated magnification 1.2 still applies, 0.15 / 1.2 = 0.125 mm
    spacing = _open(tmp_path, PixelSpacing=[0.15, 0.15], ImagerPixelSpacing=[0.15, 0.15],
                    EstimatedRadiographicMagnificationFactor=1.2)
    assert spacing.source is SpacingSource.IMAGER_CORRECTED
    assert (spacing.row_mm, spacing.col_mm) == pytest.approx((0.125, 0.125))
    assert calibration_note(spacing) == "corrected for est. magnification 1.2"


def test_pixel_spacing_different_from_imager_spacing_is_calibrated(tmp_path):
    spacing = _open(tmp_path, PixelSpacing=[0.136, 0.136], ImagerPixelSpacing=[0.15, 0.15],
                    EstimatedRadiographicMagnificationFactor=1.1)
    assert spacing.source is SpacingSource.CALIBRATED  # Pixel Spacing wins over Imager / ERMF once it differs
    assert (spacing.row_mm, spacing.col_mm) == (0.136, 0.136)
    assert calibration_note(spacing) == "calibrated"


def test_the_calibration_type_and_description_are_said(tmp_path):
    spacing = _open(tmp_path, PixelSpacing=[0.14, 0.14], ImagerPixelSpacing=[0.15, 0.15],
                    PixelSpacingCalibrationType="FIDUCIAL", PixelSpacingCalibrationDescription="25 mm ball on skin")
    assert spacing.source is SpacingSource.CALIBRATED
    assert calibration_note(spacing) == "calibrated: FIDUCIAL, 25 mm ball on skin"
    # a calibration type makes Pixel Spacing calibrated even without Imager Pixel Spacing to compare with
    alone = _open(tmp_path, PixelSpacing=[0.14, 0.14], PixelSpacingCalibrationType="GEOMETRY")
    assert alone.source is SpacingSource.CALIBRATED and calibration_note(alone) == "calibrated: GEOMETRY"


def test_pixel_spacing_alone_on_a_radiograph_is_of_unknown_calibration(tmp_path):
    spacing = _open(tmp_path, PixelSpacing=[0.2, 0.2])
    assert spacing.source is SpacingSource.PIXEL_SPACING_UNVERIFIED
    assert calibration_note(spacing) == "Pixel Spacing, calibration unknown"


def test_pixel_spacing_of_a_cross_sectional_image_is_plain_mm(tmp_path):
    spacing = load_image(dicom_factory.make_ct_like(tmp_path / "ct.dcm", rows=8, cols=8)).spacing
    assert spacing.source is SpacingSource.PIXEL_SPACING and calibration_note(spacing) == ""


def test_imager_spacing_alone_and_with_the_magnification_factor(tmp_path):
    at_detector = _open(tmp_path, ImagerPixelSpacing=[0.15, 0.15])
    assert at_detector.source is SpacingSource.IMAGER_AT_DETECTOR
    corrected = _open(tmp_path, ImagerPixelSpacing=[0.165, 0.132], EstimatedRadiographicMagnificationFactor=1.1)
    assert corrected.source is SpacingSource.IMAGER_CORRECTED
    assert (corrected.row_mm, corrected.col_mm) == pytest.approx((0.15, 0.12))
    assert calibration_note(corrected) == "corrected for est. magnification 1.1"


def test_a_diagonal_on_non_square_pixels_uses_both_spacings(tmp_path):
    spacing = _open(tmp_path, PixelSpacing=[0.2, 0.1])  # rows 0.2 mm apart, columns 0.1 mm
    value, unit = distance((0, 0), (3, 4), spacing)  # 3 columns and 4 rows: hypot(0.3, 0.8)
    assert unit == "mm" and value == pytest.approx(0.854400, abs=1e-6)


def test_no_spacing_at_all_is_pixels_and_says_so(tmp_path):
    spacing = _open(tmp_path)
    assert not spacing.calibrated and calibration_note(spacing) == "uncalibrated"
    assert distance((0, 0), (3, 4), spacing) == (5.0, "px")


def test_a_digitised_film_measures_on_the_film_by_its_nominal_scanned_spacing(tmp_path):
    # a Secondary Capture of a scanned film (JSRT's 0.175 mm) has neither Pixel nor Imager Pixel Spacing
    spacing = _open(tmp_path, NominalScannedPixelSpacing=[0.175, 0.175])
    assert spacing.source is SpacingSource.SCANNED_FILM and (spacing.row_mm, spacing.col_mm) == (0.175, 0.175)
    assert calibration_note(spacing) == "on the digitised film, magnified"
    assert distance((0, 0), (100, 0), spacing) == (pytest.approx(17.5), "mm")
    # Pixel Spacing, where a scanner writes it too, stays what it says it is
    assert _open(tmp_path, NominalScannedPixelSpacing=[0.175, 0.175], PixelSpacing=[0.2, 0.2]).row_mm == 0.2

"""Angles between two arms, worked out by hand, on spacings read from real DICOM: degrees need no unit, but
non-square pixels change the angle the patient has, so the arms are taken into mm first."""

from __future__ import annotations

import math

import pytest

from cxr_viewer.core.angle import angle_degrees, angle_text
from cxr_viewer.core.loader import load_image
from cxr_viewer.core.spacing import UNCALIBRATED
from tests import dicom_factory


def _spacing(tmp_path, **tags):
    return load_image(dicom_factory.make_cr(tmp_path / "film.dcm", rows=8, cols=8, spacing=None, **tags)).spacing


@pytest.mark.parametrize(("first", "second", "degrees"), [
    ((10.0, 0.0), (0.0, 10.0), 90.0),
    ((10.0, 0.0), (10.0, 10.0), 45.0),
    ((10.0, 0.0), (-10.0, 0.0), 180.0),
    ((10.0, 0.0), (20.0, 0.0), 0.0),
    ((10.0, 0.0), (10.0, -10.0 * math.sqrt(3)), 60.0),
])
def test_known_angles_on_square_pixels_whatever_the_spacing(tmp_path, first, second, degrees):
    for spacing in (UNCALIBRATED, _spacing(tmp_path, PixelSpacing=[0.2, 0.2])):
        assert angle_degrees(first, (0.0, 0.0), second, spacing) == pytest.approx(degrees)


def test_the_angle_does_not_depend_on_which_arm_was_drawn_first(tmp_path):
    a, vertex, b = (3.0, 7.0), (1.0, 1.0), (9.0, 2.0)
    assert angle_degrees(a, vertex, b, UNCALIBRATED) == pytest.approx(angle_degrees(b, vertex, a, UNCALIBRATED))


def test_non_square_calibrated_pixels_measure_the_patients_angle(tmp_path):
    spacing = _spacing(tmp_path, PixelSpacing=[0.2, 0.1])  # rows 0.2 mm apart, columns 0.1 mm
    # along the columns 10 px = 1 mm, then the pixels' diagonal: 1 mm across, 2 mm down → atan(2) = 63.43°
    assert angle_degrees((10.0, 0.0), (0.0, 0.0), (10.0, 10.0), spacing) == pytest.approx(63.4349, abs=1e-3)
    assert angle_text(angle_degrees((10.0, 0.0), (0.0, 0.0), (10.0, 10.0), spacing)) == "Angle 63.4°"


def test_an_uncalibrated_pixel_aspect_ratio_counts_too(tmp_path):
    spacing = _spacing(tmp_path, PixelAspectRatio=[2, 1])  # each pixel twice as tall as wide, no mm
    assert angle_degrees((10.0, 0.0), (0.0, 0.0), (10.0, 10.0), spacing) == pytest.approx(63.4349, abs=1e-3)


def test_an_arm_without_length_has_no_angle():
    assert angle_degrees((0.0, 0.0), (0.0, 0.0), (5.0, 5.0), UNCALIBRATED) is None
    assert angle_text(None) == "Angle –"
    assert angle_text(32.54) == "Angle 32.5°"

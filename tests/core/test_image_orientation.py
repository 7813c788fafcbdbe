"""Image Orientation (Patient) cosines → edge letters (PS3.3 C.7.6.2.1.1, LPS patient frame), Qt-free."""

from __future__ import annotations

import pytest
from pydicom.dataset import Dataset

from cxr_viewer.core.image_orientation import cosine_letters, film_orientation, orientation_from_cosines


@pytest.mark.parametrize(("vector", "letters"), [
    ((1, 0, 0), "L"), ((-1, 0, 0), "R"), ((0, 1, 0), "P"), ((0, -1, 0), "A"), ((0, 0, 1), "H"), ((0, 0, -1), "F"),
    ((0.8660254, 0.5, 0), "LP"), ((-0.5, 0, -0.8660254), "FR"),
    ((0.8, -0.36, 0.48), "LHA"),  # three axes, largest first
    ((1.0, 0.00005, 0), "L"),  # rounding noise in the header is not an obliquity
])
def test_cosine_letters(vector, letters):
    assert cosine_letters(vector) == letters


@pytest.mark.parametrize("value", [
    None, [], [1, 0, 0, 0, 1], ["a", 0, 0, 0, 1, 0], [1, 0, 0, 1, 0, 0],  # too few, unreadable, parallel
    [0, 0, 0, 0, 0, -1], [2, 0, 0, 0, 0, -2], [1, 0, 0, 0, float("nan"), -1],  # zero, not unit, not finite
])
def test_unusable_cosines_give_no_letters(value):
    assert orientation_from_cosines(value) is None


def test_patient_orientation_first_then_cosines():
    ds = Dataset()
    ds.ImageOrientationPatient = [0, 1, 0, 0, 0, -1]
    assert film_orientation(ds) == ("P", "F")
    ds.PatientOrientation = ["L", "F"]
    assert film_orientation(ds) == ("L", "F")
    del ds.PatientOrientation
    ds.AnatomicalOrientationType = "QUADRUPED"
    assert film_orientation(ds) is None
    assert film_orientation(None) is None

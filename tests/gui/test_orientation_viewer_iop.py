"""Edge letters from Image Orientation (Patient) (0020,0037) when Patient Orientation (0020,0020) is absent.

A film whose header gives its plane only as direction cosines (DX, CT or MR scouts, a tomosynthesis slice) showed
no letters at all. The row and column cosines name the patient directions in the LPS patient frame (PS3.3
C.7.6.2.1.1: +x left, +y posterior, +z head); each becomes up to three letters, largest component first, so an
oblique plane reads e.g. "LP" (the rule of dicom3tools, OsiriX and OHIF).
"""

from __future__ import annotations

import pytest

from tests.dicom_factory import make_dx

pytestmark = pytest.mark.gui

COS30, SIN30 = 0.8660254, 0.5


def _letters(pane) -> dict[str, str]:
    return {edge: label.text() if label.isVisible() else "" for edge, label in pane.corners.edges.labels.items()}


@pytest.mark.parametrize(("cosines", "expected"), [
    ([1, 0, 0, 0, 0, -1], {"left": "R", "right": "L", "top": "H", "bottom": "F"}),  # coronal: a PA chest as read
    ([-1, 0, 0, 0, 0, -1], {"left": "L", "right": "R", "top": "H", "bottom": "F"}),  # an AP film seen from the tube
    ([0, 1, 0, 0, 0, -1], {"left": "A", "right": "P", "top": "H", "bottom": "F"}),  # sagittal
    ([COS30, SIN30, 0, 0, 0, -1], {"left": "RA", "right": "LP", "top": "H", "bottom": "F"}),  # 30° oblique
])
def test_letters_come_from_image_orientation_patient(window, tmp_path, qtbot, cosines, expected):
    path = make_dx(tmp_path / "dx.dcm", rows=300, cols=300, ImageOrientationPatient=cosines)
    window.open_paths([path])
    pane = window.layout_panes.primary
    assert _letters(pane) == expected


def test_patient_orientation_wins_and_a_quadruped_gets_no_letters(window, tmp_path, qtbot):
    both = make_dx(tmp_path / "both.dcm", rows=300, cols=300, PatientOrientation=["L", "F"],
                   ImageOrientationPatient=[0, 1, 0, 0, 0, -1])
    animal = make_dx(tmp_path / "animal.dcm", rows=300, cols=300, ImageOrientationPatient=[1, 0, 0, 0, 0, -1],
                     AnatomicalOrientationType="QUADRUPED")
    window.open_paths([both])
    pane = window.layout_panes.primary
    assert _letters(pane) == {"left": "R", "right": "L", "top": "H", "bottom": "F"}
    window.open_paths([animal])
    assert _letters(pane) == {"left": "", "right": "", "top": "", "bottom": ""}

"""On a prior opened from the Studies dock, 1×2 shows the study that followed it from the study index, labelled
"later study" (the pane had said "no study of this patient to compare" although the index held it); a patient with
a single study still gets an empty pane, and a prior in the index still wins."""

from __future__ import annotations

import pytest
from PySide6 import QtCore

from cxr_viewer.index.importer import import_paths
from tests import dicom_factory

pytestmark = pytest.mark.gui
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
STUDIES = {  # name: (PatientID, PatientName, StudyDate, StudyInstanceUID)
    "old": ("A1", "Alpha^Ann", "20230105", "1.2.826.0.6.1"),
    "prior": ("A1", "Alpha^Ann", "20250601", "1.2.826.0.6.2"),
    "current": ("A1", "Alpha^Ann", "20261201", "1.2.826.0.6.3"),
    "bob": ("B2", "Beta^Bob", "20250601", "1.2.826.0.6.4"),
}


@pytest.fixture
def indexed(browser_window, tmp_path):
    films = {}
    for seed, (name, (patient, patient_name, date, uid)) in enumerate(STUDIES.items()):
        films[name] = dicom_factory.make_cr(tmp_path / "studies" / name / "im1.dcm", rows=120, cols=100, seed=seed,
                                            PatientID=patient, PatientName=patient_name, StudyDate=date,
                                            StudyInstanceUID=uid)
    import_paths(browser_window.browser.index, [tmp_path / "studies"])
    browser_window.browser.search()
    return browser_window, films


def _open(window, name: str) -> None:
    browser = window.browser
    browser.open_study([row.study_uid for row in browser.rows].index(STUDIES[name][3]))
    assert window.layout_panes.primary.image.path.parent.name == name


def test_the_oldest_study_gets_the_study_that_followed_it_from_the_index(indexed, qtbot, tmp_path):
    window, films = indexed
    first, second = window.layout_panes.panes
    _open(window, "old")
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert second.image is not None and second.image.path == films["prior"]  # the next one, not the newest
    assert second.corners.texts["bottom_right"] == (
        "im1.dcm\nlater study · 2025-06-01\n2.3 years later\nfrom the study index")
    window.grab().save(str(tmp_path / "later_study.png"))  # to look at: the corner in 1×2
    _open(window, "prior")  # it has a prior: the prior, as before
    assert second.image.path == films["old"]
    assert second.corners.texts["bottom_right"].startswith("im1.dcm\nprior · 2023-01-05")
    _open(window, "bob")  # a single study: nothing, never another patient's
    assert second.image is None
    assert second.corners.texts["bottom_right"] == "no study of this patient to compare"

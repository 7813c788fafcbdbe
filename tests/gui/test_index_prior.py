"""A study opened from the Studies dock comes with its own files only; Ctrl+2 still puts the patient's prior beside
it, found in the study index: never another patient's study, never over a study of the patient opened with it, and a
prior whose file has gone is said to be missing rather than opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore

from cxr_viewer.index.importer import import_paths
from tests import dicom_factory

pytestmark = pytest.mark.gui
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier


def _film(path: Path, patient: str, name: str, date: str | None, uid: str, series: int = 1, instance: int = 1,
          seed: int = 0) -> Path:
    return dicom_factory.make_cr(path, rows=200, cols=300, spacing=0.2, seed=seed, PatientID=patient,
                                 PatientName=name, StudyDate=date, StudyInstanceUID=uid,
                                 SeriesInstanceUID=f"{uid}.{series}", SeriesNumber=series, InstanceNumber=instance)


@pytest.fixture
def indexed(browser_window, tmp_path):
    """Ann's film of 2024-03-01 with her studies of 2020, 2023 (two series) and June 2024 in the index, and Bob's of
    2024-02-28; each study in its own folder, as a PACS retrieval or a CD leaves them."""
    root = tmp_path / "studies"
    films = {
        "current": _film(root / "current" / "im1.dcm", "A1", "Alpha^Ann", "20240301", "1.2.826.0.5.1"),
        "older": _film(root / "older" / "im1.dcm", "A1", "Alpha^Ann", "20200101", "1.2.826.0.5.2", seed=1),
        "prior_lateral": _film(root / "prior" / "a_lat.dcm", "A1", "Alpha^Ann", "20230105", "1.2.826.0.5.3",
                               series=2, seed=2),
        "prior": _film(root / "prior" / "b_pa.dcm", "A1", "Alpha^Ann", "20230105", "1.2.826.0.5.3", seed=3),
        "later": _film(root / "later" / "im1.dcm", "A1", "Alpha^Ann", "20240601", "1.2.826.0.5.4", seed=4),
        "bob": _film(root / "bob" / "im1.dcm", "B2", "Beta^Bob", "20240228", "1.2.826.0.5.5", seed=5),
        "undated": _film(root / "undated" / "im1.dcm", "D4", "Delta^Dan", None, "1.2.826.0.5.6", seed=6),
        "dan_prior": _film(root / "dan" / "im1.dcm", "D4", "Delta^Dan", "20230105", "1.2.826.0.5.7", seed=7),
    }
    assert import_paths(browser_window.browser.index, [root]).added == len(films)
    browser_window.browser.search()
    return browser_window, films


def _open_from_dock(window, qtbot, study_uid: str) -> None:
    """Double-click the study's row in the Studies dock, as the reader does."""
    browser = window.browser
    row = [r.study_uid for r in browser.rows].index(study_uid)
    centre = browser.table.visualItemRect(browser.table.item(row, 0)).center()
    qtbot.mouseClick(browser.table.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(browser.table.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=centre)
    assert window.layout_panes.primary.image.metadata["StudyInstanceUID"] == study_uid


def test_ctrl_2_on_a_study_opened_from_the_dock_shows_the_prior_from_the_index(indexed, qtbot):
    window, films = indexed
    _open_from_dock(window, qtbot, "1.2.826.0.5.1")
    assert window.opener.navigator.studies == [[films["current"]]]  # the list holds this study only
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert second.isVisible() and second.image is not None
    assert second.image.path == films["prior"]  # 2023, not 2020 nor June 2024; its series 1, not the lateral
    assert second.corners.texts["bottom_right"] == "b_pa.dcm\nprior · 2023-01-05\n13 months earlier\nfrom the study index"
    assert second.corners.texts["top_right"].startswith("2023-01-05")
    assert first.image.path == films["current"] and window.layout_panes.active is first


def test_another_patients_study_is_never_taken(indexed, qtbot):
    """Bob has no other study; Ann's, one of them dated just before his, must not stand beside his film."""
    window, films = indexed
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    _open_from_dock(window, qtbot, "1.2.826.0.5.5")
    assert second.image is None
    assert second.corners.texts["bottom_right"] == "no study of this patient to compare"
    _open_from_dock(window, qtbot, "1.2.826.0.5.4")  # and Ann's later study gets her current one, not Bob's
    assert second.image.path == films["current"]


def test_a_study_of_the_patient_opened_with_the_film_wins_over_the_index(indexed, qtbot):
    window, films = indexed
    window.open_paths([films["current"], films["older"]])
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert second.image.path == films["older"]
    assert second.corners.texts["bottom_right"] == "im1.dcm\nprior · 2020-01-01\n4.2 years earlier"


def test_a_prior_in_the_index_wins_over_a_later_study_opened_with_the_film(indexed, qtbot):
    """Ann's March film opened together with her June film: the June film is no prior; her 2023 study in the index
    is (a reader compares with what came before, not with what came after)."""
    window, films = indexed
    window.open_paths([films["current"], films["later"]])
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert second.image.path == films["prior"]
    assert second.corners.texts["bottom_right"].endswith("prior · 2023-01-05\n13 months earlier\nfrom the study index")


def test_a_prior_missing_on_disk_is_said_to_be_missing(indexed, qtbot):
    window, films = indexed
    films["prior"].unlink()  # moved away after the import; the index still points at it
    _open_from_dock(window, qtbot, "1.2.826.0.5.1")
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert second.isVisible() and second.image is None
    assert second.corners.texts["bottom_right"] == f"comparison missing on disk:\n{films['prior']}"
    assert window.messages.messages() == []  # said where the reader looks, not as an error to dismiss
    qtbot.keyClick(first, QtCore.Qt.Key.Key_I)  # the viewer goes on
    assert first.state.invert != first.image.default_invert


def test_an_undated_film_gets_no_prior_from_the_index_and_says_why(indexed, qtbot):
    """Dan's film has no Study Date: his dated study in the index may be earlier or later, so it is not shown."""
    window, _films = indexed
    window.browser.text.setText("Delta")
    window.browser.search()
    _open_from_dock(window, qtbot, "1.2.826.0.5.6")
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert second.image is None
    assert second.corners.texts["bottom_right"] == "no study date on this film: no prior sought in the study index"

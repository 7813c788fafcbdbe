"""An import into the study index that brings the patient's prior fills the empty comparison pane at once (no
navigation needed), and a newer earlier study replaces an older index prior; a film the reader opened with the study
is never replaced, and a film already shown is not reloaded (the reader's window on it stays)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore

from cxr_viewer.index.importer import import_paths
from tests import dicom_factory

pytestmark = pytest.mark.gui
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
ANN, CURRENT = "A1", "1.2.826.0.6.1"


def _film(path: Path, date: str, uid: str, series: int = 1, seed: int = 0, patient: str = ANN) -> Path:
    return dicom_factory.make_cr(path, rows=200, cols=300, spacing=0.2, seed=seed, PatientID=patient,
                                 PatientName="Alpha^Ann" if patient == ANN else "Beta^Bob", StudyDate=date,
                                 StudyInstanceUID=uid, SeriesInstanceUID=f"{uid}.{series}", SeriesNumber=series,
                                 InstanceNumber=1)


@pytest.fixture
def films(tmp_path) -> dict[str, Path]:
    """Ann's film of 2024-03-01 (with a lateral of the same study), her studies of 2020, 2023 and June 2024, and
    Bob's film of 2023; each study in its own folder, so each can be imported alone."""
    root = tmp_path / "studies"
    return {
        "current": _film(root / "current" / "pa.dcm", "20240301", CURRENT),
        "lateral": _film(tmp_path / "not_indexed" / "lat.dcm", "20240301", CURRENT, series=2, seed=1),
        "older": _film(root / "older" / "im1.dcm", "20200101", "1.2.826.0.6.2", seed=2),
        "prior": _film(root / "prior" / "im1.dcm", "20230105", "1.2.826.0.6.3", seed=3),
        "later": _film(root / "later" / "im1.dcm", "20240601", "1.2.826.0.6.4", seed=4),
        "bob": _film(root / "bob" / "im1.dcm", "20230105", "1.2.826.0.6.5", seed=5, patient="B2"),
    }


def _index(window, *paths: Path) -> None:
    assert import_paths(window.browser.index, [path.parent for path in paths]).added == len(paths)
    window.browser.search()


def _open_current_from_dock(window) -> None:
    browser = window.browser
    browser.open_study([row.study_uid for row in browser.rows].index(CURRENT))
    assert window.layout_panes.primary.image.metadata["StudyInstanceUID"] == CURRENT


def _import_folder(window, qtbot, folder: Path) -> None:
    """Import as Import folder… does: a background task, then ``import_finished`` on the GUI thread."""
    with qtbot.waitSignal(window.browser.import_finished, timeout=30000):
        window.browser.import_folder(folder)


def test_an_import_bringing_the_prior_fills_the_empty_comparison_pane(browser_window, films, qtbot):
    window = browser_window
    _index(window, films["current"])
    _open_current_from_dock(window)
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert second.image is None
    assert second.corners.texts["bottom_right"] == "no study of this patient to compare"
    _import_folder(window, qtbot, films["bob"].parent)  # another patient's study: still nothing to compare
    assert second.image is None
    _import_folder(window, qtbot, films["prior"].parent)
    assert second.image is not None and second.image.path == films["prior"]
    assert second.corners.texts["bottom_right"] == "im1.dcm\nprior · 2023-01-05\n13 months earlier\nfrom the study index"
    assert second.corners.texts["top_right"].startswith("2023-01-05")
    assert first.image.path == films["current"]


def test_a_newer_prior_replaces_an_older_index_prior_and_a_shown_prior_is_not_reloaded(browser_window, films,
                                                                                           qtbot):
    window = browser_window
    _index(window, films["current"], films["older"])
    _open_current_from_dock(window)
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert second.image.path == films["older"]
    _import_folder(window, qtbot, films["prior"].parent)  # 2023 is nearer to 2024-03 than 2020
    assert second.image.path == films["prior"]
    assert second.corners.texts["bottom_right"].endswith("prior · 2023-01-05\n13 months earlier\nfrom the study index")
    qtbot.mouseClick(second, QtCore.Qt.MouseButton.LeftButton)
    qtbot.keyClick(second, QtCore.Qt.Key.Key_I)  # the reader's own change to the prior
    assert second.state.invert != second.image.default_invert
    _import_folder(window, qtbot, films["later"].parent)  # after the film: no prior, nothing changes
    _import_folder(window, qtbot, films["older"].parent)  # imported again: still older than the one shown
    assert second.image.path == films["prior"]
    assert second.state.invert != second.image.default_invert


@pytest.mark.parametrize("opened_with", ["lateral", "later"])
def test_an_import_never_replaces_a_film_opened_with_the_study(browser_window, films, qtbot, opened_with):
    """Another image of the study, or a later study of the patient, opened together with the film: the pane shows it
    until the reader moves on, even when the index now holds a prior (which the next navigation shows)."""
    window = browser_window
    _index(window, films["current"])
    window.open_paths([films["current"], films[opened_with]])
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=CTRL)
    assert second.image.path == films[opened_with]
    _import_folder(window, qtbot, films["prior"].parent)
    assert second.image.path == films[opened_with]
    said = {"lateral": "lat.dcm\nsame study · image 2/2", "later": "im1.dcm\nlater study · 2024-06-01\n3 months later"}
    assert second.corners.texts["bottom_right"] == said[opened_with]

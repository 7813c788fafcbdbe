"""A keyboard-first reading of a list of studies: the comparison pane and the way back from a dock to the image."""

from __future__ import annotations

import inspect

import pydicom
import pytest
from PySide6 import QtCore, QtWidgets

from tests import dicom_factory

pytestmark = pytest.mark.gui


def _study(path, patient_id: str, name: str, date: str, uid: str):
    return dicom_factory.make_cr(path, rows=60, cols=80, PatientID=patient_id, PatientName=name, StudyDate=date,
                                 StudyInstanceUID=uid)


def test_the_comparison_pane_shows_the_same_patients_prior_never_another_patients_film(window, tmp_path, qtbot):
    """A day's list in the order given: Ann's study, Bob's, Ann's prior, Ann's older prior. Ctrl+2 puts Ann's latest
    prior beside her film (not Bob's, the next in the list); on Bob's study, with no other study of his open, the
    comparison pane is emptied and says why instead of keeping Ann's film beside Bob's."""
    _study(tmp_path / "a_current.dcm", "A1", "Alpha^Ann", "20240301", "1.2.3.1")
    _study(tmp_path / "b_other.dcm", "B2", "Beta^Bob", "20240302", "1.2.3.2")
    _study(tmp_path / "c_prior.dcm", "A1", "Alpha^Ann", "20230105", "1.2.3.3")
    _study(tmp_path / "d_older.dcm", "A1", "Alpha^Ann", "20200101", "1.2.3.4")
    window.open_paths(sorted(tmp_path.glob("*.dcm")))  # files given one by one keep their order (a folder's would
    # be reading order: the patient with the newest study, Bob, first)
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert second.isVisible() and second.image is not None
    assert (second.image.metadata["PatientID"], second.image.metadata["StudyDate"]) == ("A1", "20230105")
    qtbot.keyClick(first, QtCore.Qt.Key.Key_Down)  # Bob's study
    assert first.image.metadata["PatientID"] == "B2"
    assert second.image is None
    assert second.corners.texts["bottom_right"] == "no study of this patient to compare"
    assert "Alpha" not in " ".join(second.corners.texts.values())


def test_escape_in_a_dock_gives_the_keyboard_back_to_the_image(window, tmp_path, qtbot):
    """After a click into the tag search (or the study list) the arrow keys belong to that field; Escape hands the
    keyboard back to the image, so the reader steps on without the mouse."""
    for number in (1, 2):
        _study(tmp_path / f"image{number}.dcm", "A1", "Alpha^Ann", "20240301", "1.2.3.1")
    window.open_paths([tmp_path])
    pane = window.layout_panes.primary
    search = window.tag_panel.findChild(QtWidgets.QLineEdit)
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClick(search, QtCore.Qt.Key.Key_Right)
    assert window.opener.navigator.image == 0  # the field keeps its own arrow keys
    qtbot.keyClick(search, QtCore.Qt.Key.Key_Escape)
    assert pane.hasFocus()
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_Right)
    assert window.opener.navigator.position_text().startswith("Image 2/2")


def test_the_prior_is_found_without_reading_the_studies_headers_again(window, tmp_path, qtbot, monkeypatch):
    """The patient and date of every study come from the header read that grouped the list: Ctrl+2 (and each step
    after it) reads no header on the GUI thread, only the prior's own pixels (one pass over a 300-study list took
    about 0.1 s there)."""
    _study(tmp_path / "a_current.dcm", "A1", "Alpha^Ann", "20240301", "1.2.3.1")
    _study(tmp_path / "b_other.dcm", "B2", "Beta^Bob", "20240302", "1.2.3.2")
    _study(tmp_path / "c_prior.dcm", "A1", "Alpha^Ann", "20230105", "1.2.3.3")
    window.open_paths(sorted(tmp_path.glob("*.dcm")))  # in the order given (see above)
    header_reads = []
    read = pydicom.dcmread

    def recording_read(path, *args, **kwargs):
        opening = any(frame.function == "read_dicom" for frame in inspect.stack(0))  # a film's own header and pixels
        if kwargs.get("stop_before_pixels") and not opening:
            header_reads.append(path)
        return read(path, *args, **kwargs)

    monkeypatch.setattr(pydicom, "dcmread", recording_read)
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert second.image.metadata["StudyDate"] == "20230105"
    qtbot.keyClick(first, QtCore.Qt.Key.Key_Down)
    assert first.image.metadata["PatientID"] == "B2" and second.image is None
    assert header_reads == []

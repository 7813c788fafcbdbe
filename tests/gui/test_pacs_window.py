"""The main window's PACS window: one instance, and its Send tab offers the files of the study on screen."""

from __future__ import annotations

from PySide6 import QtCore

from tests import dicom_factory


def test_send_tab_lists_the_current_study_and_follows_study_changes(window, tmp_path, qtbot):
    first = dicom_factory.make_cr(tmp_path / "s1a.dcm", rows=40, cols=40, StudyInstanceUID="1.2.3.1")
    second = dicom_factory.make_cr(tmp_path / "s1b.dcm", rows=40, cols=40, StudyInstanceUID="1.2.3.1")
    other = dicom_factory.make_cr(tmp_path / "s2a.dcm", rows=40, cols=40, StudyInstanceUID="1.2.3.2")
    window.open_paths([tmp_path])

    window.open_pacs()
    dialog = window.pacs.dialog
    assert sorted(dialog.send_tab.paths()) == sorted([first, second])

    qtbot.keyClick(window.layout_panes.primary, QtCore.Qt.Key.Key_PageDown,
                   modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    window.open_pacs()
    assert window.pacs.dialog is dialog, "a second open must bring back the same window"
    assert dialog.send_tab.paths() == [other]
    dialog.close()


def test_send_tab_is_empty_without_an_open_study(window):
    window.open_pacs()
    assert window.pacs.dialog.send_tab.paths() == []
    window.pacs.dialog.close()

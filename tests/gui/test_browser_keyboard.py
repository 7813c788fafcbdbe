"""The Studies dock by keyboard and screen reader: every control named, Tab leaves the study table, Enter opens the
selected study (as a double-click does)."""

from __future__ import annotations

from PySide6 import QtCore

from tests.keyboard_reach import backward_steps, unnamed
from tests import dicom_factory


def _one_study_listed(browser_window, tmp_path, qtbot):
    dicom_factory.make_cr(tmp_path / "study" / "im0.dcm", rows=32, cols=32, PatientName="Key^Board")
    with qtbot.waitSignal(browser_window.browser.import_finished, timeout=30000):
        browser_window.browser.import_folder(tmp_path / "study")
    assert browser_window.browser.table.rowCount() == 1
    return browser_window.browser


def test_every_control_of_the_studies_dock_has_a_name_and_tab_walks_it_top_down(browser_window, tmp_path, qtbot):
    browser = _one_study_listed(browser_window, tmp_path, qtbot)
    assert unnamed(browser) == []
    assert backward_steps(browser) == []


def test_enter_opens_the_selected_study_and_tab_leaves_the_table(browser_window, tmp_path, qtbot):
    browser = _one_study_listed(browser_window, tmp_path, qtbot)
    table = browser.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.selectRow(0)
    qtbot.keyClick(table, QtCore.Qt.Key.Key_Return)
    image = browser_window.layout_panes.primary.image
    assert image is not None and str(image.metadata["PatientName"]) == "Key^Board", "Enter did not open the study"
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, QtCore.Qt.Key.Key_Tab)
    assert not table.hasFocus(), "Tab moved between the table's cells instead of on to the next control"


def test_the_missing_files_question_is_answered_by_alt_k_and_escape_keeps_them(browser_window, tmp_path, qtbot):
    browser = _one_study_listed(browser_window, tmp_path, qtbot)
    for path in (tmp_path / "study").iterdir():
        path.unlink()
    for answer in ((QtCore.Qt.Key.Key_K, QtCore.Qt.KeyboardModifier.AltModifier),
                   (QtCore.Qt.Key.Key_Escape, QtCore.Qt.KeyboardModifier.NoModifier)):
        with qtbot.waitSignal(browser.missing_checked, timeout=30000):
            browser.check_missing_action.trigger()
        prompt = browser.missing_prompt
        prompt.activateWindow()
        qtbot.waitUntil(prompt.isActiveWindow)
        assert prompt.defaultButton() is browser.keep_button  # Enter keeps: forgetting is never the default
        qtbot.keyClick(prompt, *answer)
        qtbot.waitUntil(lambda: not prompt.isVisible(), timeout=2000)  # a mnemonic clicks after a short flash
        assert browser_window.statusBar().currentMessage().startswith("Kept")
    assert browser.table.rowCount() == 1

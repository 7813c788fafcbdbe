"""The PACS window by keyboard and screen reader: Tab reaches every control in visual order and leaves every table,
each control has a spoken name, Alt+letter reaches the search fields, Enter searches (in the form) or retrieves (on
a result row), and Space ticks a file to send from any column of its row."""

from __future__ import annotations

from pydicom.dataset import Dataset
from PySide6 import QtCore, QtWidgets

from tests.keyboard_reach import backward_steps, unnamed
from cxr_viewer.net.nodes import DicomNode
from tests import dicom_factory
from tests.pacs.conftest import free_port
from tests.pacs.pacs_dialog_helpers import make_dialog

Key = QtCore.Qt.Key


def _shown(qtbot, tmp_path, **kwargs):
    node = DicomNode("DEAD", "127.0.0.1", free_port())
    dialog = make_dialog(qtbot, tmp_path, "CXRWS", free_port(), {"DEAD": node}, **kwargs)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    return dialog


def test_every_tab_is_walked_top_down_and_every_control_has_a_name(qtbot, tmp_path):
    dialog = _shown(qtbot, tmp_path)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        tab = dialog.tabs.widget(index)
        assert backward_steps(tab) == [], f"Tab order goes back up on {dialog.tabs.tabText(index)!r}"
        assert unnamed(tab) == [], f"controls without a name on {dialog.tabs.tabText(index)!r}"


def test_tab_leaves_the_nodes_and_send_tables(qtbot, tmp_path):
    dialog = _shown(qtbot, tmp_path)
    for tab, table in ((dialog.nodes_tab, dialog.nodes_tab.table), (dialog.send_tab, dialog.send_tab.table)):
        dialog.tabs.setCurrentWidget(tab)
        table.setFocus()
        qtbot.waitUntil(table.hasFocus)
        qtbot.keyClick(table, Key.Key_Tab)
        assert not table.hasFocus(), "Tab moved between cells instead of on to the next control"


def test_alt_letter_reaches_the_patient_name_and_enter_there_searches(qtbot, tmp_path):
    dialog = _shown(qtbot, tmp_path)
    tab = dialog.query_tab
    dialog.tabs.setCurrentWidget(tab)
    tab.search_button.setFocus()
    qtbot.keyClick(dialog, Key.Key_A, QtCore.Qt.KeyboardModifier.AltModifier)
    assert tab.form.name.hasFocus(), "Alt+A did not reach the Patient name field"
    tab.form.set_date_range(QtCore.QDate(2024, 2, 1).toPython(), QtCore.QDate(2024, 1, 1).toPython())
    qtbot.keyClick(tab.form.name, Key.Key_Return)
    assert tab.status.text().startswith("Cannot search"), "Enter in the search form did not search"


def test_enter_on_a_result_row_retrieves_it_and_does_not_search_again(qtbot, tmp_path):
    dialog = _shown(qtbot, tmp_path)
    tab = dialog.query_tab
    dialog.tabs.setCurrentWidget(tab)
    study = Dataset()
    study.PatientName, study.StudyInstanceUID, study.StudyDate = "Doe^Jane", "1.2.3", "20240101"
    tab._results_from = ("DEAD", tab.transport.currentText())
    tab.tree.show_studies([study])
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    tab.tree.setFocus()
    qtbot.waitUntil(tab.tree.hasFocus)
    searched = []
    tab.search_button.clicked.connect(lambda: searched.append(True))
    qtbot.keyClick(tab.tree, Key.Key_Return)
    assert tab.status.text().startswith("Retriev"), "Enter on the row did not retrieve it"
    assert not searched, "Enter on a result row also ran the search"
    qtbot.waitUntil(tab.retrieve_button.isEnabled, timeout=20_000)  # the dead node refuses: the retrieval ends


def test_space_ticks_a_file_from_any_column_of_its_row(qtbot, tmp_path):
    path = dicom_factory.make_cr(tmp_path / "one.dcm", rows=16, cols=16)
    dialog = _shown(qtbot, tmp_path, send_paths=lambda: [path])
    dialog.tabs.setCurrentWidget(dialog.send_tab)
    table = dialog.send_tab.table
    table.setFocus()
    table.setCurrentCell(0, 2)
    qtbot.keyClick(table, Key.Key_Space)
    assert dialog.send_tab.paths() == [], "Space on the Object column left the file ticked"
    qtbot.keyClick(table, Key.Key_Space)
    assert dialog.send_tab.paths() == [path]


def test_the_send_failures_list_and_tables_are_named_for_screen_readers(qtbot, tmp_path):
    dialog = _shown(qtbot, tmp_path)
    for widget in (dialog.send_tab.failures, dialog.send_tab.table, dialog.query_tab.tree, dialog.nodes_tab.table,
                   dialog.receiver_tab.errors):
        assert widget.accessibleName(), f"{type(widget).__name__} has no accessible name"


def test_enter_in_our_ae_title_presses_no_button_of_the_nodes_tab(qtbot, tmp_path):
    dialog = _shown(qtbot, tmp_path)
    dialog.tabs.setCurrentWidget(dialog.nodes_tab)
    field = dialog.nodes_tab.local.ae_title
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    opened = _enter_closing_windows(qtbot, field)
    assert not opened and not dialog.nodes_tab.tests.running("DEAD"), "Enter in a field pressed a button"


def test_enter_on_a_node_edits_it(qtbot, tmp_path):
    dialog = _shown(qtbot, tmp_path)
    dialog.tabs.setCurrentWidget(dialog.nodes_tab)
    table = dialog.nodes_tab.table
    table.selectRow(0)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    assert _enter_closing_windows(qtbot, table) == ["Edit node"]


def _enter_closing_windows(qtbot, widget: QtWidgets.QWidget) -> list[str]:
    """Enter on ``widget``; the titles of the modal windows it opened, each closed (a node editor opened by Enter
    would otherwise wait for an answer)."""
    opened: list[str] = []

    def close_any_window() -> None:
        modal = QtWidgets.QApplication.activeModalWidget()
        if modal is not None:
            opened.append(modal.windowTitle())
            modal.reject()

    QtCore.QTimer.singleShot(200, close_any_window)
    qtbot.keyClick(widget, Key.Key_Return)
    qtbot.wait(300)
    return opened

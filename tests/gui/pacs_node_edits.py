"""Nodes added and removed the way a user does it: through the Nodes tab of the main window's PACS window (the Add…
button and its node editor, the Remove button and its question), so the tab's own save and signal run."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.pacs.pacs_dialog_helpers import fill_next_editor


def add_node(window, name: str, port: int = 11112) -> None:
    """Open File > Query/Retrieve and add ``name`` (a local address) on its Nodes tab."""
    window.open_pacs()
    tab = window.pacs.dialog.nodes_tab
    errors = fill_next_editor(name=name, ae_title="ARCHIVE", host="127.0.0.1", port=port)
    tab.add_button.click()
    assert errors == [] and name in tab.settings.nodes


def remove_node(window, name: str) -> None:
    """Select ``name``'s row on the open PACS window's Nodes tab, press Remove and answer Yes."""
    tab = window.pacs.dialog.nodes_tab
    tab.table.selectRow(next(row for row in range(tab.table.rowCount()) if tab.table.item(row, 0).text() == name))

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer)
    tab.remove_button.click()
    assert name not in tab.settings.nodes

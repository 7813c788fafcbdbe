"""The Nodes tab: the PACS and workstations we talk to, a connection test per node, and our identity.

Each row has its own Test button so a radiologist can check one PACS without touching the others; the
answer (or the reason it failed) stays visible in the row. Changes are saved to the user config at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from cxr_viewer.gui.pacs_local_settings import LocalSettingsBox
from cxr_viewer.gui.pacs_node_editor import NodeEditor
from cxr_viewer.gui.pacs_worker import run_in_background
from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.dicomweb import DicomWebClient
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.scu import echo

COLUMNS = ("Name", "AE title", "Host", "Port", "DICOMweb", "", "Last test")
TEST_COLUMN, RESULT_COLUMN = 5, 6
ECHO_TIMEOUT_S = 10.0


def check_node(calling_ae: str, node: DicomNode) -> str:
    """C-ECHO, plus a one-study QIDO-RS when the node has a DICOMweb URL; raises with the reason."""
    status = echo(calling_ae, node, timeout_s=ECHO_TIMEOUT_S)
    text = f"C-ECHO OK (0x{status:04X})"
    if node.dicomweb_url:
        web = DicomWebClient(node.dicomweb_url, timeout_s=ECHO_TIMEOUT_S, connect_timeout_s=node.connect_timeout_s)
        web.search_studies(limit="1")
        text += ", DICOMweb OK"
    return text


class NodesTab(QWidget):
    nodes_changed = Signal()

    def __init__(self, settings: PacsSettings, save: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings, self._save = settings, save
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(RESULT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.add_button, self.edit_button = QPushButton("Add…"), QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self.add_node)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.local = LocalSettingsBox(settings, save)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.local)
        self.refresh()

    def refresh(self) -> None:
        names = sorted(self.settings.nodes)
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            node = self.settings.nodes[name]
            for column, text in enumerate((name, node.ae_title, node.host, str(node.port), node.dicomweb_url)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            button = QPushButton("Test (C-ECHO)")
            button.clicked.connect(lambda _checked=False, n=name: self.test(n))
            self.table.setCellWidget(row, TEST_COLUMN, button)
            self.table.setItem(row, RESULT_COLUMN, QTableWidgetItem(""))
        self.table.resizeColumnsToContents()

    def row_of(self, name: str) -> int:
        return sorted(self.settings.nodes).index(name)

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def test(self, name: str) -> None:
        node, calling = self.settings.nodes[name], self.settings.ae_title
        self._show_result(name, "testing…", None)
        run_in_background(self, lambda _report: check_node(calling, node),
                          lambda text: self._show_result(name, text, True),
                          lambda reason: self._show_result(name, f"Failed: {reason}", False))

    def _show_result(self, name: str, text: str, ok: bool | None) -> None:
        if name not in self.settings.nodes:
            return
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        if ok is not None:
            item.setForeground(QColor("#1e8449" if ok else "#c0392b"))
        self.table.setItem(self.row_of(name), RESULT_COLUMN, item)

    def add_node(self) -> None:
        self._edit(NodeEditor(set(self.settings.nodes), parent=self), old_name=None)

    def edit_selected(self) -> None:
        name = self.selected_name()
        if name is not None:
            self._edit(NodeEditor(set(self.settings.nodes), name, self.settings.nodes[name], self), old_name=name)

    def _edit(self, editor: NodeEditor, old_name: str | None) -> None:
        if editor.exec() != NodeEditor.DialogCode.Accepted or editor.result_node is None:
            return
        if old_name is not None:
            del self.settings.nodes[old_name]
        self.settings.nodes[editor.result_name] = editor.result_node
        self._commit()

    def remove_selected(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        answer = QMessageBox.question(self, "Remove node", f"Remove the node {name!r} from the configuration?")
        if answer == QMessageBox.StandardButton.Yes:
            del self.settings.nodes[name]
            self._commit()

    def _commit(self) -> None:
        try:
            self._save()
        except OSError as exc:
            QMessageBox.warning(self, "PACS settings", f"The node list could not be saved: {exc}")
        self.refresh()
        self.nodes_changed.emit()

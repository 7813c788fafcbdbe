"""The Nodes tab: the PACS and workstations we talk to, a connection test per node, and our identity.

Each row has its own Test button so a radiologist can check one PACS without touching the others; the
answer (or the reason it failed) stays visible in the row. While a row's test runs its button reads "Cancel":
a node that drops our SYNs may otherwise hold the row for its connect timeout (up to 300 s). The tests
themselves are kept by :class:`~cxr_viewer.gui.pacs_node_tests.NodeTests`, by node name, so rebuilding the rows
never loses one. Changes are saved to the user config at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from cxr_viewer.gui import theme
from cxr_viewer.gui.pacs_local_settings import LocalSettingsBox
from cxr_viewer.gui.pacs_node_editor import NodeEditor
from cxr_viewer.gui.pacs_node_tests import NodeTests
from cxr_viewer.net.config import PacsSettings

COLUMNS = ("Name", "AE title", "Host", "Port", "DICOMweb", "Connection", "Last test")
TEST_COLUMN, RESULT_COLUMN = 5, 6
TEST, CANCEL, CANCELLING, TESTING = "Test (C-ECHO)", "Cancel", "Cancelling…", "testing…"
OUTCOME = Qt.ItemDataRole.UserRole  # a result's success (True) or failure (False), kept for the theme's shade


class NodesTab(QWidget):
    nodes_changed = Signal()

    def __init__(self, settings: PacsSettings, save: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings, self._save = settings, save
        self.tests = NodeTests(self, self._show_result)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab goes on to the rows' Test buttons, arrows move between nodes
        self.table.setAccessibleName("PACS nodes")
        self.table.horizontalHeader().setSectionResizeMode(RESULT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        # Enter on a row edits it, as a double-click does (passed on to the window, it pressed the first button, Add…)
        edit_key = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.edit_selected)
        edit_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.add_button, self.edit_button = QPushButton("&Add…"), QPushButton("&Edit…")
        self.remove_button = QPushButton("Re&move")
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
        """Rebuild the rows; a test still running keeps its "testing…" and its Cancel button."""
        self.tests.forget_changed(self.settings.nodes)
        names = sorted(self.settings.nodes)
        self.table.setRowCount(len(names))
        before: QWidget = self.table
        for row, name in enumerate(names):
            node = self.settings.nodes[name]
            for column, text in enumerate((name, node.ae_title, node.host, str(node.port), node.dicomweb_url)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            button = QPushButton(TEST)
            button.setMinimumWidth(button.sizeHint().width())  # the column keeps its width while it reads Cancel
            button.clicked.connect(lambda _checked=False, n=name: self.test_or_cancel(n))
            self.table.setCellWidget(row, TEST_COLUMN, button)
            QWidget.setTabOrder(before, button)  # the rows' buttons come right after the table, not after Apply
            before = button
            self.table.setItem(row, RESULT_COLUMN, QTableWidgetItem(TESTING if self.tests.running(name) else ""))
            self._show_button(name)
        QWidget.setTabOrder(before, self.add_button)
        self.table.resizeColumnsToContents()

    def row_of(self, name: str) -> int | None:
        """The row showing ``name``: read from the table, which lags behind the settings until ``refresh``."""
        items = [self.table.item(row, 0) for row in range(self.table.rowCount())]
        return next((row for row, item in enumerate(items) if item is not None and item.text() == name), None)

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def test_or_cancel(self, name: str) -> None:
        """The row's button: Test when idle, Cancel while its test runs."""
        if self.tests.running(name):
            self.tests.cancel(name)
            self._show_button(name)
        else:
            self.test(name)

    def test(self, name: str) -> None:
        self.tests.start(self.settings.ae_title, name, self.settings.nodes[name])
        self._show_result(name, TESTING, None)

    def _show_result(self, name: str, text: str, ok: bool | None) -> None:
        """Put a test's outcome on its node's row (``ok`` None: neither success nor failure, e.g. "Cancelled")."""
        row = self.row_of(name)
        if row is None:
            return
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        if ok is not None:
            item.setData(OUTCOME, ok)
            self._shade(item)
        self.table.setItem(row, RESULT_COLUMN, item)
        self._show_button(name)

    def _shade(self, item: QTableWidgetItem) -> None:
        """The tab's palette, not the table's: on a theme switch the tab hears of it before its table changes."""
        ok = item.data(OUTCOME)
        item.setForeground(QColor(theme.shade(self.palette(), theme.SUCCESS if ok else theme.ERROR)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        """View > Theme switched with the dialog open: each result takes the new theme's shade. The old one stayed,
        the dark theme's light green or red on the light theme's white (1.7:1 and 2.3:1)."""
        if event.type() == QEvent.Type.PaletteChange:
            for row in range(self.table.rowCount()):
                item = self.table.item(row, RESULT_COLUMN)
                if item is not None and item.data(OUTCOME) is not None:
                    self._shade(item)
        super().changeEvent(event)

    def _show_button(self, name: str) -> None:
        row = self.row_of(name)
        button = self.table.cellWidget(row, TEST_COLUMN) if row is not None else None
        if not isinstance(button, QPushButton):
            return
        running, cancelling = self.tests.running(name), self.tests.cancelling(name)
        button.setText(CANCELLING if cancelling else CANCEL if running else TEST)
        button.setToolTip("Stop this node's test" if running else "C-ECHO the node (and QIDO-RS if it has a URL)")
        button.setEnabled(not cancelling)

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
        self.refresh()  # first: a test that ends while the save error's message box is open finds its row
        try:
            self._save()
        except OSError as exc:
            QMessageBox.warning(self, "PACS settings", f"The node list could not be saved: {exc}")
        self.nodes_changed.emit()

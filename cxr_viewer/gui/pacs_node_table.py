"""The Nodes tab's table: a row per PACS node, its own Test button and its last test's outcome.

What a row shows is kept apart from what the tab does with the nodes (add, edit, remove, save, start a test): the
node's fields, the button's three states (Test, Cancel while its test runs, Cancelling… until it stops) and the
outcome shaded by the theme, shaded again when View > Theme switches with the dialog open. Rows are found by the
node's name, never by a number kept elsewhere, since they are rebuilt whenever a node changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHeaderView, QPushButton, QTableWidget, QTableWidgetItem, QWidget

from cxr_viewer.gui import theme
from cxr_viewer.gui.pacs_node_tests import NodeTests
from cxr_viewer.net.nodes import DicomNode

COLUMNS = ("Name", "AE title", "Host", "Port", "DICOMweb", "Connection", "Last test")
TEST_COLUMN, RESULT_COLUMN = 5, 6
TEST, CANCEL, CANCELLING, TESTING = "Test (C-ECHO)", "Cancel", "Cancelling…", "testing…"
OUTCOME = Qt.ItemDataRole.UserRole  # a result's success (True) or failure (False), kept for the theme's shade


class NodeTable(QTableWidget):
    """The rows; ``press(name)`` is what a row's button does (test, or cancel the running test). Results are shaded
    by ``palette``, the tab's: on a theme switch the tab hears of it before its table changes."""

    def __init__(self, tests: Callable[[], NodeTests], press: Callable[[str], None],
                 palette: Callable[[], QPalette]) -> None:
        super().__init__(0, len(COLUMNS))
        self._tests, self._press, self._palette = tests, press, palette
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)  # Tab goes on to the rows' Test buttons, arrows move between nodes
        self.setAccessibleName("PACS nodes")
        self.horizontalHeader().setSectionResizeMode(RESULT_COLUMN, QHeaderView.ResizeMode.Stretch)

    def fill(self, nodes: Mapping[str, DicomNode]) -> QWidget:
        """Rebuild the rows, by name; a test still running keeps its "testing…" and its Cancel button. Returns the
        last row's button, after which Tab should go on (the rows' buttons come right after the table)."""
        names = sorted(nodes)
        self.setRowCount(len(names))
        before: QWidget = self
        for row, name in enumerate(names):
            node = nodes[name]
            for column, text in enumerate((name, node.ae_title, node.host, str(node.port), node.dicomweb_url)):
                self.setItem(row, column, QTableWidgetItem(text))
            button = QPushButton(TEST)
            button.setMinimumWidth(button.sizeHint().width())  # the column keeps its width while it reads Cancel
            button.clicked.connect(lambda _checked=False, n=name: self._press(n))
            self.setCellWidget(row, TEST_COLUMN, button)
            QWidget.setTabOrder(before, button)
            before = button
            self.setItem(row, RESULT_COLUMN, QTableWidgetItem(TESTING if self._tests().running(name) else ""))
            self.show_button(name)
        self.resizeColumnsToContents()
        return before

    def row_of(self, name: str) -> int | None:
        """The row showing ``name``: read from the table, which lags behind the settings until ``fill``."""
        items = [self.item(row, 0) for row in range(self.rowCount())]
        return next((row for row, item in enumerate(items) if item is not None and item.text() == name), None)

    def selected_name(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return self.item(rows[0].row(), 0).text() if rows else None

    def show_result(self, name: str, text: str, ok: bool | None) -> None:
        """Put a test's outcome on its node's row (``ok`` None: neither success nor failure, e.g. "Cancelled")."""
        row = self.row_of(name)
        if row is None:
            return
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        if ok is not None:
            item.setData(OUTCOME, ok)
            self._shade(item)
        self.setItem(row, RESULT_COLUMN, item)
        self.show_button(name)

    def reshade(self) -> None:
        """View > Theme switched with the dialog open: each result takes the new theme's shade. The old one stayed,
        the dark theme's light green or red on the light theme's white (1.7:1 and 2.3:1)."""
        for row in range(self.rowCount()):
            item = self.item(row, RESULT_COLUMN)
            if item is not None and item.data(OUTCOME) is not None:
                self._shade(item)

    def _shade(self, item: QTableWidgetItem) -> None:
        ok = item.data(OUTCOME)
        item.setForeground(QColor(theme.shade(self._palette(), theme.SUCCESS if ok else theme.ERROR)))

    def show_button(self, name: str) -> None:
        row = self.row_of(name)
        button = self.cellWidget(row, TEST_COLUMN) if row is not None else None
        if not isinstance(button, QPushButton):
            return
        tests = self._tests()
        running, cancelling = tests.running(name), tests.cancelling(name)
        button.setText(CANCELLING if cancelling else CANCEL if running else TEST)
        button.setToolTip("Stop this node's test" if running else "C-ECHO the node (and QIDO-RS if it has a URL)")
        button.setEnabled(not cancelling)


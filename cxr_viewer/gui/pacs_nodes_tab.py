"""The Nodes tab: the PACS and workstations we talk to, a connection test per node, and our identity.

Each row has its own Test button so a radiologist can check one PACS without touching the others; the
answer (or the reason it failed) stays visible in the row. While a row's test runs its button reads "Cancel":
a node that drops our SYNs may otherwise hold the row for its connect timeout (up to 300 s). The tests
themselves are kept by :class:`~cxr_viewer.gui.pacs_node_tests.NodeTests`, by node name, so rebuilding the rows
never loses one; what a row shows is :class:`~cxr_viewer.gui.pacs_node_table.NodeTable`'s. Changes are saved to the
user config at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from cxr_viewer.gui.pacs_local_settings import LocalSettingsBox
from cxr_viewer.gui.pacs_node_editor import NodeEditor
from cxr_viewer.gui.pacs_node_table import TESTING, NodeTable
from cxr_viewer.gui.pacs_node_tests import NodeTests
from cxr_viewer.net.config import PacsSettings


class NodesTab(QWidget):
    nodes_changed = Signal()

    def __init__(self, settings: PacsSettings, save: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings, self._save = settings, save
        self.table = NodeTable(lambda: self.tests, self.test_or_cancel, self.palette)
        self.tests = NodeTests(self, self.table.show_result)
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
        QWidget.setTabOrder(self.table.fill(self.settings.nodes), self.add_button)  # not after Apply

    def test_or_cancel(self, name: str) -> None:
        """The row's button: Test when idle, Cancel while its test runs."""
        if self.tests.running(name):
            self.tests.cancel(name)
            self.table.show_button(name)
        else:
            self.test(name)

    def test(self, name: str) -> None:
        self.tests.start(self.settings.ae_title, name, self.settings.nodes[name])
        self.table.show_result(name, TESTING, None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        """View > Theme switched with the dialog open: the results take the new theme's shade."""
        if event.type() == QEvent.Type.PaletteChange:
            self.table.reshade()
        super().changeEvent(event)

    def add_node(self) -> None:
        self._edit(NodeEditor(set(self.settings.nodes), parent=self), old_name=None)

    def edit_selected(self) -> None:
        name = self.table.selected_name()
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
        name = self.table.selected_name()
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

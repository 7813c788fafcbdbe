"""The PACS window: Nodes, Query/Retrieve, Receiver and Send, one tab (and one module) each.

All tabs share one :class:`PacsSettings` object and one receiver, so a node added on the Nodes tab is
offered at once for searching and sending, and C-MOVE knows whether our receiver is listening. Settings
are saved to the user config file (or ``settings_file``) as soon as they change. The receiver is stopped
when the window closes, so a closed window never leaves a port open. Retrieved files leave through
``retrieved(list[Path])`` for the main window to index and open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from cxr_viewer.gui.pacs_nodes_tab import NodesTab
from cxr_viewer.gui.pacs_query_tab import QueryTab
from cxr_viewer.gui.pacs_receiver_tab import ReceiverTab
from cxr_viewer.gui.pacs_send_tab import SendTab
from cxr_viewer.net.config import PacsSettings, save_settings
from cxr_viewer.net.receiver_service import IndexedReceiver


class PacsDialog(QDialog):
    retrieved = Signal(list)

    def __init__(
        self,
        settings: PacsSettings,
        parent: QWidget | None = None,
        *,
        send_paths: Callable[[], list[Path]] | None = None,
        settings_file: Path | None = None,
        index_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("PACS")
        self.resize(980, 640)
        self.settings, self.settings_file = settings, settings_file
        self.receiver = IndexedReceiver(index_path)
        self.nodes_tab = NodesTab(settings, self.save)
        self.query_tab = QueryTab(settings, self.receiver)
        self.receiver_tab = ReceiverTab(settings, self.receiver)
        self.send_tab = SendTab(settings, send_paths)
        self.tabs = QTabWidget()
        for tab, title in ((self.nodes_tab, "Nodes"), (self.query_tab, "Query/Retrieve"),
                           (self.receiver_tab, "Receiver"), (self.send_tab, "Send")):
            self.tabs.addTab(tab, title)
        self.tabs.setCurrentWidget(self.query_tab if settings.nodes else self.nodes_tab)
        QVBoxLayout(self).addWidget(self.tabs)
        # Enter in the search form searches; on the other tabs (Search hidden) it presses nothing. Left to Qt, the
        # first button in the window became the default: Enter in "Our AE title" started a node's C-ECHO test.
        self.query_tab.search_button.setDefault(True)
        self.nodes_tab.nodes_changed.connect(self._settings_changed)
        self.nodes_tab.local.applied.connect(self._settings_changed)
        self.query_tab.retrieved.connect(self.retrieved)

    def save(self) -> None:
        save_settings(self.settings, self.settings_file)

    def _settings_changed(self) -> None:
        self.query_tab.refresh_nodes()
        self.send_tab.refresh_nodes()
        self.receiver_tab.refresh()

    def done(self, result: int) -> None:
        """Closing (button, Escape or window frame) ends here: stop listening before the window goes."""
        if self.receiver.running:
            self.receiver_tab.stop()
        super().done(result)

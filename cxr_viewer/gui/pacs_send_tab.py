"""The Send tab: push the current study's images and the AI results beside them back to a node.

The viewer supplies the candidate files through a callable (read when the dialog opens and on "Reload from
viewer", so it follows the study on screen; the viewer may add more later through ``add_paths``, as its background
read finds the study's results); the user ticks what goes (:mod:`cxr_viewer.gui.pacs_send_table`), picks a node
and C-STORE or STOW-RS. Cancel (the same button as on the Query/Retrieve tab) stops between files and cuts the file
in flight, so a stuck PACS no longer holds the tab for the network timeout of every file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLabel, QListWidget, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from cxr_viewer.gui.pacs_cancel import CancelButton
from cxr_viewer.gui.pacs_send_table import SendTable
from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.dicomweb_transfer import stow_files
from cxr_viewer.net.send import SendResult, send_files

C_STORE, STOW_RS = "C-STORE", "STOW-RS"


class SendTab(QWidget):
    def __init__(self, settings: PacsSettings, send_paths: Callable[[], list[Path]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings, self._send_paths = settings, send_paths
        self.table = SendTable()
        self.node, self.transport = QComboBox(), QComboBox()
        self.transport.addItems((C_STORE, STOW_RS))
        self.add_button, self.send_button = QPushButton("&Add files…"), QPushButton("S&end")
        self.cancel_button = CancelButton()
        self.cancel_button.clicked.connect(lambda: self.status.setText("Cancelling…"))
        self.reload_button = QPushButton("Re&load from viewer")
        self.reload_button.setEnabled(send_paths is not None)
        self.reload_button.clicked.connect(self.reload_from_viewer)
        self.add_button.clicked.connect(self._choose_files)
        self.send_button.clicked.connect(self.send)
        self.progress, self.status, self.failures = QProgressBar(), QLabel(), QListWidget()
        self.status.setWordWrap(True)
        self.progress.setAccessibleName("Progress")
        self.failures.setAccessibleName("Files that failed to send")
        top = QHBoxLayout()
        for text, widget in (("To &node", self.node), ("&By", self.transport)):
            label = QLabel(text)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget, 1)
        top.addWidget(self.reload_button)
        top.addWidget(self.add_button)
        top.addWidget(self.send_button)
        top.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.failures, 1)
        self.refresh_nodes()
        self.reload_from_viewer()

    def refresh_nodes(self) -> None:
        current = self.node.currentText()
        self.node.clear()
        self.node.addItems(sorted(self.settings.nodes))
        self.node.setCurrentText(current)

    def reload_from_viewer(self) -> None:
        """Replace the list with what the viewer offers now (the study on screen and its AI results)."""
        if self._send_paths is not None:
            self.table.setRowCount(0)
            self.add_paths(self._send_paths())

    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Files to send", filter="DICOM (*.dcm *);;All files (*)")
        self.add_paths([Path(name) for name in names])

    def add_paths(self, paths: list[Path]) -> None:
        self.table.add_paths(paths)

    def paths(self, checked_only: bool = True) -> list[Path]:
        return self.table.paths(checked_only)

    def send(self) -> None:
        paths, name = self.paths(), self.node.currentText()
        if not paths or not name:
            self.status.setText("Tick at least one file and choose a node.")
            return
        node, calling, transport = self.settings.node(name), self.settings.ae_title, self.transport.currentText()
        if transport == STOW_RS and not node.dicomweb_url:
            self.status.setText(f"Node {name!r} has no DICOMweb URL: add one on the Nodes tab or use C-STORE.")
            return

        cancel = threading.Event()

        def work(report: Callable) -> SendResult:
            progress = lambda done, total: report((done, total))  # noqa: E731 - adapts two values to one
            if transport == STOW_RS:
                return stow_files(node.dicomweb_url, paths, progress, cancel=cancel,
                                  connect_timeout_s=node.connect_timeout_s)
            return send_files(calling, node, paths, progress, cancel=cancel)

        self.send_button.setEnabled(False)
        self.failures.clear()
        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self.status.setText(f"Sending {len(paths)} files to {name} by {transport}…")
        self.cancel_button.run(self, cancel, work, lambda result: self._sent(result, len(paths)), self._failed,
                               self._cancelled, self._show_progress)

    def _show_progress(self, value: tuple[int, int]) -> None:
        self.progress.setRange(0, value[1])
        self.progress.setValue(value[0])

    def _sent(self, result: SendResult, total: int) -> None:
        self.send_button.setEnabled(True)
        if result.cancelled:
            unsent = total - len(result.sent) - len(result.failed)
            self.status.setText(f"Send cancelled: sent {len(result.sent)}, failed {len(result.failed)}, "
                                f"not sent {unsent}")
        else:
            self.progress.setValue(self.progress.maximum())
            self.status.setText(f"Sent {len(result.sent)}, failed {len(result.failed)}")
        self.failures.addItems([f"{path.name}: {reason}" for path, reason in result.failed])

    def _failed(self, reason: str) -> None:
        self.send_button.setEnabled(True)
        self.status.setText(f"Send failed: {reason}")

    def _cancelled(self, _reason: str) -> None:
        self.send_button.setEnabled(True)
        self.status.setText("Send cancelled.")

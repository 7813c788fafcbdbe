"""Query/Retrieve dialog: search a configured node for studies and fetch one with C-GET.

The network work runs on a plain worker thread and reports back through Qt signals (queued across
threads), so the window stays responsive and Cancel works while a study is arriving. The dialog emits
``retrieved(list[Path])`` with the stored files; the main window decides whether to open them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout,
)

from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.query import QueryFilter, find
from cxr_viewer.net.retrieve import RetrieveProgress, get

COLUMNS = ("PatientName", "PatientID", "StudyDate", "AccessionNumber", "ModalitiesInStudy", "StudyDescription")


class _Bridge(QObject):
    """Carries worker-thread results to the GUI thread."""

    found = Signal(object)
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)


class PacsDialog(QDialog):
    retrieved = Signal(list)

    def __init__(self, settings: PacsSettings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Query / Retrieve")
        self.settings = settings
        self._cancel = threading.Event()
        self._studies: list = []
        self._bridge = _Bridge()
        self.node = QComboBox()
        self.node.addItems(sorted(settings.nodes))
        self.name, self.patient_id, self.accession = QLineEdit(), QLineEdit(), QLineEdit()
        self.name.setPlaceholderText("DOE*")
        self.search_button, self.get_button = QPushButton("Search"), QPushButton("Retrieve")
        self.cancel_button = QPushButton("Cancel")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.progress, self.status = QProgressBar(), QLabel()
        self._layout()
        self.search_button.clicked.connect(self.search)
        self.get_button.clicked.connect(self.retrieve_selected)
        self.cancel_button.clicked.connect(self._cancel.set)
        self._bridge.found.connect(self._show_studies)
        self._bridge.progress.connect(self._show_progress)
        self._bridge.finished.connect(self._retrieval_done)
        self._bridge.failed.connect(self._show_error)
        self._set_busy(False)

    def _layout(self) -> None:
        form = QFormLayout()
        for label, widget in (("Node", self.node), ("Patient name", self.name), ("Patient ID", self.patient_id),
                              ("Accession", self.accession)):
            form.addRow(label, widget)
        buttons = QHBoxLayout()
        for button in (self.search_button, self.get_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

    def _run(self, work: Callable[[], None]) -> None:
        def guarded() -> None:
            try:
                work()
            except Exception as exc:  # noqa: BLE001 - shown to the user, who can retry or fix the node
                self._bridge.failed.emit(str(exc))

        self._set_busy(True)
        threading.Thread(target=guarded, name="cxr-pacs-dialog", daemon=True).start()

    def search(self) -> None:
        node = self.settings.node(self.node.currentText())
        query = QueryFilter(level="study", patient_name=self.name.text().strip(),
                            patient_id=self.patient_id.text().strip(), accession_number=self.accession.text().strip())
        self.status.setText(f"Searching {node.describe()}…")
        self._run(lambda: self._bridge.found.emit(find(self.settings.ae_title, node, query)))

    def retrieve_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.status.setText("Select a study first.")
            return
        study_uid = str(self._studies[rows[0].row()].StudyInstanceUID)
        node = self.settings.node(self.node.currentText())
        self._cancel.clear()

        def report(progress: RetrieveProgress) -> None:
            total = progress.completed + progress.remaining + progress.failed + progress.warning
            self._bridge.progress.emit(progress.completed, total)

        self._run(lambda: self._bridge.finished.emit(get(
            self.settings.ae_title, node, study_uid, self.settings.resolved_store_dir(),
            progress=report, cancel=self._cancel)))

    def _show_studies(self, studies: list) -> None:
        self._studies = studies
        self.table.setRowCount(len(studies))
        for row, study in enumerate(studies):
            for column, keyword in enumerate(COLUMNS):
                item = QTableWidgetItem(str(study.get(keyword, "")))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.status.setText(f"{len(studies)} studies")
        self._set_busy(False)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _retrieval_done(self, result) -> None:
        state = "cancelled" if result.cancelled else ("done" if result.ok else f"status 0x{result.status:04X}")
        self.status.setText(f"Retrieved {len(result.files)} instances ({state})")
        self._set_busy(False)
        self.retrieved.emit([Path(p) for p in result.files])

    def _show_error(self, message: str) -> None:
        self.status.setText(f"Error: {message}")
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.search_button.setEnabled(not busy and self.node.count() > 0)
        self.get_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)

"""The Query/Retrieve tab: find studies on a node, expand one to its series, fetch a study or a series.

Searching is DIMSE C-FIND or DICOMweb QIDO-RS depending on the chosen transport; a study row loads its
series (series-level query) only when expanded, so a long result list costs one query. Searches, series
expansions and retrievals run in the background; Cancel stops them all, at once even when the PACS has gone
silent, and retrieval ends with ``retrieved(list[Path])`` for the viewer.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from cxr_viewer.gui.pacs_cancel import CancelButton
from cxr_viewer.gui.pacs_results_tree import ResultsTree
from cxr_viewer.gui.pacs_retrieval import C_GET, C_MOVE, WADO_RS, RetrieveRefused, RetrieveRequest, retrieval_work
from cxr_viewer.gui.pacs_search_form import SearchForm
from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.dicomweb_transfer import qido_search
from cxr_viewer.net.query import QueryFilter, find
from cxr_viewer.net.receiver_service import IndexedReceiver
from cxr_viewer.net.retrieve_result import NOTHING_SENT, RetrieveProgress, RetrieveResult

DIMSE, DICOMWEB = "DIMSE", "DICOMweb"


class QueryTab(QWidget):
    retrieved = Signal(list)

    def __init__(self, settings: PacsSettings, receiver: IndexedReceiver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings, self.receiver = settings, receiver
        self._results_from = ("", DIMSE)  # node and transport the shown results came from
        self.form = SearchForm()
        self.node, self.transport, self.method = QComboBox(), QComboBox(), QComboBox()
        self.transport.addItems((DIMSE, DICOMWEB))
        self.transport.currentTextChanged.connect(self._transport_changed)
        self.search_button, self.retrieve_button = QPushButton("Search"), QPushButton("Retrieve")
        self.cancel_button = CancelButton()
        self.tree = ResultsTree()
        self.tree.series_wanted.connect(self._load_series)
        self.progress, self.status = QProgressBar(), QLabel()
        self.status.setWordWrap(True)
        self.search_button.clicked.connect(self.search)
        self.retrieve_button.clicked.connect(self.retrieve_selected)
        self.cancel_button.clicked.connect(lambda: self.status.setText("Cancelling…"))
        self._layout()
        self.refresh_nodes()
        self._transport_changed(DIMSE)
        self._set_retrieving(False)

    def _layout(self) -> None:
        top = QHBoxLayout()
        for label, widget in (("Node", self.node), ("Transport", self.transport), ("Retrieve by", self.method)):
            top.addWidget(QLabel(label))
            top.addWidget(widget, 1)
        buttons = QHBoxLayout()
        for button in (self.search_button, self.retrieve_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)

    def refresh_nodes(self) -> None:
        current = self.node.currentText()
        self.node.clear()
        self.node.addItems(sorted(self.settings.nodes))
        self.node.setCurrentText(current)
        self.search_button.setEnabled(self.node.count() > 0)

    def _transport_changed(self, transport: str) -> None:
        self.method.clear()
        self.method.addItems((C_GET, C_MOVE) if transport == DIMSE else (WADO_RS,))

    def _search_call(self, query: QueryFilter, name: str, transport: str, cancel: threading.Event):
        node, calling = self.settings.node(name), self.settings.ae_title
        if transport == DICOMWEB:
            if not node.dicomweb_url:
                raise ValueError(f"node {name!r} has no DICOMweb URL: add one on the Nodes tab")
            return lambda _report: qido_search(node.dicomweb_url, query, cancel=cancel,
                                               connect_timeout_s=node.connect_timeout_s)
        return lambda _report: find(calling, node, query, cancel=cancel)

    def search(self) -> None:
        source, cancel = (self.node.currentText(), self.transport.currentText()), threading.Event()
        try:
            work = self._search_call(self.form.study_query(), *source, cancel)
        except (KeyError, ValueError) as exc:
            self.status.setText(f"Cannot search: {exc}")
            return
        self.status.setText(f"Searching {self.node.currentText()}…")
        self.search_button.setEnabled(False)
        self.cancel_button.run(self, cancel, work, lambda studies: self._show_studies(studies, source),
                               self._search_failed, self._search_cancelled)

    def _search_failed(self, reason: str) -> None:
        self.search_button.setEnabled(True)
        self.status.setText(f"Search failed: {reason}")

    def _search_cancelled(self, _reason: str) -> None:
        self.search_button.setEnabled(True)
        self.status.setText("Search cancelled.")

    def _show_studies(self, studies: list, source: tuple[str, str]) -> None:
        """The list and the node it came from change together: a failed search leaves both, so expanding or
        retrieving a listed study always asks the node that listed it."""
        self._results_from = source
        self.search_button.setEnabled(True)
        self.tree.show_studies(studies)
        self.status.setText(f"{len(studies)} studies found; expand one to see its series.")

    def _load_series(self, item: QTreeWidgetItem, study_uid: str) -> None:
        cancel = threading.Event()
        try:
            work = self._search_call(QueryFilter(level="series", study_uid=study_uid), *self._results_from, cancel)
        except (KeyError, ValueError) as exc:
            self.status.setText(f"Cannot list series: {exc}")
            return
        self.cancel_button.run(self, cancel, work, lambda series: self.tree.show_series(item, series),
                               lambda reason: self.status.setText(f"Series query failed: {reason}"),
                               lambda _reason: self.status.setText("Series query cancelled."))

    def retrieve_selected(self) -> None:
        selected = self.tree.selected_uids()
        if selected is None:
            self.status.setText("Select a study or a series first.")
            return
        study_uid, series_uid = selected
        name, cancel = self._results_from[0], threading.Event()
        try:
            request = RetrieveRequest(name, self.settings.node(name), self.method.currentText(), study_uid, series_uid)
            work = retrieval_work(request, self.settings, self.receiver, cancel)
        except (KeyError, RetrieveRefused) as exc:
            self.status.setText(str(exc))
            return
        self._set_retrieving(True)
        self.progress.setRange(0, 0)
        self.status.setText(f"Retrieving by {request.method} from {name}…")
        self.cancel_button.run(self, cancel, work, self._retrieval_done, self._retrieval_failed,
                               self._retrieval_cancelled, self._show_progress)

    def _show_progress(self, progress: RetrieveProgress) -> None:
        total = progress.completed + progress.remaining + progress.failed + progress.warning
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(progress.completed + progress.failed + progress.warning)
        self.status.setText(f"{progress.completed} of {total} received, {progress.failed} failed")

    def _retrieval_done(self, result: RetrieveResult) -> None:
        self._set_retrieving(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0 if result.failure or result.empty else 1)
        if result.failure:  # failed part-way: say so, and still hand on what arrived
            self.status.setText(f"Retrieve failed: {result.failure}")
            self.retrieved.emit([Path(p) for p in result.files])
            return
        if result.empty:
            self.status.setText(f"Retrieved nothing: {NOTHING_SENT}.")
            return
        state = "cancelled" if result.cancelled else ("done" if result.ok else f"{result.failed} failed")
        details = f": {result.errors[0]}" if result.errors else ""
        self.status.setText(f"Retrieved {len(result.files)} instances ({state}){details}")
        if result.files:
            self.retrieved.emit([Path(p) for p in result.files])

    def _retrieval_failed(self, reason: str) -> None:
        self._set_retrieving(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText(f"Retrieve failed: {reason}")

    def _retrieval_cancelled(self, _reason: str) -> None:
        self._retrieval_failed("")
        self.status.setText("Retrieve cancelled.")

    def _set_retrieving(self, busy: bool) -> None:
        self.retrieve_button.setEnabled(not busy)

"""The Query/Retrieve tab: find studies on a node, expand one to its series, fetch a study or a series.

Searching is DIMSE C-FIND or DICOMweb QIDO-RS depending on the chosen transport; a study row loads its
series (series-level query) only when expanded, so a long result list costs one query. Searches, series
expansions and retrievals run in the background; Cancel stops them all, at once even when the PACS has gone
silent, and retrieval ends with ``retrieved(list[Path])`` for the viewer (:mod:`cxr_viewer.gui.pacs_retrieve_view`).
A list the PACS cut at its limit is marked "may be incomplete" (:mod:`cxr_viewer.net.matches`) while it is shown.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from cxr_viewer.gui.pacs_cancel import CancelButton
from cxr_viewer.gui.pacs_result_text import found_text
from cxr_viewer.gui.pacs_results_tree import ResultsTree
from cxr_viewer.gui.pacs_retrieval import C_GET, C_MOVE, WADO_RS, RetrieveRefused, RetrieveRequest, retrieval_work
from cxr_viewer.gui.pacs_retrieve_view import RetrieveView
from cxr_viewer.gui.pacs_search_form import SearchForm
from cxr_viewer.net.config import PacsSettings
from cxr_viewer.net.matches import Matches
from cxr_viewer.net.query import QueryFilter
from cxr_viewer.net.receiver_service import IndexedReceiver
from cxr_viewer.net.search import DICOMWEB, DIMSE, search_call


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
        self.search_button, self.retrieve_button = QPushButton("&Search"), QPushButton("&Retrieve")
        self.cancel_button = CancelButton()
        self.tree = ResultsTree()
        self.tree.series_wanted.connect(self._load_series)
        self.tree.retrieve_wanted.connect(self.retrieve_selected)
        self.progress, self.status, self.list_note = QProgressBar(), QLabel(), QLabel()
        self.progress.setAccessibleName("Progress")
        for label in (self.status, self.list_note):
            label.setWordWrap(True)
        self.list_note.setStyleSheet("font-weight: bold")
        self.list_note.hide()
        self.search_button.clicked.connect(self.search)
        self.retrieve_button.clicked.connect(self.retrieve_selected)
        self.cancel_button.clicked.connect(lambda: self.status.setText("Cancelling…"))
        self.retrieval = RetrieveView(self.retrieve_button, self.progress, self.status, self)
        self.retrieval.retrieved.connect(self.retrieved)
        self._layout()
        self.refresh_nodes()
        self._transport_changed(DIMSE)

    def _layout(self) -> None:
        top = QHBoxLayout()
        for text, widget in (("&Node", self.node), ("&Transport", self.transport), ("Retrieve &by", self.method)):
            label = QLabel(text)
            label.setBuddy(widget)
            top.addWidget(label)
            top.addWidget(widget, 1)
        buttons = QHBoxLayout()
        for button in (self.search_button, self.retrieve_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.list_note)
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

    def search(self) -> None:
        source, cancel = (self.node.currentText(), self.transport.currentText()), threading.Event()
        self.retrieval.forget_outcome()
        try:
            call = search_call(self.settings, *source, self.form.study_query(), cancel)
        except (KeyError, ValueError) as exc:
            self.status.setText(f"Cannot search: {exc}")
            return
        self.status.setText(f"Searching {self.node.currentText()}…")
        self.search_button.setEnabled(False)
        self.cancel_button.run(self, cancel, lambda _report: call(),
                               lambda studies: self._show_studies(studies, source),
                               lambda reason: self._search_ended(f"Search failed: {reason}"),
                               lambda _reason: self._search_ended("Search cancelled."))

    def _search_ended(self, text: str) -> None:
        self.search_button.setEnabled(True)
        self.status.setText(text)

    def _show_studies(self, studies: Matches, source: tuple[str, str]) -> None:
        """The list and the node it came from change together: a failed search leaves both, so expanding or
        retrieving a listed study always asks the node that listed it."""
        self._results_from = source
        self.search_button.setEnabled(True)
        self.tree.show_studies(studies)
        self.status.setText(found_text(studies))
        # the status line goes on to a retrieval's outcome; the list's own note stays while the list does
        self.list_note.setText(studies.banner())
        self.list_note.setVisible(bool(studies.cut_short))

    def _load_series(self, item: QTreeWidgetItem, study_uid: str) -> None:
        cancel = threading.Event()
        try:
            call = search_call(self.settings, *self._results_from, QueryFilter(level="series", study_uid=study_uid),
                               cancel)
        except (KeyError, ValueError) as exc:
            self.status.setText(f"Cannot list series: {exc}")
            return
        self.cancel_button.run(self, cancel, lambda _report: call(),
                               lambda series: self._show_series(item, series),
                               lambda reason: self.status.setText(f"Series query failed: {reason}"),
                               lambda _reason: self.status.setText("Series query cancelled."))

    def _show_series(self, item: QTreeWidgetItem, series: Matches) -> None:
        self.tree.show_series(item, series)
        if series.cut_short:  # else the status line keeps what it said: the study count, a retrieval's outcome
            self.status.setText(f"Series of {item.text(0)}, {item.text(2)}: {len(series)} listed, {series.note()}")

    def retrieve_selected(self) -> None:
        selected = self.tree.selected_uids()
        if selected is None:
            self.status.setText("Select a study or a series first.")
            return
        name, cancel = self._results_from[0], threading.Event()
        try:
            request = RetrieveRequest(name, self.settings.node(name), self.method.currentText(), *selected)
            work = retrieval_work(request, self.settings, self.receiver, cancel)
        except (KeyError, RetrieveRefused) as exc:
            self.status.setText(str(exc))
            return
        view = self.retrieval
        view.started(request.method, name)
        self.cancel_button.run(self, cancel, work, view.done, view.failed, view.cancelled, view.show_progress)

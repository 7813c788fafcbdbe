"""The middle of the Studies dock: the studies listed, the line saying what they are, the selected one's thumbnails.

A refresh of the list (an import finished, missing files forgotten) keeps the selected study selected with its
thumbnails when it is still listed; selecting another study cancels the thumbnails being made for the one passed
over, so paging down the list decodes only the study the user stops on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6 import QtWidgets

from cxr_viewer.gui.study_queries import Listing, unread_note
from cxr_viewer.gui.study_table import StudyTable
from cxr_viewer.gui.study_thumbnails import StudyThumbnails
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.rows import StudyRow

if TYPE_CHECKING:
    from cxr_viewer.gui.tasks import TaskRunner


class StudyList(QtWidgets.QWidget):
    """``rows`` are the studies in the table's order; ``kind`` says whether they came from a search or Recent."""

    def __init__(self, tasks: "TaskRunner", index: Callable[[], StudyIndex | None]) -> None:
        super().__init__()
        self._index = index  # the dock's index of the moment (None while it cannot be used)
        self.rows: list[StudyRow] = []
        self.kind = "recent"
        self._unread_only = False  # the listing held only unread studies: its note counts them as they are read
        self._cut = False  # the listing was cut at the search limit: its note says so, and stays
        self.table = StudyTable()
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.result_note = QtWidgets.QLabel(wordWrap=True)  # what the table lists; says when a search was cut
        self.thumbnails = StudyThumbnails(tasks)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note_row = QtWidgets.QHBoxLayout()  # the note, and room beside it for a filter of what is listed
        self.note_row.addWidget(self.result_note, 1)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.note_row)
        layout.addWidget(self.thumbnails)

    def show_listing(self, listing: Listing) -> None:
        """List ``listing``; a selected study that is still listed stays selected with its thumbnails."""
        selected = self.table.selected_row()
        kept_uid = self.rows[selected].study_uid if selected is not None else None
        self.rows, self.kind = listing.rows, listing.kind
        self._unread_only, self._cut = listing.unread_only, listing.cut
        if not self.table.show_rows(listing.rows, kept_uid):
            self.thumbnails.cancel()
            self.thumbnails.clear()
        self.result_note.setText(listing.note)

    def clear(self) -> None:
        """Nothing listed (the index cannot be used)."""
        self.rows = []
        self.table.setRowCount(0)
        self.thumbnails.clear()
        self.result_note.clear()

    def set_usable(self, usable: bool) -> None:
        self.table.setEnabled(usable)
        self.thumbnails.setEnabled(usable)

    def select_study(self, study_uid: str) -> bool:
        """Select the study's row (its thumbnails follow); False when the list does not show it."""
        for number, row in enumerate(self.rows):
            if row.study_uid == study_uid:
                self.table.select_listed(number)
                return True
        return False

    def show_read(self, study_uid: str, read: bool) -> None:
        """The study's row in bold or not, without listing again: under Unread only a study just read stays listed
        until the next search, so the reader keeps their place in the list, while the count under it follows."""
        for number, row in enumerate(self.rows):
            if row.study_uid == study_uid:
                self.rows[number] = replace(row, read=read)
                table_row = self.table.table_row(number)
                if table_row is not None:
                    self.table.show_read(table_row, read)
        if self._unread_only and not self._cut:
            self.result_note.setText(unread_note(self.rows))

    def in_table_order(self) -> list[int]:
        """The listing's places in the table's order (sorting moves rows)."""
        return [self.table.listed_row(row) for row in range(self.table.rowCount())]

    def _on_selection(self) -> None:
        row, index = self.table.selected_row(), self._index()
        if row is None or index is None:
            self.thumbnails.cancel()  # the study passed over: its decoding would only delay the one selected now
            return
        uid = self.rows[row].study_uid
        self.thumbnails.make(index, uid, lambda: self._show_thumbnails(uid))

    def _show_thumbnails(self, study_uid: str) -> None:
        row, index = self.table.selected_row(), self._index()
        if row is None or index is None or self.rows[row].study_uid != study_uid:
            return  # the user moved on while thumbnails were being made
        self.thumbnails.show_study(index, study_uid)

"""What the Studies dock asks of the open index for the user: list studies, open one, answer the window's questions.

Every question may meet an index that changed under the list (another viewer, ``cxr-index forget-missing`` on the
same file) or that is busy or damaged; each is said in the window's messages, never raised out of a Qt slot. The
queries themselves are Qt-free (``study_queries``); this module turns their answers and failures into what the dock
shows. The dock (``browser``) owns which index is open and hands it over through ``index``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cxr_viewer.gui import study_queries
from cxr_viewer.gui.study_list import StudyList
from cxr_viewer.gui.study_search_form import StudySearchForm
from cxr_viewer.index.db import StudyIndex

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow


class BrowserListing:
    """Searching, the Recent list and opening a listed study, for one dock's list and search form."""

    def __init__(self, window: "MainWindow", studies: StudyList, form: StudySearchForm,
                 index: Callable[[], StudyIndex | None]) -> None:
        self._window, self._studies, self._form, self._index = window, studies, form, index

    def search(self) -> None:
        index = self._index()
        if index is None:
            return
        try:
            listing = study_queries.search_listing(index, *(field.text() for field in self._form.fields),
                                                   unread_only=self._form.unread_only.isChecked())
        except ValueError as exc:
            self._window.report_error("Search", str(exc))
            return
        except sqlite3.Error as exc:
            self._window.report_error("Search", f"the study index could not be searched: {exc}")
            return
        self._studies.show_listing(listing)

    def show_recent(self) -> None:
        index = self._index()
        if index is None:
            return
        try:
            listing = study_queries.recent_listing(index)
        except sqlite3.Error as exc:
            self._window.report_error("Recent studies", f"the study index could not be read: {exc}")
            return
        self._studies.show_listing(listing)

    def list_again(self) -> None:
        """List what the table showed again, after the index changed under it."""
        self.search() if self._studies.kind == "search" else self.show_recent()

    def open_study(self, row: int) -> None:
        """Open the files of the study at place ``row`` of the listing.

        The index may have changed since it was listed, so a study it no longer holds is said and the list redone,
        and a busy index is reported, rather than a double-click doing nothing or raising out of the slot."""
        index = self._index()
        if index is None:
            return
        study = self._studies.rows[row]
        try:
            paths = study_queries.study_paths(index, study.study_uid)
        except sqlite3.Error as exc:
            self._window.report_error("Open study", f"the study index could not be read: {exc}")
            return
        if not paths:
            self._window.report_error("Open study", f"{study.patient_name or study.patient_id or 'This study'}: "
                                      "the study is no longer in the study index (its files were forgotten, perhaps "
                                      "by another program using the same index); the list was refreshed")
            self.list_again()
            return
        if self._window.open_paths(paths):
            self.note_opened(study.study_uid)  # the film's opening did so already when it is indexed; never raises

    def note_opened(self, study_uid: str) -> bool:
        """Put a study the viewer shows (however it was opened) on the Recent list; False when not indexed."""
        index = self._index()
        return index is not None and study_queries.note_opened(index, study_uid)

    def prior_image(self, patient_id: str, before: str, study_uid: str) -> Path | None:
        """The comparison pane's prior from the index (an indexed query, so asked on the GUI thread); None while the
        index cannot be used. A busy or damaged index must not stop the film showing."""
        index = self._index()
        return None if index is None else study_queries.prior_image(index, patient_id, before, study_uid)

    def later_image(self, patient_id: str, after: str, study_uid: str) -> Path | None:
        """The comparison pane's later study from the index, when the patient has no prior; as ``prior_image``."""
        index = self._index()
        return None if index is None else study_queries.later_image(index, patient_id, after, study_uid)

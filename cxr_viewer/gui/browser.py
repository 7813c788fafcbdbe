"""The study browser (the Studies dock): search the local index, list studies, open one, see its thumbnails.

Each part has its own module: the search fields and buttons (``study_search_form``), the list with its note and the
selected study's thumbnails (``study_list``, with the table in ``study_table`` and the thumbnails made in the
background in ``study_thumbnails``), what is asked of the index (``study_queries``, Qt-free), imports
(``study_import``), the check for missing files (``missing_files``) and, while the index cannot be opened, the panel
saying why and offering to move it aside (``index_problem``). The dock composes them, owns which index is open, and
stays the one object callers use: its attributes for a part's state (``rows``, ``missing_prompt``, ``last_report``,
…) read that part.
"""

from __future__ import annotations

import sqlite3
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui import study_queries
from cxr_viewer.gui.missing_files import MissingFilesCheck
from cxr_viewer.gui.study_import import StudyImport
from cxr_viewer.gui.study_list import StudyList
from cxr_viewer.gui.study_index_file import StudyIndexFile
from cxr_viewer.gui.study_queries import Listing
from cxr_viewer.gui.study_search_form import StudySearchForm
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.rows import StudyRow

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow
    from cxr_viewer.gui.tasks import Task


class StudyBrowser(QtWidgets.QWidget):
    import_finished = QtCore.Signal(object)  # ImportReport
    missing_checked = QtCore.Signal(object)  # list[MissingFile], once the user has been told (and asked)
    missing_forgotten = QtCore.Signal(int)  # index entries removed after the user agreed
    rows = property(attrgetter("studies.rows"))  # the listed studies, in the table's order
    last_report = property(attrgetter("imports.last_report"))
    last_missing = property(attrgetter("missing_files.last_missing"))
    missing_prompt = property(attrgetter("missing_files.prompt"))  # the open question whether to forget them
    forget_button = property(attrgetter("missing_files.forget_button"))
    keep_button = property(attrgetter("missing_files.keep_button"))

    def __init__(self, window: "MainWindow", index: StudyIndex | None = None) -> None:
        super().__init__()
        self._window = window
        self._index: StudyIndex | None = None
        self.imports = StudyImport(self, window)
        self.missing_files = MissingFilesCheck(self, window)
        self.form = StudySearchForm(self.search, self.show_recent, self.choose_import, self.check_missing)
        self.text, self.date_from, self.date_to, self.modality = self.form.fields
        self.check_missing_action = self.form.check_missing_action
        self.studies = StudyList(window.tasks, lambda: self._index)
        self.studies.table.cellDoubleClicked.connect(  # a table row; sorting may have moved it from its listing place
            lambda row, _col: self.open_study(self.studies.table.listed_row(row)))
        self.table, self.result_note, self.thumbnails = (self.studies.table, self.studies.result_note,
                                                         self.studies.thumbnails)
        self.index_file = StudyIndexFile(window, self._use_opened, self._use_none)
        self.problem = self.index_file.panel
        self.problem_label, self.problem_path = self.problem.label, self.problem.path_field
        self.move_aside_button = self.problem.move_aside_button
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.problem)
        layout.addWidget(self.form)
        layout.addWidget(self.studies, 1)
        if index is not None:
            self.index = index
        else:
            self.open_default_index()

    # --- the index (``study_index_file`` opens the user's own) ----------------------------------------------
    @property
    def index(self) -> StudyIndex | None:
        """The open study index; None while it cannot be used (the problem panel says why)."""
        return self._index

    @index.setter
    def index(self, index: StudyIndex) -> None:
        self.thumbnails.cancel()
        self._index = index
        self.problem.set_problem("", None, "")
        if index.read_only:
            self.problem.set_read_only(index.db_path)
        self._set_usable(True)
        self.show_recent()

    def open_default_index(self) -> bool:
        """Open the user's index; when it cannot be opened or read, show why instead of failing the window."""
        return self.index_file.open_default()

    def move_index_aside(self) -> Path | None:
        """Rename the unusable index (with its WAL files) to a dated name beside it and start a new, empty one."""
        return self.index_file.move_aside()

    def _use_opened(self, index: StudyIndex, recent_rows: list[StudyRow]) -> None:
        self.thumbnails.cancel()
        self._index = index
        self._set_usable(True)
        self.studies.show_listing(Listing.recent(recent_rows))

    def _use_none(self) -> None:
        self._index = None
        self.studies.clear()
        self._set_usable(False)

    def _set_usable(self, usable: bool) -> None:
        """The index controls are off while the index cannot be used, and those that write while it is read-only."""
        self.form.set_usable(usable, writable=usable and self._index is not None and not self._index.read_only)
        self.studies.set_usable(usable)

    # --- listing ---------------------------------------------------------------------------------------------
    def search(self) -> None:
        if self._index is None:
            return
        try:
            listing = study_queries.search_listing(self._index, *(field.text() for field in self.form.fields))
        except ValueError as exc:
            self._window.report_error("Search", str(exc))
            return
        except sqlite3.Error as exc:
            self._window.report_error("Search", f"the study index could not be searched: {exc}")
            return
        self.studies.show_listing(listing)

    def show_recent(self) -> None:
        if self._index is None:
            return
        try:
            listing = study_queries.recent_listing(self._index)
        except sqlite3.Error as exc:
            self._window.report_error("Recent studies", f"the study index could not be read: {exc}")
            return
        self.studies.show_listing(listing)

    def list_again(self) -> None:
        """List what the table showed again, after the index changed under it."""
        self.search() if self.studies.kind == "search" else self.show_recent()

    def select_study(self, study_uid: str) -> bool:
        """Select the study's row (its thumbnails follow); False when the list does not show it."""
        return self.studies.select_study(study_uid)

    # --- opening, and the window's questions to the index ------------------------------------------------
    def open_study(self, row: int) -> None:
        """Open the files of the study at place ``row`` of the listing (``rows``).

        The index may have changed since it was listed (another viewer or ``cxr-index forget-missing`` on the same
        file), so a study it no longer holds is said and the list redone, and a busy index is reported, rather
        than a double-click doing nothing or raising out of the slot."""
        if self._index is None:
            return
        study = self.rows[row]
        try:
            paths = study_queries.study_paths(self._index, study.study_uid)
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
        return self._index is not None and study_queries.note_opened(self._index, study_uid)

    def prior_image(self, patient_id: str, before: str, study_uid: str) -> Path | None:
        """The comparison pane's prior from the index (``index.prior``: an indexed query, so asked on the GUI
        thread); None while the index cannot be used. A busy or damaged index must not stop the film showing."""
        if self._index is None:
            return None
        return study_queries.prior_image(self._index, patient_id, before, study_uid)

    # --- importing and checking (see study_import and missing_files) ----------------------------------------
    def choose_import(self) -> None:
        self.imports.choose_folder()

    def import_folder(self, folder: Path) -> "Task | None":
        return self.imports.import_folder(folder)

    def import_files(self, paths: list[Path], title: str = "Importing") -> "Task | None":
        """Index files and folders in the background; the result arrives through ``import_finished``.

        None (and a status message) while the index cannot be used.
        """
        return self.imports.start(paths, title)

    def check_missing(self) -> "Task | None":
        """Look for indexed files that are no longer where the index says; forget them only if the user agrees."""
        return self.missing_files.start()

"""The study browser (the Studies dock): search the local index, list studies, open one, see its thumbnails.

Each part has its own module: which index is open and the controls that follow it (``browser_index``), searching,
listing and opening against it (``browser_listing``), the search fields and buttons (``study_search_form``), the
list with its note and the selected study's thumbnails (``study_list``, with the table in ``study_table``, its Date
cells in ``browser_date_item``, and the thumbnails made in the background in ``study_thumbnails``), what is asked of
the index (``study_queries``, Qt-free), read status (``browser_read``), imports (``study_import``), the check for missing files (``missing_files``)
and, while the index cannot be opened, the panel saying why and offering to move it aside (``index_problem``). The
dock composes them and stays the one object callers use: its attributes for a part's state (``rows``,
``missing_prompt``, ``last_report``, …) read that part.
"""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.browser_index import BrowserIndex
from cxr_viewer.gui.browser_listing import BrowserListing
from cxr_viewer.gui.browser_read import BrowserReadStatus
from cxr_viewer.gui.missing_files import MissingFilesCheck
from cxr_viewer.gui.study_import import StudyImport
from cxr_viewer.gui.study_list import StudyList
from cxr_viewer.gui.study_index_file import StudyIndexFile
from cxr_viewer.gui.study_search_form import StudySearchForm
from cxr_viewer.index.db import StudyIndex

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
        self.imports = StudyImport(self, window)
        self.missing_files = MissingFilesCheck(self, window)
        self.form = StudySearchForm(self.search, self.show_recent, self.choose_import, self.check_missing)
        self.text, self.date_from, self.date_to, self.modality = self.form.fields
        self.check_missing_action = self.form.check_missing_action
        self.studies = StudyList(window.tasks, lambda: self.held.current)
        self.studies.note_row.addWidget(self.form.unread_only)  # beside "N studies unread", what it filters
        QtWidgets.QWidget.setTabOrder(self.studies.table, self.form.unread_only)  # Tab goes down the dock as laid out
        QtWidgets.QWidget.setTabOrder(self.form.unread_only, self.studies.thumbnails)
        self.held = BrowserIndex(self.form, self.studies)
        self.listing = BrowserListing(window, self.studies, self.form, lambda: self.held.current)
        self.read_status = BrowserReadStatus(window, self.studies, self.listing, lambda: self.held.current)
        self.studies.table.cellDoubleClicked.connect(  # a table row; sorting may have moved it from its listing place
            lambda row, _col: self.open_study(self.studies.table.listed_row(row)))
        self.studies.table.open_wanted.connect(self.open_study)
        self.table, self.result_note, self.thumbnails = (self.studies.table, self.studies.result_note,
                                                         self.studies.thumbnails)
        self.index_file = StudyIndexFile(window, self.held.use_opened, self.held.use_none)
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

    # --- the index (``browser_index`` holds it, ``study_index_file`` opens the user's own) --------------------
    @property
    def index(self) -> StudyIndex | None:
        """The open study index; None while it cannot be used (the problem panel says why)."""
        return self.held.current

    @index.setter
    def index(self, index: StudyIndex) -> None:
        self.problem.set_problem("", None, "")
        if index.read_only:
            self.problem.set_read_only(index.db_path)
        self.held.use(index)
        self.show_recent()

    def open_default_index(self) -> bool:
        """Open the user's index; when it cannot be opened or read, show why instead of failing the window."""
        return self.index_file.open_default()

    def move_index_aside(self) -> Path | None:
        """Rename the unusable index (with its WAL files) to a dated name beside it and start a new, empty one."""
        return self.index_file.move_aside()

    # --- listing and opening (``browser_listing``) -------------------------------------------------------------
    def search(self) -> None:
        self.listing.search()

    def show_recent(self) -> None:
        self.listing.show_recent()

    def list_again(self) -> None:
        """List what the table showed again, after the index changed under it."""
        self.listing.list_again()

    def select_study(self, study_uid: str) -> bool:
        """Select the study's row (its thumbnails follow); False when the list does not show it."""
        return self.studies.select_study(study_uid)

    def open_study(self, row: int) -> None:
        """Open the files of the study at place ``row`` of the listing (``rows``); a study gone from the index or a
        busy index is said, not raised."""
        self.listing.open_study(row)

    def note_opened(self, study_uid: str) -> bool:
        """Put a study the viewer shows (however it was opened) on the Recent list; False when not indexed."""
        return self.listing.note_opened(study_uid)

    def prior_image(self, patient_id: str, before: str, study_uid: str) -> Path | None:
        """The comparison pane's prior from the index; None while the index cannot be used or cannot be read."""
        return self.listing.prior_image(patient_id, before, study_uid)

    def later_image(self, patient_id: str, after: str, study_uid: str) -> Path | None:
        """The comparison pane's later study from the index (no prior anywhere); None as ``prior_image``."""
        return self.listing.later_image(patient_id, after, study_uid)

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

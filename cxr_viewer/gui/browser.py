"""The study browser (the Studies dock): search the local index, list studies, open one, see its thumbnails.

Each part has its own module: the table (``study_table``), the thumbnails made in the background
(``study_thumbnails``), imports (``study_import``), the check for missing files (``missing_files``) and, while the
index cannot be opened, the panel saying why and offering to move it aside (``index_problem``). The dock composes
them and stays the one object callers use: its attributes for a part's state (``missing_prompt``, ``last_report``,
…) read that part.
"""

from __future__ import annotations

import sqlite3
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.index_problem import IndexProblemPanel, UnusableIndex, move_aside, open_index
from cxr_viewer.gui.line_edit_fit import fit_placeholder
from cxr_viewer.gui.messages import plural
from cxr_viewer.gui.missing_files import MissingFilesCheck
from cxr_viewer.gui.study_import import StudyImport
from cxr_viewer.gui.study_table import StudyTable
from cxr_viewer.gui.study_thumbnails import StudyThumbnails
from cxr_viewer.index import prior, query, recent
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.paths import default_index_path
from cxr_viewer.index.rows import StudyRow

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow
    from cxr_viewer.gui.tasks import Task

SEARCH_LIMIT = 500  # studies a search lists; with more matches the dock says so and asks for a narrower search
RECENT_COUNT = 20


class StudyBrowser(QtWidgets.QWidget):
    import_finished = QtCore.Signal(object)  # ImportReport
    missing_checked = QtCore.Signal(object)  # list[MissingFile], once the user has been told (and asked)
    missing_forgotten = QtCore.Signal(int)  # index entries removed after the user agreed
    last_report = property(attrgetter("imports.last_report"))
    last_missing = property(attrgetter("missing_files.last_missing"))
    missing_prompt = property(attrgetter("missing_files.prompt"))  # the open question whether to forget them
    forget_button = property(attrgetter("missing_files.forget_button"))
    keep_button = property(attrgetter("missing_files.keep_button"))

    def __init__(self, window: "MainWindow", index: StudyIndex | None = None) -> None:
        super().__init__()
        self._window = window
        self._index: StudyIndex | None = None
        self.rows: list[StudyRow] = []
        self._listing = "recent"  # what the table shows, so a change to the index lists it again
        self.imports = StudyImport(self, window)
        self.missing_files = MissingFilesCheck(self, window)
        self.text = QtWidgets.QLineEdit(placeholderText="Name, ID, accession, description")
        self.date_from = QtWidgets.QLineEdit(placeholderText="from YYYYMMDD")
        self.date_to = QtWidgets.QLineEdit(placeholderText="to YYYYMMDD")
        self.modality = QtWidgets.QLineEdit(placeholderText="Modality")
        self.date_from.setToolTip("Studies on or after this date: YYYYMMDD or YYYY-MM-DD")
        self.date_to.setToolTip("Studies on or before this date: YYYYMMDD or YYYY-MM-DD")
        self.modality.setToolTip("Studies with a series of this modality, e.g. CR or DX")
        for field in (self.text, self.date_from, self.date_to, self.modality):
            field.returnPressed.connect(self.search)
        for field in (self.date_from, self.date_to, self.modality):
            fit_placeholder(field)
        self.check_missing_action = QtGui.QAction("Check for missing files…", self)
        self.check_missing_action.setToolTip("Find indexed files that were moved or deleted; forget them if you agree")
        self.check_missing_action.triggered.connect(self.check_missing)
        buttons = QtWidgets.QHBoxLayout()
        self.buttons: list[QtWidgets.QAbstractButton] = []
        for label, slot in (("Search", self.search), ("Recent", self.show_recent), ("Import folder…", self.choose_import)):
            button = QtWidgets.QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons.append(button)
        self.more_button = QtWidgets.QToolButton(text="⋯", toolTip="More: check the index for missing files")
        self.more_button.setPopupMode(QtWidgets.QToolButton.ToolButtonPopupMode.InstantPopup)
        more_menu = QtWidgets.QMenu(self.more_button)
        more_menu.addAction(self.check_missing_action)
        self.more_button.setMenu(more_menu)
        self.table = StudyTable()
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_study(row))
        self.result_note = QtWidgets.QLabel(wordWrap=True)  # what the table lists; says when a search was cut
        self.thumbnails = StudyThumbnails(window.tasks)
        self.problem = IndexProblemPanel(self.move_index_aside, self.open_default_index)
        self.problem_label, self.problem_path = self.problem.label, self.problem.path_field
        self.move_aside_button = self.problem.move_aside_button
        dates = QtWidgets.QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(self.date_to)
        dates.addWidget(self.modality)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        top = QtWidgets.QHBoxLayout()  # the overflow menu beside the search text: the button row is full already
        top.addWidget(self.text, 1)
        top.addWidget(self.more_button)
        layout.addWidget(self.problem)
        layout.addLayout(top)
        layout.addLayout(dates)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_note)
        layout.addWidget(self.thumbnails)
        if index is not None:
            self.index = index
        else:
            self.open_default_index()

    # --- the index file ------------------------------------------------------------------------------------
    @property
    def index(self) -> StudyIndex | None:
        """The open study index; None while it cannot be used (the problem panel says why)."""
        return self._index

    @index.setter
    def index(self, index: StudyIndex) -> None:
        self.thumbnails.cancel()
        self._index = index
        self._set_problem("", None, "")
        self.show_recent()

    def open_default_index(self) -> bool:
        """Open the user's index; when it cannot be opened or read, show why instead of failing the window."""
        path = default_index_path()
        try:
            index, rows = open_index(path, RECENT_COUNT)
        except UnusableIndex as problem:
            self._index = None
            self._set_problem(problem.reason, path, problem.kind)
            self._window.report_error("Study index unavailable", f"{problem.reason} ({path}) Files can still be "
                                      "opened; the Studies dock offers what can be done.")
            return False
        self.thumbnails.cancel()
        self._index = index
        self._set_problem("", None, "")
        self._listing = "recent"
        self._fill(rows)
        return True

    def _set_problem(self, reason: str, path: Path | None, kind: str) -> None:
        """Show (or, with no reason, hide) why the index cannot be used; the index controls are off meanwhile."""
        self.problem.set_problem(reason, path, kind)
        if reason:
            self.rows = []
            self.table.setRowCount(0)
            self.thumbnails.clear()
            self.result_note.clear()
        usable = not reason
        for widget in (self.text, self.date_from, self.date_to, self.modality, self.table, self.thumbnails,
                       self.more_button, *self.buttons):
            widget.setEnabled(usable)
        self.check_missing_action.setEnabled(usable)

    def move_index_aside(self) -> Path | None:
        """Rename the unusable index (with its WAL files) to a dated name beside it and start a new, empty one."""
        path, kind = self.problem.path, self.problem.kind or "set-aside"
        if path is None or not path.exists():
            return None
        try:
            target = move_aside(path, kind)
        except OSError as exc:
            self._window.report_error("Study index", f"{path} could not be moved aside: {exc.strerror or exc}")
            return None
        self._window.report_error("Study index moved aside", f"The old index is now {target.name} in {target.parent} "
                                  "(nothing was deleted); a new, empty index was started. Import your folders again "
                                  "to list their studies.")
        self.open_default_index()
        return target

    # --- searching ---------------------------------------------------------------------------------------
    def search(self) -> None:
        if self._index is None:
            return
        try:
            rows = query.search(
                self._index, text=self.text.text(), date_from=self.date_from.text().strip() or None,
                date_to=self.date_to.text().strip() or None, modality=self.modality.text().strip() or None,
                limit=SEARCH_LIMIT + 1,  # one more than listed tells whether the list was cut
            )
        except ValueError as exc:
            self._window.report_error("Search", str(exc))
            return
        except sqlite3.Error as exc:
            self._window.report_error("Search", f"the study index could not be searched: {exc}")
            return
        self._listing = "search"
        self._fill(rows[:SEARCH_LIMIT])
        if len(rows) > SEARCH_LIMIT:
            self.result_note.setText(f"<b>More than {SEARCH_LIMIT} studies match</b>; the {SEARCH_LIMIT} newest are "
                                     "listed. Refine the search (name, dates, modality) to see the others.")
        else:
            self.result_note.setText(f"{plural(len(rows), 'study', 'studies')} found")

    def show_recent(self) -> None:
        if self._index is None:
            return
        try:
            rows = recent.recent_studies(self._index, RECENT_COUNT)
        except sqlite3.Error as exc:
            self._window.report_error("Recent studies", f"the study index could not be read: {exc}")
            return
        self._listing = "recent"
        self._fill(rows)

    def _fill(self, rows: list[StudyRow]) -> None:
        """List ``rows``; a selected study that is still listed stays selected with its thumbnails."""
        selected = self.table.selected_row()
        kept_uid = self.rows[selected].study_uid if selected is not None else None
        self.rows = rows
        if not self.table.show_rows(rows, kept_uid):
            self.thumbnails.cancel()
            self.thumbnails.clear()
        if self._listing == "recent":
            self.result_note.setText(f"Recently opened: {plural(len(rows), 'study', 'studies')}" if rows else
                                     "No study opened yet: Search lists the indexed studies.")

    def list_again(self) -> None:
        """List what the table showed again, after the index changed under it."""
        self.search() if self._listing == "search" else self.show_recent()

    # --- a selected study ------------------------------------------------------------------------------------
    def _on_selection(self) -> None:
        row = self.table.selected_row()
        if row is None or self._index is None:
            self.thumbnails.cancel()  # the study passed over: its decoding would only delay the one selected now
            return
        uid = self.rows[row].study_uid
        self.thumbnails.make(self._index, uid, lambda: self._show_thumbnails(uid))

    def _show_thumbnails(self, study_uid: str) -> None:
        row = self.table.selected_row()
        if row is None or self._index is None or self.rows[row].study_uid != study_uid:
            return  # the user moved on while thumbnails were being made
        self.thumbnails.show_study(self._index, study_uid)

    def open_study(self, row: int) -> None:
        if self._index is None:
            return
        uid = self.rows[row].study_uid
        paths = [instance.path for instance in query.instances_of_study(self._index, uid)]
        if paths and self._window.open_paths(paths):
            recent.mark_opened(self._index, uid)

    def note_opened(self, study_uid: str) -> bool:
        """Put a study the viewer shows (however it was opened) on the Recent list; False when not indexed."""
        if not study_uid or self._index is None:
            return False
        try:
            recent.mark_opened(self._index, study_uid)
        except ValueError:
            return False  # not in the index (yet); an import of it records it when it finishes
        except sqlite3.Error:
            return False  # the index is busy or damaged; showing the image matters more than the Recent list
        return True

    def prior_image(self, patient_id: str, before: str, study_uid: str) -> Path | None:
        """The comparison pane's prior from the index (``index.prior``: an indexed query, so asked on the GUI
        thread); None while the index cannot be used. A busy or damaged index must not stop the film showing."""
        if self._index is None:
            return None
        try:
            return prior.prior_image(self._index, patient_id, before, study_uid)
        except sqlite3.Error:
            return None

    def select_study(self, study_uid: str) -> bool:
        """Select the study's row (its thumbnails follow); False when the list does not show it."""
        for number, row in enumerate(self.rows):
            if row.study_uid == study_uid:
                self.table.selectRow(number)
                return True
        return False

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

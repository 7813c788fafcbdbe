"""The study browser: search the local index, see thumbnails, open a study, import folders, check for missing files.

Imports, checks and thumbnail rendering run as background tasks (the index hands each thread its own SQLite
connection), so the window stays responsive on a folder of thousands of files; the files that could not be indexed
are listed in the message panel as one summary per import (the first reasons, and all of them on double-click).
Thumbnails are a quiet task: they never take the progress strip's Cancel from an import, and selecting another
study cancels them.

An index that cannot be opened (damaged, or written by a newer version) must not keep the viewer from showing
files: the dock then says why and offers to move the file aside (renamed with the time, never deleted) and start a
new index.
"""

from __future__ import annotations

import gc
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.messages import summarise
from cxr_viewer.index import query, recent
from cxr_viewer.index.db import IndexVersionError, StudyIndex
from cxr_viewer.index.importer import ImportReport, import_paths
from cxr_viewer.index.paths import default_index_path
from cxr_viewer.index.rows import StudyRow
from cxr_viewer.index.thumbnails import ensure_thumbnails

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow
    from cxr_viewer.gui.tasks import Reporter, Task

COLUMNS = ("Patient", "Date", "Modality", "Description", "Images", "ID")
# in a fifth of a laptop screen, what tells studies apart (name, date, what was done) comes first and long names
# and descriptions are cut at these widths (the full text is the cell's tooltip) rather than push the rest away
MAX_COLUMN_PX = {"Patient": 130, "Description": 130, "ID": 100}
LINE_EDIT_MARGIN_PX = 2  # QLineEdit's own margin either side of its text, inside the style's contents rectangle
SEARCH_LIMIT = 500  # studies a search lists; with more matches the dock says so and asks for a narrower search
RECENT_COUNT = 20
MISSING_FOLDERS_NAMED = 3  # folders named in the question about missing files (the rest are counted)
T = TypeVar("T")


def fit_placeholder(field: QtWidgets.QLineEdit) -> None:
    """Never narrower than its whole placeholder. The filter fields share a narrow dock (a fifth of the window) and
    were shrunk alike, so "from YYYYMMDD" read "from YYYY…" and the format the field expects was lost. The text's
    width is where ``elidedText`` (what QLineEdit draws the placeholder with) stops cutting it: that rounds the
    fractional advance up, one pixel more than ``horizontalAdvance`` says."""
    metrics, placeholder = field.fontMetrics(), field.placeholderText()
    width = metrics.horizontalAdvance(placeholder)
    while metrics.elidedText(placeholder, QtCore.Qt.TextElideMode.ElideRight, width) != placeholder:
        width += 1
    option = QtWidgets.QStyleOptionFrame()
    field.initStyleOption(option)
    margins = field.textMargins()
    text = QtCore.QSize(width + 2 * LINE_EDIT_MARGIN_PX + margins.left() + margins.right(), metrics.height())
    field.setMinimumWidth(field.style().sizeFromContents(QtWidgets.QStyle.ContentsType.CT_LineEdit, option, text,
                                                         field).width())


def _closing(index: StudyIndex, work: Callable[[], T]) -> T:
    """Run index work on a pool thread and close that thread's connection after it (see ``StudyIndex``)."""
    try:
        return work()
    finally:
        index.close()


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def aside_path(path: Path, kind: str) -> Path:
    """A free name beside ``path`` saying what it was and when it was set aside (no existing file is replaced)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{kind}-{stamp}")
    number = 2
    while any(Path(f"{candidate}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
        candidate = path.with_name(f"{path.name}.{kind}-{stamp}-{number}")
        number += 1
    return candidate


class StudyBrowser(QtWidgets.QWidget):
    import_finished = QtCore.Signal(object)  # ImportReport
    missing_checked = QtCore.Signal(object)  # list[MissingFile], once the user has been told (and asked)
    missing_forgotten = QtCore.Signal(int)  # index entries removed after the user agreed

    def __init__(self, window: "MainWindow", index: StudyIndex | None = None) -> None:
        super().__init__()
        self._window = window
        self._index: StudyIndex | None = None
        self.index_problem = ""  # why the index cannot be used ('' while it can)
        self._problem_path: Path | None = None
        self._problem_kind = ""  # "damaged" / "newer-version" (moving aside offered), "" (try again only)
        self.rows: list[StudyRow] = []
        self._listing = "recent"  # what the table shows, so a change to the index lists it again
        self.last_report: ImportReport | None = None
        self.last_missing: list[query.MissingFile] | None = None
        self.missing_prompt: QtWidgets.QMessageBox | None = None  # the open question whether to forget them
        self.forget_button: QtWidgets.QAbstractButton | None = None
        self.keep_button: QtWidgets.QAbstractButton | None = None
        self._thumbnail_task: "Task | None" = None
        self._check_task: "Task | None" = None
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
        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()  # row numbers say nothing about a study
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_study(row))
        self.result_note = QtWidgets.QLabel(wordWrap=True)  # what the table lists; says when a search was cut
        self.thumbnails = QtWidgets.QListWidget(viewMode=QtWidgets.QListView.ViewMode.IconMode)
        self.thumbnails.setIconSize(QtCore.QSize(96, 96))
        self.thumbnails.setMaximumHeight(130)
        self.problem = self._problem_panel()
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
        """The open study index; None while it cannot be used (``index_problem`` says why)."""
        return self._index

    @index.setter
    def index(self, index: StudyIndex) -> None:
        self._cancel_thumbnails()
        self._index = index
        self._set_problem("", None, "")
        self.show_recent()

    def open_default_index(self) -> bool:
        """Open the user's index; when it cannot be opened or read, show why instead of failing the window."""
        path = default_index_path()
        try:
            index = StudyIndex(path)
            rows = recent.recent_studies(index, RECENT_COUNT)
        except IndexVersionError as exc:
            reason = str(exc).removeprefix(f"{path}: ")
            self._index_unusable(path, f"It was written by a newer version of the workstation: {reason}.",
                                 "newer-version")
            return False
        except sqlite3.OperationalError as exc:  # locked by another program, no permission: the file may be fine
            self._index_unusable(path, f"It cannot be opened: {exc}.", "")
            return False
        except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
            self._index_unusable(path, f"It is damaged: {exc}.", "damaged")
            return False
        except OSError as exc:
            self._index_unusable(path, f"Its folder cannot be used: {exc.strerror or exc}.", "")
            return False
        self._cancel_thumbnails()
        self._index = index
        self._set_problem("", None, "")
        self._listing = "recent"
        self._fill(rows)
        return True

    def _index_unusable(self, path: Path, reason: str, kind: str) -> None:
        self._index = None
        self._set_problem(reason, path, kind)
        self._window.report_error("Study index unavailable", f"{reason} ({path}) Files can still be opened; "
                                  "the Studies dock offers what can be done.")

    def _problem_panel(self) -> QtWidgets.QFrame:
        frame = QtWidgets.QFrame(frameShape=QtWidgets.QFrame.Shape.StyledPanel)
        self.problem_label = QtWidgets.QLabel(wordWrap=True)
        self.problem_label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_path = QtWidgets.QLineEdit(readOnly=True)  # a long path scrolls instead of widening the dock
        self.move_aside_button = QtWidgets.QPushButton("Move it aside and start a new index")
        self.move_aside_button.setToolTip("Renames the file (adding the date and time); nothing is deleted")
        self.move_aside_button.clicked.connect(self.move_index_aside)
        self.retry_button = QtWidgets.QPushButton("Try again")
        self.retry_button.clicked.connect(self.open_default_index)
        layout = QtWidgets.QVBoxLayout(frame)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self.problem_label, self.problem_path, self.move_aside_button, self.retry_button):
            layout.addWidget(widget)
        frame.hide()
        return frame

    def _set_problem(self, reason: str, path: Path | None, kind: str) -> None:
        """Show (or, with no reason, hide) why the index cannot be used; the index controls are off meanwhile."""
        self.index_problem, self._problem_path, self._problem_kind = reason, path, kind
        self.problem.setVisible(bool(reason))
        if reason:
            self.problem_label.setText(f"<b>The study index cannot be used.</b> {reason}<br>Files still open from the "
                                       "File menu or by drag and drop; searching and importing need an index.")
            self.problem_path.setText(str(path))
            self.problem_path.setCursorPosition(0)
            self.move_aside_button.setVisible(bool(kind) and path is not None and path.exists())
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
        path, kind = self._problem_path, self._problem_kind or "set-aside"
        if path is None or not path.exists():
            return None
        gc.collect()  # the failed open's connection must be closed before its files are renamed
        target = aside_path(path, kind)
        moved: list[tuple[Path, Path]] = []
        try:
            for suffix in ("-wal", "-shm", ""):  # the database last: a new index must never meet the old WAL
                source = Path(f"{path}{suffix}")
                if source.exists():
                    source.rename(Path(f"{target}{suffix}"))
                    moved.append((Path(f"{target}{suffix}"), source))
        except OSError as exc:
            for back, source in reversed(moved):
                back.rename(source)
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
            self.result_note.setText(f"{_plural(len(rows), 'study', 'studies')} found")

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
        """List ``rows``; a selected study that is still listed stays selected with its thumbnails (an import's
        refresh of the list must not take them away, nor cancel them while they are being made)."""
        selected = self._selected_row()
        kept_uid = self.rows[selected].study_uid if selected is not None else None
        self.rows = rows
        self.table.blockSignals(True)
        try:
            self.table.clearSelection()
            self.table.setRowCount(len(rows))
            for r, row in enumerate(rows):
                values = (row.patient_name, row.study_date.isoformat() if row.study_date else "", row.modality,
                          row.description, str(row.n_instances), row.patient_id)
                for c, value in enumerate(values):
                    item = QtWidgets.QTableWidgetItem(value)
                    item.setToolTip(value)
                    self.table.setItem(r, c, item)
            still_listed = [r for r, row in enumerate(rows) if row.study_uid == kept_uid]
            if still_listed:
                self.table.selectRow(still_listed[0])
        finally:
            self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        for column, name in enumerate(COLUMNS):
            if name in MAX_COLUMN_PX:
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN_PX[name]))
        if not still_listed:
            self._cancel_thumbnails()
            self.thumbnails.clear()
        if self._listing == "recent":
            self.result_note.setText(f"Recently opened: {_plural(len(rows), 'study', 'studies')}" if rows else
                                     "No study opened yet: Search lists the indexed studies.")

    def _list_again(self) -> None:
        """List what the table showed again, after the index changed under it."""
        self.search() if self._listing == "search" else self.show_recent()

    # --- a selected study ------------------------------------------------------------------------------------
    def _selected_row(self) -> int | None:
        selected = self.table.selectionModel().selectedRows()
        return selected[0].row() if selected else None

    def _cancel_thumbnails(self) -> None:
        if self._thumbnail_task is not None and not self._thumbnail_task.done:
            self._thumbnail_task.cancel()
        self._thumbnail_task = None

    def _on_selection(self) -> None:
        self._cancel_thumbnails()  # the study passed over: its decoding would only delay the one selected now
        row = self._selected_row()
        if row is None or self._index is None:
            return
        uid, index = self.rows[row].study_uid, self._index

        def work(reporter: "Reporter") -> object:
            return _closing(index, lambda: ensure_thumbnails(index, uid, cancelled=lambda: reporter.cancelled))

        self._thumbnail_task = self._window.tasks.run(work, lambda _report: self._show_thumbnails(uid),
                                                      title="Thumbnails", quiet=True)

    def _show_thumbnails(self, study_uid: str) -> None:
        row = self._selected_row()
        if row is None or self._index is None or self.rows[row].study_uid != study_uid:
            return  # the user moved on while thumbnails were being made
        self.thumbnails.clear()
        for instance in query.instances_of_study(self._index, study_uid):
            pixmap = QtGui.QPixmap()
            if instance.thumbnail:
                pixmap.loadFromData(instance.thumbnail, "PNG")
            item = QtWidgets.QListWidgetItem(QtGui.QIcon(pixmap), instance.path.name)
            item.setData(QtCore.Qt.ItemDataRole.UserRole, str(instance.path))
            self.thumbnails.addItem(item)

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

    def select_study(self, study_uid: str) -> bool:
        """Select the study's row (its thumbnails follow); False when the list does not show it."""
        for number, row in enumerate(self.rows):
            if row.study_uid == study_uid:
                self.table.selectRow(number)
                return True
        return False

    # --- importing -----------------------------------------------------------------------------------------
    def choose_import(self) -> None:
        if self._index is None:
            return
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, "Import folder into the study index")
        if folder:
            self.import_folder(Path(folder))

    def import_folder(self, folder: Path) -> "Task | None":
        return self.import_files([folder], title=f"Importing {folder.name}")

    def import_files(self, paths: list[Path], title: str = "Importing") -> "Task | None":
        """Index files and folders in the background; the result arrives through ``import_finished``.

        None (and a status message) while the index cannot be used.
        """
        index = self._index
        if index is None:
            self._window.statusBar().showMessage("Not added to the study index: it cannot be used (see the Studies "
                                                 "dock)", 10000)
            return None

        def work(reporter: "Reporter") -> ImportReport:
            def progress(done: int, total: int, path: str) -> None:
                reporter.report(done / max(total, 1), f"{done}/{total} {Path(path).name}")

            return _closing(index, lambda: import_paths(index, paths, progress, lambda: reporter.cancelled))

        return self._window.tasks.run(work, lambda report: self._import_done(report, title), title=title)

    def _import_done(self, report: ImportReport, title: str = "") -> None:
        """One message for all the files that could not be indexed, however many (one per file froze the GUI)."""
        self.last_report = report
        if report.failed:
            lines = [f"{Path(path).name}: {reason}  ({path})" for path, reason in report.failed]
            headline = f"{_plural(len(report.failed), 'file')} not imported" + (f" ({title})" if title else "")
            self._window.report_error("Not imported", *summarise(headline, lines))
        self._window.statusBar().showMessage(f"Import: {report.summary()}", 10000)
        self.search()
        shown = self._window.current_study_uid()
        if self.note_opened(shown):
            self.select_study(shown)
        self.import_finished.emit(report)

    # --- files that are gone ---------------------------------------------------------------------------------
    def check_missing(self) -> "Task | None":
        """Look for indexed files that are no longer where the index says (in the background).

        Nothing is forgotten without the user's yes: a file on a drive or share that is not connected looks
        missing too, and forgetting it drops its study (with its place on the Recent list) until it is imported
        again. The missing files are listed in Messages, and a non-modal question offers to forget them.
        """
        index = self._index
        if index is None:
            return None
        if self._check_task is not None and not self._check_task.done:
            return self._check_task
        self._check_task = self._window.tasks.run(
            lambda reporter: _closing(index, lambda: query.verify(index)), self._missing_found,
            title="Checking for missing files",
        )
        return self._check_task

    def _missing_found(self, missing: list[query.MissingFile]) -> None:
        if self._check_task is not None and self._check_task.cancelled:
            self._window.statusBar().showMessage("Check for missing files cancelled", 8000)
            return
        self.last_missing = missing
        if not missing:
            self._window.statusBar().showMessage("Check for missing files: every indexed file is in place", 15000)
            self.missing_checked.emit(missing)
            return
        studies = {entry.study_uid for entry in missing}
        where = f"{_plural(len(missing), 'indexed file')} missing, in {_plural(len(studies), 'study', 'studies')}"
        self._window.report_error("Missing files", *summarise(where, [f"{m.path}: {m.reason}" for m in missing]))
        folders = Counter(str(entry.path.parent) for entry in missing)
        named = [folder for folder, _count in folders.most_common(MISSING_FOLDERS_NAMED)]
        others = len(folders) - len(named)
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, "Missing files", f"{where}.", parent=self)
        box.setInformativeText(
            "Forget them? Only their entries leave the study index, no file is touched; a study left without files "
            "leaves the list (and Recent) until its folder is imported again.\n\n"
            "If they are on a drive or network share that is not connected now, keep them, connect it and check "
            "again.\n\nIn " + ", ".join(named) + (f" and {_plural(others, 'other folder')}" if others else "") + "."
        )
        box.setDetailedText("\n".join(f"{m.path}: {m.reason}" for m in missing))
        box.setWindowModality(QtCore.Qt.WindowModality.NonModal)
        self.forget_button = box.addButton("Forget them", QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        self.keep_button = box.addButton("Keep them", QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.keep_button)
        box.buttonClicked.connect(lambda button: self._answer_missing(missing, button is self.forget_button))
        self.missing_prompt = box
        box.show()
        self.missing_checked.emit(missing)

    def _answer_missing(self, missing: list[query.MissingFile], forget: bool) -> None:
        self.missing_prompt = None
        index = self._index
        if not forget or index is None:
            self._window.statusBar().showMessage(f"Kept {_plural(len(missing), 'missing file')} in the study index; "
                                                 "importing their new folder updates them", 15000)
            return
        self._window.tasks.run(lambda reporter: _closing(index, lambda: query.forget_missing(index, missing)),
                               lambda removed: self._forgotten(removed, len(missing)), title="Forgetting missing files")

    def _forgotten(self, removed: int, asked: int) -> None:
        back = asked - removed
        text = f"Forgot {_plural(removed, 'missing file')}" + (f"; {back} came back and were kept" if back else "")
        self._window.messages.add("Missing files", text)
        self._window.statusBar().showMessage(text, 15000)
        self._list_again()
        self.missing_forgotten.emit(removed)

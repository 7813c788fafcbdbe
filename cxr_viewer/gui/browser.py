"""The study browser: search the local index, see thumbnails, open a study, import folders.

Imports and thumbnail rendering run as background tasks (the index hands each thread its own SQLite
connection), so the window stays responsive on a folder of thousands of files; every file that could
not be indexed is listed in the message panel with its reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.index import query, recent
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import ImportReport, import_paths
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


class StudyBrowser(QtWidgets.QWidget):
    import_finished = QtCore.Signal(object)  # ImportReport

    def __init__(self, window: "MainWindow", index: StudyIndex | None = None) -> None:
        super().__init__()
        self._window = window
        self.index = index or StudyIndex()
        self.rows: list[StudyRow] = []
        self.last_report: ImportReport | None = None
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
        buttons = QtWidgets.QHBoxLayout()
        for label, slot in (("Search", self.search), ("Recent", self.show_recent), ("Import folder…", self.choose_import)):
            button = QtWidgets.QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.table = QtWidgets.QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()  # row numbers say nothing about a study
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.open_study(row))
        self.thumbnails = QtWidgets.QListWidget(viewMode=QtWidgets.QListView.ViewMode.IconMode)
        self.thumbnails.setIconSize(QtCore.QSize(96, 96))
        self.thumbnails.setMaximumHeight(130)
        dates = QtWidgets.QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(self.date_to)
        dates.addWidget(self.modality)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.text)
        layout.addLayout(dates)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.thumbnails)
        self.show_recent()

    # --- searching ---------------------------------------------------------------------------------------
    def search(self) -> None:
        try:
            rows = query.search(
                self.index, text=self.text.text(), date_from=self.date_from.text().strip() or None,
                date_to=self.date_to.text().strip() or None, modality=self.modality.text().strip() or None,
            )
        except ValueError as exc:
            self._window.report_error("Search", str(exc))
            return
        self._fill(rows)

    def show_recent(self) -> None:
        self._fill(recent.recent_studies(self.index, 20))

    def _fill(self, rows: list[StudyRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (row.patient_name, row.study_date.isoformat() if row.study_date else "", row.modality,
                      row.description, str(row.n_instances), row.patient_id)
            for c, value in enumerate(values):
                item = QtWidgets.QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for column, name in enumerate(COLUMNS):
            if name in MAX_COLUMN_PX:
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), MAX_COLUMN_PX[name]))
        self.thumbnails.clear()

    # --- a selected study ------------------------------------------------------------------------------------
    def _selected_row(self) -> int | None:
        selected = self.table.selectionModel().selectedRows()
        return selected[0].row() if selected else None

    def _on_selection(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        uid = self.rows[row].study_uid
        self._window.tasks.run(
            lambda reporter: ensure_thumbnails(self.index, uid), lambda _report: self._show_thumbnails(uid),
            title="Thumbnails",
        )

    def _show_thumbnails(self, study_uid: str) -> None:
        row = self._selected_row()
        if row is None or self.rows[row].study_uid != study_uid:
            return  # the user moved on while thumbnails were being made
        self.thumbnails.clear()
        for instance in query.instances_of_study(self.index, study_uid):
            pixmap = QtGui.QPixmap()
            if instance.thumbnail:
                pixmap.loadFromData(instance.thumbnail, "PNG")
            item = QtWidgets.QListWidgetItem(QtGui.QIcon(pixmap), instance.path.name)
            item.setData(QtCore.Qt.ItemDataRole.UserRole, str(instance.path))
            self.thumbnails.addItem(item)

    def open_study(self, row: int) -> None:
        uid = self.rows[row].study_uid
        paths = [instance.path for instance in query.instances_of_study(self.index, uid)]
        if paths and self._window.open_paths(paths):
            recent.mark_opened(self.index, uid)

    def note_opened(self, study_uid: str) -> bool:
        """Put a study the viewer shows (however it was opened) on the Recent list; False when not indexed."""
        if not study_uid:
            return False
        try:
            recent.mark_opened(self.index, study_uid)
        except ValueError:
            return False  # not in the index (yet); an import of it records it when it finishes
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
        folder = QtWidgets.QFileDialog.getExistingDirectory(self, "Import folder into the study index")
        if folder:
            self.import_folder(Path(folder))

    def import_folder(self, folder: Path) -> "Task":
        return self.import_files([folder], title=f"Importing {folder.name}")

    def import_files(self, paths: list[Path], title: str = "Importing") -> "Task":
        """Index files and folders in the background; the result arrives through ``import_finished``."""

        def work(reporter: "Reporter") -> ImportReport:
            def progress(done: int, total: int, path: str) -> None:
                reporter.report(done / max(total, 1), f"{done}/{total} {Path(path).name}")

            return import_paths(self.index, paths, progress, lambda: reporter.cancelled)

        return self._window.tasks.run(work, self._import_done, title=title)

    def _import_done(self, report: ImportReport) -> None:
        self.last_report = report
        for path, reason in report.failed:
            self._window.report_error("Not imported", f"{Path(path).name}: {reason}  ({path})")
        self._window.statusBar().showMessage(f"Import: {report.summary()}", 10000)
        self.search()
        shown = self._window.current_study_uid()
        if self.note_opened(shown):
            self.select_study(shown)
        self.import_finished.emit(report)

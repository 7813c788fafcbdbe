"""The Studies dock's table: one row a study, read-only, selected whole, sorted by a click on a column header.

Until a header is clicked the rows keep the index's order (newest first). After one, every listing is shown sorted
the same way; each row's first cell remembers which study it shows (its place in the listing), so selecting,
double-clicking and keeping the selection across a refresh always mean the study on screen, not the one that was on
that row before sorting. Unread studies are in bold, as unread mail is: the reader sees at a glance what is left.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.browser_date_item import StudyDateItem, shown_date
from cxr_viewer.index.rows import StudyRow

COLUMNS = ("Patient", "Date", "Description", "Modality", "Images", "ID")
# in a fifth of a laptop screen, what tells studies apart (name, date, what was done) comes first: a patient's
# current and prior differ by date and description, so Description sits beside Date, not behind Modality (CR or
# DX on every row of a chest list), where the dock's default width squeezed it to two letters. Long names and
# descriptions are cut at these widths, on one line ending in "…" (the full text is the cell's tooltip), rather
# than push the rest away
MAX_COLUMN_PX = {"Patient": 130, "Description": 130, "ID": 100}
_LISTED_AS = QtCore.Qt.ItemDataRole.UserRole  # on a row's first cell: the study's place in the listing


class StudyTable(QtWidgets.QTableWidget):
    open_wanted = QtCore.Signal(int)  # Enter on a row: the study's place in the listing, to open as a double-click

    def __init__(self) -> None:
        super().__init__(0, len(COLUMNS))
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setAccessibleName("Studies")
        self.setTabKeyNavigation(False)  # Tab goes on to the thumbnails, arrows move between studies
        self.verticalHeader().hide()  # row numbers say nothing about a study
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        # one study at a time: nothing acts on several, and an extended selection let a list refresh with Shift
        # still held (Shift+U) select a whole range, which U then started below
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)  # a wrapped description showed two-letter fragments on rows twice as tall
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSortIndicator(-1, QtCore.Qt.SortOrder.AscendingOrder)  # the index's order
        self.setSortingEnabled(True)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:  # noqa: N802 - Qt naming
        """Enter opens the selected study: only a double-click did, so a reader who found it by the arrows had to
        reach for the mouse."""
        selected = self.selected_row()
        if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter) and selected is not None:
            self.open_wanted.emit(selected)
            event.accept()
            return
        super().keyPressEvent(event)

    def listed_row(self, row: int) -> int:
        """The place in the listing of the study shown on table row ``row``."""
        return int(self.item(row, 0).data(_LISTED_AS))

    def table_row(self, listed: int) -> int | None:
        """The table row showing the listing's study number ``listed``."""
        return next((row for row in range(self.rowCount()) if self.listed_row(row) == listed), None)

    def selected_row(self) -> int | None:
        """The selected study's place in the listing (not its table row, which sorting moves)."""
        selected = self.selectionModel().selectedRows()
        return self.listed_row(selected[0].row()) if selected else None

    def select_listed(self, listed: int) -> None:
        """Select the listing's study ``listed`` alone, whatever keys are held (``selectRow`` reads the keyboard's
        modifiers) and make it current, so the arrow keys go on from it."""
        row = self.table_row(listed)
        if row is not None:
            flags = QtCore.QItemSelectionModel.SelectionFlag
            self.selectionModel().setCurrentIndex(self.model().index(row, 0), flags.ClearAndSelect | flags.Rows)
            self.scrollToItem(self.item(row, 0))

    def show_read(self, row: int, read: bool) -> None:
        """Table row ``row`` in bold while its study is unread; a screen reader hears it in words (bold is silent)."""
        for column in range(self.columnCount()):
            item = self.item(row, column)
            font = item.font()
            font.setBold(not read)
            item.setFont(font)
        self.item(row, 0).setData(QtCore.Qt.ItemDataRole.AccessibleDescriptionRole, "read" if read else "unread")

    def show_rows(self, rows: list[StudyRow], kept_uid: str | None) -> bool:
        """List ``rows`` and select the study ``kept_uid`` again if it is among them; True when it is.

        Selection signals are off meanwhile: the study that stays selected keeps its thumbnails (a refresh of the
        list must not take them away, nor cancel them while they are being made). Sorting is off while the cells are
        filled (Qt would move rows under the loop) and sorts them once at the end.
        """
        self.blockSignals(True)
        self.setSortingEnabled(False)
        try:
            self.selectionModel().clear()  # the current row too: kept, fewer rows moved it onto a study, selected
            self.setRowCount(len(rows))
            for r, row in enumerate(rows):
                values = (row.patient_name, shown_date(row), row.description, row.modality, row.n_instances,
                          row.patient_id)  # in COLUMNS order
                for c, value in enumerate(values):
                    item = StudyDateItem(row) if COLUMNS[c] == "Date" else QtWidgets.QTableWidgetItem()
                    item.setData(QtCore.Qt.ItemDataRole.DisplayRole, value)  # Images as a number: 9 before 10
                    item.setToolTip(item.toolTip() or str(value))
                    self.setItem(r, c, item)
                self.item(r, 0).setData(_LISTED_AS, r)
                self.show_read(r, row.read)
            self.setSortingEnabled(True)
            still_listed = [r for r, row in enumerate(rows) if row.study_uid == kept_uid]
            if still_listed:
                self.select_listed(still_listed[0])
        finally:
            self.blockSignals(False)
        self.resizeColumnsToContents()
        for column, name in enumerate(COLUMNS):
            if name in MAX_COLUMN_PX:
                self.setColumnWidth(column, min(self.columnWidth(column), MAX_COLUMN_PX[name]))
        return bool(still_listed)

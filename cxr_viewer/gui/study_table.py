"""The Studies dock's table: one row a study, read-only, selected whole."""

from __future__ import annotations

from PySide6 import QtWidgets

from cxr_viewer.index.rows import StudyRow

COLUMNS = ("Patient", "Date", "Modality", "Description", "Images", "ID")
# in a fifth of a laptop screen, what tells studies apart (name, date, what was done) comes first and long names
# and descriptions are cut at these widths (the full text is the cell's tooltip) rather than push the rest away
MAX_COLUMN_PX = {"Patient": 130, "Description": 130, "ID": 100}


class StudyTable(QtWidgets.QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, len(COLUMNS))
        self.setHorizontalHeaderLabels(COLUMNS)
        self.verticalHeader().hide()  # row numbers say nothing about a study
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)

    def selected_row(self) -> int | None:
        selected = self.selectionModel().selectedRows()
        return selected[0].row() if selected else None

    def show_rows(self, rows: list[StudyRow], kept_uid: str | None) -> bool:
        """List ``rows`` and select the study ``kept_uid`` again if it is among them; True when it is.

        Selection signals are off meanwhile: the study that stays selected keeps its thumbnails (a refresh of the
        list must not take them away, nor cancel them while they are being made).
        """
        self.blockSignals(True)
        try:
            self.clearSelection()
            self.setRowCount(len(rows))
            for r, row in enumerate(rows):
                values = (row.patient_name, row.study_date.isoformat() if row.study_date else "", row.modality,
                          row.description, str(row.n_instances), row.patient_id)
                for c, value in enumerate(values):
                    item = QtWidgets.QTableWidgetItem(value)
                    item.setToolTip(value)
                    self.setItem(r, c, item)
            still_listed = [r for r, row in enumerate(rows) if row.study_uid == kept_uid]
            if still_listed:
                self.selectRow(still_listed[0])
        finally:
            self.blockSignals(False)
        self.resizeColumnsToContents()
        for column, name in enumerate(COLUMNS):
            if name in MAX_COLUMN_PX:
                self.setColumnWidth(column, min(self.columnWidth(column), MAX_COLUMN_PX[name]))
        return bool(still_listed)

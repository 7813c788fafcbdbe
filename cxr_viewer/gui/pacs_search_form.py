"""The search fields of the Query/Retrieve tab, turned into one validated :class:`QueryFilter`.

Dates use date pickers whose lowest value reads "any", so an open-ended range needs no typing and a
reversed range is reported by the filter itself rather than silently returning nothing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QGridLayout, QLabel, QLineEdit, QWidget

from cxr_viewer.net.query import QueryFilter, typed_name

ANY_DATE = QDate(1900, 1, 1)
MODALITIES = ("", "CR", "DX", "CT", "MR", "US", "MG", "SR", "SEG", "OT")


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(ANY_DATE)
    edit.setSpecialValueText("any")
    edit.setDate(ANY_DATE)
    return edit


class SearchForm(QWidget):
    """Patient name and ID, study date range, modality, accession number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name, self.patient_id, self.accession = QLineEdit(), QLineEdit(), QLineEdit()
        self.name.setPlaceholderText("DOE* or Doe, John (wildcards * ?)")
        self.date_from, self.date_to = _date_edit(), _date_edit()
        self.modality = QComboBox()
        self.modality.setEditable(True)
        self.modality.addItems(MODALITIES)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        cells = (("Patient n&ame", self.name), ("Patient &ID", self.patient_id), ("Acc&ession", self.accession),
                 ("Study date &from", self.date_from), ("t&o", self.date_to), ("&Modality", self.modality))
        for position, (text, widget) in enumerate(cells):
            row, column = divmod(position, 3)
            label = QLabel(text)
            label.setBuddy(widget)  # Alt+letter goes to the field, and a screen reader names it by its label
            grid.addWidget(label, row, 2 * column)
            grid.addWidget(widget, row, 2 * column + 1)

    @staticmethod
    def _date(edit: QDateEdit) -> date | None:
        value = edit.date()
        return None if value == ANY_DATE else date(value.year(), value.month(), value.day())

    def set_date_range(self, start: date | None, end: date | None) -> None:
        self.date_from.setDate(QDate(start) if start else ANY_DATE)
        self.date_to.setDate(QDate(end) if end else ANY_DATE)

    def study_query(self) -> QueryFilter:
        """Raises ValueError with a readable reason (e.g. a reversed date range)."""
        return QueryFilter(level="study", patient_name=typed_name(self.name.text()),
                           patient_id=self.patient_id.text().strip(), date_from=self._date(self.date_from),
                           date_to=self._date(self.date_to), modality=self.modality.currentText().strip().upper(),
                           accession_number=self.accession.text().strip())

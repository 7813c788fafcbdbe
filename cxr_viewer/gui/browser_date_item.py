"""The Studies table's Date cell: a real date in ISO form, a malformed one as the file gives it, sorted apart.

Old and foreign files carry Study Dates that are not dates ("20241399", "2023", "garbage"). The list shows them as
they are, so the user sees what the file says, but a header click must not sort them in among the real dates as
text would ("20241399" between 2024 and 2025, "1899" in the 1890s): they go after every real date, whichever way
the column is sorted, and studies without a date after them.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from cxr_viewer.index.rows import StudyRow

_REAL, _MALFORMED, _NONE = 0, 1, 2


def shown_date(row: StudyRow) -> str:
    """The cell's text: ISO for a real date, the stored text for a malformed one, nothing without a date."""
    return row.study_date.isoformat() if row.study_date is not None else row.study_date_text


class StudyDateItem(QtWidgets.QTableWidgetItem):
    """A Date cell that sorts real dates by date and keeps malformed and missing ones after them."""

    def __init__(self, row: StudyRow) -> None:
        super().__init__(shown_date(row))
        self.rank = _REAL if row.study_date is not None else _MALFORMED if row.study_date_text else _NONE
        if self.rank == _MALFORMED:
            self.setToolTip(f"{row.study_date_text}: the Study Date as the file gives it, not a valid date (sorted "
                            "after the real dates)")

    def __lt__(self, other: QtWidgets.QTableWidgetItem) -> bool:
        if not isinstance(other, StudyDateItem) or self.rank == other.rank:
            return self.text() < other.text()  # ISO dates sort as text; malformed ones among themselves too
        table = self.tableWidget()
        descending = (table is not None
                      and table.horizontalHeader().sortIndicatorOrder() == QtCore.Qt.SortOrder.DescendingOrder)
        # Qt puts b before a in a descending sort when a < b: invert so the rank order holds both ways
        return (self.rank < other.rank) != descending

"""Query results as a tree: one row per study, its series underneath once the study is expanded.

Rows remember the UIDs they stand for, so "retrieve the selection" needs no second lookup, and a study
asks for its series only the first time it is expanded (``series_wanted``), not on every search. How each answer
reads (names, dates) and the status line that goes with a new list are ``pacs_result_text``'s.
"""

from __future__ import annotations

from pydicom.dataset import Dataset
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from cxr_viewer.gui.pacs_result_text import shown_text
from cxr_viewer.net.matches import Matches

COLUMNS = ("Patient", "Patient ID", "Date / time", "Accession", "Modality", "Description", "Instances")
STUDY_KEYS = ("PatientName", "PatientID", "StudyDate", "AccessionNumber", "ModalitiesInStudy", "StudyDescription",
              "NumberOfStudyRelatedInstances")
UID_ROLE, LOADED_ROLE = int(Qt.ItemDataRole.UserRole), int(Qt.ItemDataRole.UserRole) + 1
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # a column's sort key where its text does not sort right
INSTANCES, DATE = COLUMNS.index("Instances"), COLUMNS.index("Date / time")


class _Row(QTreeWidgetItem):
    """A row that sorts by its :data:`SORT_ROLE` where both rows have one. Sorted by the shown date text, two
    studies of one day kept the PACS's order, so the day's latest study (the prior a radiologist wants) could be
    below an earlier one, and the window disagreed with ``cxr-pacs find``."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is None or theirs is None:  # Qt's own rule (PySide's super().__lt__ would call this one again)
            shown = Qt.ItemDataRole.DisplayRole
            mine, theirs = self.data(column, shown), other.data(column, shown)
        return mine < theirs if type(mine) is type(theirs) else str(mine) < str(theirs)


def _row(values: list[str]) -> QTreeWidgetItem:
    """A row whose instance count is a number: as text, a click on Instances put 100 before 12 before 9. (Set over
    the text, Qt keeps the text: it takes 100 for "100" and sees no change.)"""
    count = values[INSTANCES]
    item = _Row([*values[:INSTANCES], "", *values[INSTANCES + 1:]])
    item.setData(INSTANCES, Qt.ItemDataRole.DisplayRole, int(count) if count.isdigit() else count)
    return item


class ResultsTree(QTreeWidget):
    series_wanted = Signal(object, str)  # (study item, study UID)
    retrieve_wanted = Signal()  # Enter on a row: fetch it, as the Retrieve button would

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(COLUMNS)
        self.setAccessibleName("Studies found")
        self.setSortingEnabled(True)
        self.itemExpanded.connect(self._expanded)
        for column in range(len(COLUMNS)):  # empty, each column as wide as its title: a large font cut "Descripti"
            self.resizeColumnToContents(column)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        """Enter on a row retrieves it and stops there: Qt passes the key on to the dialog, whose default button
        (Search) then ran the search again and replaced the list the reader was choosing from."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.retrieve_wanted.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def show_studies(self, studies: list[Dataset]) -> None:
        """Lists the studies newest first by date, then time, undated last (:meth:`Matches.newest_first`, the
        order of ``cxr-pacs find``); the Date / time column sorts by that rank, so a click on it keeps the rule
        (a study without a time last in its day)."""
        self.clear()
        newest = Matches(studies).newest_first()
        for rank, study in enumerate(newest):
            item = _row([shown_text(study, keyword) for keyword in STUDY_KEYS])
            item.setData(DATE, SORT_ROLE, len(newest) - rank)
            item.setData(0, UID_ROLE, (str(study.get("StudyInstanceUID", "")), ""))
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            self.addTopLevelItem(item)
        for column in range(len(COLUMNS)):
            self.resizeColumnToContents(column)
        self.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)  # newest first

    def _expanded(self, item: QTreeWidgetItem) -> None:
        if item.parent() is None and not item.data(0, LOADED_ROLE):
            item.setData(0, LOADED_ROLE, True)
            self.series_wanted.emit(item, item.data(0, UID_ROLE)[0])

    def show_series(self, study: QTreeWidgetItem, series: list[Dataset]) -> None:
        study_uid = study.data(0, UID_ROLE)[0]
        for one in sorted(series, key=lambda s: int(s.get("SeriesNumber") or 0)):
            child = _row([f"Series {one.get('SeriesNumber', '?')}", "", "", "", shown_text(one, "Modality"),
                          shown_text(one, "SeriesDescription"), shown_text(one, "NumberOfSeriesRelatedInstances")])
            child.setData(0, UID_ROLE, (study_uid, str(one.get("SeriesInstanceUID", ""))))
            study.addChild(child)
        if not series:
            study.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicator)
        self.resizeColumnToContents(0)  # sized for the names alone, it cut the indented "Series 1" to "Seri…"

    def selected_uids(self) -> tuple[str, str] | None:
        """(study UID, series UID or "") of the selected row."""
        items = self.selectedItems()
        return tuple(items[0].data(0, UID_ROLE)) if items else None

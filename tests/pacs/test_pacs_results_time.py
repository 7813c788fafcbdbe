"""The PACS window shows each study's time beside its date, and sorting by that column keeps date-then-time order.

The list showed the date alone although same-day studies were ordered by time, so a radiologist could not see
which of a patient's films of one day was the morning one. A time sent in the ACR-NEMA form (``09:15:00``) also
sorted after ``093000`` (``:`` follows the digits), putting the 09:15 study above the 09:30 one. A real pynetdicom
C-FIND SCP on loopback answers a real offscreen window.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pydicom.dataset import Dataset
from PySide6.QtCore import Qt

from cxr_viewer.gui.pacs_results_tree import COLUMNS
from cxr_viewer.net.nodes import DicomNode
from tests.pacs.find_server import find_server
from tests.pacs.pacs_dialog_helpers import click_header, search_peer

pytestmark = pytest.mark.gui

WHEN = "Date / time"
# (accession, study date, study time) in the order the PACS sends them
SENT = [("OLD", "20200105", "080000"), ("NOON-ACR", "20240110", "09:15:00"), ("UNDATED", "", "120000"),
        ("MORNING", "20240110", "0815"), ("NO-TIME", "20240110", ""), ("AFTERNOON", "20240110", "143000.25"),
        ("HALF-PAST-NINE", "20240110", "093000")]
# newest first, as shown: a study without a time is last in its day, an undated one last of all
LISTED = [("AFTERNOON", "2024-01-10 14:30"), ("HALF-PAST-NINE", "2024-01-10 09:30"),
          ("NOON-ACR", "2024-01-10 09:15"), ("MORNING", "2024-01-10 08:15"), ("NO-TIME", "2024-01-10"),
          ("OLD", "2020-01-05 08:00"), ("UNDATED", "")]


@contextmanager
def timed_peer() -> Iterator[DicomNode]:
    def answer(_event):
        for accession, day, time in SENT:
            match = Dataset()
            match.QueryRetrieveLevel, match.PatientID, match.AccessionNumber = "STUDY", "PIDTIME", accession
            match.StudyDate, match.StudyTime, match.StudyInstanceUID = day, time, f"1.2.3.{len(accession)}"
            yield 0xFF00, match

    with find_server("TIMEPEER", answer) as node:
        yield node


def _rows(tree) -> list[tuple[str, str]]:
    accession, when = COLUMNS.index("Accession"), COLUMNS.index(WHEN)
    return [(tree.topLevelItem(i).text(accession), tree.topLevelItem(i).text(when))
            for i in range(tree.topLevelItemCount())]


def test_results_show_study_time_and_sort_by_date_then_time(qtbot, tmp_path) -> None:
    with timed_peer() as node:
        tab = search_peer(qtbot, tmp_path, node, "7 studies found")
    tree = tab.tree
    assert _rows(tree) == LISTED
    column = COLUMNS.index(WHEN)
    assert tree.columnWidth(column) >= tree.fontMetrics().horizontalAdvance("2024-01-10 14:30")  # not cut to "…"

    click_header(qtbot, tree, "Accession")
    click_header(qtbot, tree, WHEN)  # a first click sorts ascending: oldest first, by the same rule
    assert tree.header().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert _rows(tree) == LISTED[::-1]
    click_header(qtbot, tree, WHEN)
    assert _rows(tree) == LISTED

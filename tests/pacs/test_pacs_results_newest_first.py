"""The PACS window lists studies in the order of ``cxr-pacs find``: study date, then time, newest first, undated last.

It sorted by the shown date alone, so two studies of one day stayed in the PACS's order and the day's latest (the
prior a radiologist wants) could sit below an earlier one. A real pynetdicom C-FIND SCP answers five studies in a
scrambled order to a real offscreen window; a click on the Date / time header must still sort by the same rule.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_viewer.gui.pacs_results_tree import COLUMNS
from tests.pacs.pacs_dialog_helpers import click_header, search_peer
from tests.pacs.test_find_newest_first import scrambled_peer

pytestmark = pytest.mark.gui

NEWEST_FIRST = ["NEW-AFTERNOON", "NEW-MORNING", "OLD", "UNDATED", "UNDATED-2"]


def _accessions(tree) -> list[str]:
    column = COLUMNS.index("Accession")
    return [tree.topLevelItem(i).text(column) for i in range(tree.topLevelItemCount())]


def test_window_lists_same_day_studies_by_time_and_date_click_keeps_the_rule(qtbot, tmp_path) -> None:
    with scrambled_peer() as node:
        tab = search_peer(qtbot, tmp_path, node, "5 studies found")
    tree = tab.tree
    assert _accessions(tree) == NEWEST_FIRST
    assert tree.topLevelItem(0).text(COLUMNS.index("Date / time")) == "2024-01-10 14:30"

    click_header(qtbot, tree, "Date / time")  # second click on the sorted column: oldest first, by the same rule
    assert tree.header().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert _accessions(tree) == NEWEST_FIRST[::-1]

    click_header(qtbot, tree, "Accession")  # other columns still sort by their text
    assert _accessions(tree) == sorted(NEWEST_FIRST)
    click_header(qtbot, tree, "Date / time")
    click_header(qtbot, tree, "Date / time")
    assert tree.header().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert _accessions(tree) == NEWEST_FIRST

"""How the PACS window's lists read: numbers sort as numbers, labels and long store folders show what matters.

The results tree held instance counts as text, so a click on Instances put 100 before 12 before 9. The Send tab
wrapped a store folder (``…/store/<study UID>/<series UID>``) onto two lines and still cut it at the right, where
the series is named. A study's series label, indented under it, was cut to "Seri…". Real widgets offscreen, real
files written with pydicom.
"""

from __future__ import annotations

import pytest
from pydicom.dataset import Dataset
from PySide6.QtCore import Qt

from cxr_viewer.gui.pacs_results_tree import COLUMNS, ResultsTree
from cxr_viewer.gui.pacs_send_tab import SendTab
from cxr_viewer.net.config import PacsSettings
from tests.pacs.conftest import write_cr

pytestmark = pytest.mark.gui


def _study(uid: str, count: int) -> Dataset:
    ds = Dataset()
    ds.PatientName, ds.PatientID, ds.StudyDate, ds.StudyInstanceUID = "Doe^Jane", "P1", "20240101", uid
    ds.NumberOfStudyRelatedInstances = count
    return ds


def test_instances_sort_as_numbers(qtbot) -> None:
    tree = ResultsTree()
    qtbot.addWidget(tree)
    tree.show_studies([_study("1.1", 100), _study("1.2", 9), _study("1.3", 12)])
    tree.sortByColumn(COLUMNS.index("Instances"), Qt.SortOrder.AscendingOrder)
    counts = [tree.topLevelItem(row).text(COLUMNS.index("Instances")) for row in range(3)]
    assert counts == ["9", "12", "100"]


def test_an_expanded_study_shows_its_series_label_whole(qtbot) -> None:
    tree = ResultsTree()
    qtbot.addWidget(tree)
    tree.show_studies([_study("1.1", 2)])
    study = tree.topLevelItem(0)
    tree.expandItem(study)
    series = Dataset()
    series.SeriesNumber, series.SeriesInstanceUID, series.Modality = 12, "1.1.1", "CR"
    tree.show_series(study, [series])
    assert study.child(0).text(0) == "Series 12"
    assert tree.columnWidth(0) >= tree.sizeHintForColumn(0)  # wide enough for the indented label, not "Seri…"


def test_send_tab_keeps_a_long_folder_on_one_line_within_the_table(qtbot, tmp_path) -> None:
    folder = tmp_path / "store" / ("1.2.826.0.1.3680043.8.498." + "1" * 36) / ("1.2.826.0.1.3680043.8.498." + "2" * 36)
    folder.mkdir(parents=True)
    files = [write_cr(folder, "1.2.3", "1.2.3.4", index, {"name": "Doe^Jane", "id": "P1"}, size=8)
             for index in range(2)]
    tab = SendTab(PacsSettings(store_dir=str(tmp_path / "store")), send_paths=lambda: files)
    qtbot.addWidget(tab)
    tab.resize(900, 500)
    tab.show()
    qtbot.waitExposed(tab)
    table = tab.table
    assert table.item(0, 3).toolTip() == str(folder)  # the whole path, where the cell cannot show it
    assert not table.wordWrap() and table.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert table.horizontalScrollBar().maximum() == 0  # the table fits: the folder takes what is left
    assert table.columnViewportPosition(3) + table.columnWidth(3) <= table.viewport().width()

"""Sorting the Studies list by a column header, as a research coordinator sorts 500 studies by patient or by image
count: the header click sorts (numbers as numbers), and what is selected or double-clicked is the study on that row,
never the study that sat on that row before sorting."""

from __future__ import annotations

import pydicom
import pytest
from PySide6 import QtCore

from cxr_viewer.gui.study_table import COLUMNS
from tests import dicom_factory

pytestmark = pytest.mark.gui

STUDIES = {"Cole^Cy": ("20240105", 2), "Abel^Ada": ("20230101", 10), "Bard^Bo": ("20220303", 9)}


@pytest.fixture
def listed(browser_window, tmp_path, qtbot):
    browser = browser_window.browser
    for name, (date, images) in STUDIES.items():
        first = dicom_factory.make_cr(tmp_path / name / "im0.dcm", rows=16, cols=16, PatientName=name, StudyDate=date)
        uid = pydicom.dcmread(first, stop_before_pixels=True).StudyInstanceUID
        for number in range(1, images):
            dicom_factory.make_cr(tmp_path / name / f"im{number}.dcm", rows=16, cols=16, PatientName=name,
                                  StudyDate=date, StudyInstanceUID=uid, InstanceNumber=number + 1)
    with qtbot.waitSignal(browser.import_finished, timeout=30000):
        browser.import_folder(tmp_path)
    browser.search()
    return browser_window


def _column(table, name: str) -> list[str]:
    column = COLUMNS.index(name)
    return [table.item(row, column).text() for row in range(table.rowCount())]


def _click_header(table, name: str, qtbot) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(COLUMNS.index(name)) + 5
    qtbot.mouseClick(header.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(x, 5))


def test_a_header_click_sorts_and_the_row_opened_is_the_row_shown(listed, qtbot, tmp_path):
    window, browser = listed, listed.browser
    table = browser.table
    assert _column(table, "Patient") == ["Cole^Cy", "Abel^Ada", "Bard^Bo"]  # newest first until a header is clicked
    _click_header(table, "Patient", qtbot)
    assert _column(table, "Patient") == ["Abel^Ada", "Bard^Bo", "Cole^Cy"]
    _click_header(table, "Images", qtbot)
    assert _column(table, "Images") in (["2", "9", "10"], ["10", "9", "2"])  # as numbers, not "10" < "2"
    bard = _column(table, "Patient").index("Bard^Bo")
    table.selectRow(bard)
    qtbot.waitUntil(lambda: browser.thumbnails.count() == 9, timeout=20000)  # Bard's, not the row's old study
    rect = table.visualItemRect(table.item(bard, 0))
    qtbot.mouseClick(table.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.layout_panes.primary.image is not None
    assert str(window.layout_panes.primary.image.metadata["PatientName"]) == "Bard^Bo"
    window.grab().save(str(tmp_path / "sorted.png"))


def test_a_refresh_keeps_the_sort_and_the_selected_study(listed, qtbot):
    browser = listed.browser
    table = browser.table
    _click_header(table, "Patient", qtbot)
    abel = _column(table, "Patient").index("Abel^Ada")
    table.selectRow(abel)
    browser.search()  # as after an import or a forget
    assert _column(table, "Patient") == ["Abel^Ada", "Bard^Bo", "Cole^Cy"]
    selected = table.selectionModel().selectedRows()
    assert [table.item(index.row(), 0).text() for index in selected] == ["Abel^Ada"]
    assert browser.select_study(browser.rows[[r.patient_name for r in browser.rows].index("Cole^Cy")].study_uid)
    assert [table.item(index.row(), 0).text() for index in table.selectionModel().selectedRows()] == ["Cole^Cy"]

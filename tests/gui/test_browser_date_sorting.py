"""Malformed Study Dates in the Studies list: shown as the file gives them, and sorted after the real dates.

Before, a malformed date was shown blank, and the index's newest-first order compared the stored text, so
"garbage" and "20241399" were listed above the newest real study; a header click then mixed blank cells with the
real dates' ends.
"""

from __future__ import annotations

import warnings

import pytest
from PySide6 import QtCore

from cxr_viewer.gui.study_table import COLUMNS
from tests import dicom_factory

pytestmark = pytest.mark.gui

DATES = {"Real^Old": "19991231", "Real^New": "20250101", "Real^Mid": "20240105", "Bad^Month": "20241399",
         "Bad^Text": "garbage", "Bad^Year": "1899", "No^Date": None}
REAL = ["1999-12-31", "2024-01-05", "2025-01-01"]
MALFORMED = ["1899", "20241399", "garbage"]


@pytest.fixture
def listed(browser_window, tmp_path, qtbot):
    browser = browser_window.browser
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydicom warns when writing the malformed dates: they are the point here
        for name, date in DATES.items():
            dicom_factory.make_cr(tmp_path / name / "im.dcm", rows=16, cols=16, PatientName=name, StudyDate=date)
    with qtbot.waitSignal(browser.import_finished, timeout=30000):
        browser.import_folder(tmp_path)
    browser.search()
    return browser_window


def _dates(table) -> list[str]:
    column = COLUMNS.index("Date")
    return [table.item(row, column).text() for row in range(table.rowCount())]


def _click_date_header(table, qtbot) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(COLUMNS.index("Date")) + 5
    qtbot.mouseClick(header.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(x, 5))


def test_malformed_dates_are_shown_and_listed_after_the_real_ones(listed, qtbot, tmp_path):
    table = listed.browser.table
    assert _dates(table) == [*reversed(REAL), "garbage", "20241399", "1899", ""]  # the index's newest-first order
    tip = table.item(_dates(table).index("20241399"), COLUMNS.index("Date")).toolTip()
    assert "not a valid date" in tip
    _click_date_header(table, qtbot)
    ascending = _dates(table)
    _click_date_header(table, qtbot)
    descending = _dates(table)
    # whichever way the column is sorted, the real dates come first and the studies without a date last
    assert {tuple(ascending), tuple(descending)} == {(*REAL, *MALFORMED, ""),
                                                     (*reversed(REAL), *reversed(MALFORMED), "")}
    listed.resize(1200, 700)
    listed.grab().save(str(tmp_path / "dates.png"))

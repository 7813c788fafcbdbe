"""Which study U opens and what the Studies dock shows meanwhile, in a real window on a real index: a day's
worklist of four patients, each with a current study and a prior, walked as a radiologist does it.

An audit found U skipping the first unread study after Search then Unread only (a refresh with Shift still held from
Shift+U had selected a whole range, and U started below the selection), the Unread-only count going stale as
studies became read, and the Description column squeezed to two-letter fragments at the dock's default width."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom.uid import generate_uid
from PySide6 import QtCore, QtGui

from cxr_viewer.gui.study_table import COLUMNS
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.read_status import mark_read
from tests import dicom_factory

pytestmark = pytest.mark.gui
PATIENTS = ("Abe^Akira", "Baba^Hana", "Chiba^Ken", "Doi^Yui")


def _worklist(folder: Path) -> dict[tuple[str, str], str]:
    """Each patient's prior (2025) and current (2026) study; (name, "prior" | "current") → Study Instance UID."""
    uids = {}
    for number, name in enumerate(PATIENTS, start=1):
        for kind, year, description in (("prior", 2025, "CHEST PA prior"), ("current", 2026, "CHEST PA")):
            uids[name, kind] = generate_uid()
            dicom_factory.make_cr(folder / name / kind / "im1.dcm", rows=32, cols=32, PatientName=name,
                                  PatientID=f"P00{number}", StudyDate=f"{year}12{number:02d}",
                                  StudyDescription=description, StudyInstanceUID=uids[name, kind])
    return uids


@pytest.fixture
def day(browser_window, tmp_path):
    """The worklist imported, Doi's current and Abe's prior read, Recent holding all eight (priors opened last)."""
    browser = browser_window.browser
    browser.read_status.timer.setInterval(600_000)  # only what a test does marks a study read
    uids = _worklist(tmp_path / "worklist")
    import_paths(browser.index, [tmp_path / "worklist"])
    for kind in ("current", "prior"):
        for name in reversed(PATIENTS):
            browser.note_opened(uids[name, kind])
    mark_read(browser.index, [uids["Doi^Yui", "current"], uids["Abe^Akira", "prior"]])
    browser.show_recent()
    return browser_window, uids


def _on_screen(window) -> tuple[str, str]:
    metadata = window.layout_panes.primary.image.metadata
    return str(metadata["PatientName"]), "prior" if str(metadata["StudyDate"]).startswith("2025") else "current"


def _selected(browser) -> list[int]:
    return sorted({index.row() for index in browser.table.selectionModel().selectedRows()})


def test_u_after_search_and_unread_only_opens_the_first_unread_study(day, qtbot):
    """The audit's session: U from Recent, Shift+U, Search, Unread only, U. The study on screen is read, so it is
    not in the Unread-only list: U must open the top of that list, not the second study."""
    window, uids = day
    browser, pane = window.browser, window.layout_panes.primary
    pane.setFocus()
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_U)
    assert _on_screen(window) == ("Baba^Hana", "prior")  # the first unread of Recent, which lists priors first
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_U, modifier=QtCore.Qt.KeyboardModifier.ShiftModifier)  # read
    browser.search()
    assert [browser.rows[browser.table.listed_row(row)].study_uid for row in _selected(browser)] == [
        uids["Baba^Hana", "prior"]]  # one study selected: the one on screen
    browser.form.unread_only.setChecked(True)  # searches at once
    assert [row.patient_name for row in browser.rows][:2] == ["Chiba^Ken", "Baba^Hana"]
    assert _selected(browser) == []  # the study on screen is read, so not listed: nothing is selected
    pane.setFocus()
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_U)
    assert _on_screen(window) == ("Chiba^Ken", "current")
    assert _selected(browser) == [0]


def test_u_walks_the_list_shown_from_the_top_and_says_which_list(day, qtbot):
    """At start-up nothing is on screen: U starts at the top of the list shown (Recent) and the status line names
    that list; after a search it names the search results and goes on below the study on screen."""
    window, uids = day
    browser, pane = window.browser, window.layout_panes.primary
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_U)
    assert _on_screen(window) == ("Baba^Hana", "prior")
    assert window.statusBar().currentMessage() == "Next unread in Recent: 5 more unread below"
    browser.search()  # newest first: Doi (read), Chiba, Baba, Abe current, then the priors
    browser.open_study(1)  # Chiba's current, by hand
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_U)
    assert _on_screen(window) == ("Baba^Hana", "current")
    assert window.statusBar().currentMessage() == "Next unread in the search results: 4 more unread below"
    browser.open_study(7)  # Abe's prior, read, at the bottom
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_U)
    assert _on_screen(window) == ("Abe^Akira", "prior")
    assert window.statusBar().currentMessage().startswith("No unread study below in the search results")


def test_a_study_read_under_unread_only_stays_listed_and_the_count_follows(day, qtbot):
    window, uids = day
    browser, timer = window.browser, window.browser.read_status.timer
    browser.form.unread_only.setChecked(True)
    assert browser.result_note.text() == "6 studies unread"
    browser.open_study(0)  # Chiba's current
    with qtbot.waitSignal(timer.timeout, timeout=5000):
        timer.start(1)  # its time on screen is up
    assert browser.rows[0].patient_name == "Chiba^Ken" and len(browser.rows) == 6  # no jump under the pointer
    assert not browser.table.item(0, 0).font().bold()
    assert browser.result_note.text() == "5 studies unread (1 read since listed; Search drops it)"
    browser.search()
    assert len(browser.rows) == 5 and browser.result_note.text() == "5 studies unread"


def test_the_description_tells_current_from_prior_at_the_docks_default_width(day, qtbot, tmp_path):
    """At 1400 px the dock takes its default width: the description must show on one line, far enough to tell
    "CHEST PA prior" from "CHEST PA" (elided: "CHEST PA p…" will do), and the full text is the cell's tooltip."""
    window, _uids = day
    window.resize(1400, 900)
    browser, table = window.browser, window.browser.table
    browser.search()
    qtbot.waitUntil(lambda: window.docks["browser"].width() < 400)
    column = COLUMNS.index("Description")
    shown = min(table.viewport().width(), table.columnViewportPosition(column) + table.columnWidth(column)) \
        - table.columnViewportPosition(column)
    bold = QtGui.QFontMetrics(table.item(1, column).font())
    visible = bold.elidedText("CHEST PA prior", QtCore.Qt.TextElideMode.ElideRight, shown - 8)  # cell margins
    assert visible.startswith("CHEST PA p"), f"{visible!r} in {shown} px of Description"
    assert not table.wordWrap()  # one line ending in "…", not fragments wrapped into a row two lines high
    assert table.item(5, column).toolTip() == "CHEST PA prior"
    window.grab().save(str(tmp_path / "studies_dock.png"))  # to look at: the dock at its default width

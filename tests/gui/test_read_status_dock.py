"""Read status in the Studies dock of a real window: unread studies in bold, Unread lists only them, a study on
screen long enough becomes read, U opens the next unread study and Shift+U marks the one on screen; nothing of it
acts during a hold, and a read-only index shows the status without changing it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom.uid import generate_uid
from PySide6 import QtCore

from cxr_viewer.gui import study_queries
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.paths import DATA_DIR_ENV, default_index_path
from cxr_viewer.index.read_status import is_read, mark_read
from tests import dicom_factory
from tests.read_only_files import unwritable

pytestmark = pytest.mark.gui
NAMES = ("Ames^Ann", "Bell^Bob", "Cole^Cy", "Dunn^Di")  # newest first: the index's order


def _films(folder: Path) -> dict[str, str]:
    """One film a patient, dated so the list shows them in NAMES order; name → Study Instance UID."""
    uids = {}
    for day, name in enumerate(NAMES):
        uids[name] = generate_uid()
        dicom_factory.make_cr(folder / name / "im0.dcm", rows=32, cols=32, PatientName=name,
                              StudyDate=f"202403{20 - day:02d}", StudyInstanceUID=uids[name])
    return uids


@pytest.fixture
def listed(browser_window, tmp_path):
    """The window with the four studies listed, Bell's read."""
    browser = browser_window.browser
    uids = _films(tmp_path / "films")
    import_paths(browser.index, [tmp_path / "films"])
    mark_read(browser.index, [uids["Bell^Bob"]])
    browser.search()
    return browser_window, uids


def _bold(browser) -> dict[str, bool]:
    table = browser.table
    return {table.item(r, 0).text(): all(table.item(r, c).font().bold() for c in range(table.columnCount()))
            for r in range(table.rowCount())}


def test_unread_studies_are_bold_and_unread_lists_only_them(listed, qtbot):
    window, uids = listed
    browser = window.browser
    assert _bold(browser) == {"Ames^Ann": True, "Bell^Bob": False, "Cole^Cy": True, "Dunn^Di": True}
    assert browser.table.item(0, 0).data(QtCore.Qt.ItemDataRole.AccessibleDescriptionRole) == "unread"
    browser.form.unread_only.setChecked(True)  # ticking it searches
    assert [row.patient_name for row in browser.rows] == ["Ames^Ann", "Cole^Cy", "Dunn^Di"]
    assert browser.result_note.text() == "3 studies unread"


def test_a_study_on_screen_long_enough_becomes_read_and_one_passed_over_does_not(listed, qtbot):
    window, uids = listed
    browser, timer = window.browser, window.browser.read_status.timer
    timer.setInterval(60_000)
    browser.open_study(0)  # Ames
    assert timer.isActive()
    browser.open_study(2)  # Cole, before Ames's time was up
    assert not is_read(browser.index, uids["Ames^Ann"])
    with qtbot.waitSignal(timer.timeout, timeout=5000):
        timer.start(1)  # Cole's time is up
    assert is_read(browser.index, uids["Cole^Cy"]) and not is_read(browser.index, uids["Ames^Ann"])
    assert _bold(browser)["Cole^Cy"] is False and _bold(browser)["Ames^Ann"] is True


def test_u_opens_the_next_unread_study_below_and_shift_u_marks_the_one_on_screen(listed, qtbot):
    window, uids = listed
    browser, pane = window.browser, window.layout_panes.primary
    browser.read_status.timer.setInterval(60_000)  # only the keys mark here
    opened = []
    for _ in range(3):
        qtbot.keyClick(pane, QtCore.Qt.Key.Key_U)
        opened.append(str(window.layout_panes.primary.image.metadata["PatientName"]))
    assert opened == ["Ames^Ann", "Cole^Cy", "Dunn^Di"]  # Bell's study is read: passed over
    assert browser.rows[browser.table.selected_row()].patient_name == "Dunn^Di"
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_U)
    assert window.statusBar().currentMessage() == (
        "No unread study below in the search results (tick Unread only, which searches, to list every unread study)")
    assert str(window.layout_panes.primary.image.metadata["PatientName"]) == "Dunn^Di"
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_U, modifier=QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert is_read(browser.index, uids["Dunn^Di"]) and _bold(browser)["Dunn^Di"] is False
    assert window.statusBar().currentMessage() == "Study marked read"
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_U, modifier=QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert not is_read(browser.index, uids["Dunn^Di"]) and _bold(browser)["Dunn^Di"] is True


def test_marking_a_study_on_screen_unread_from_the_list_is_not_undone_by_its_timer(listed, qtbot):
    window, uids = listed
    browser, timer = window.browser, window.browser.read_status.timer
    timer.setInterval(60_000)
    browser.open_study(1)  # Bell's study, read: its time on screen is being counted
    assert timer.isActive()
    menu = browser.read_status.row_menu(browser.table.visualItemRect(browser.table.item(1, 0)).center())
    read, unread = menu.actions()
    assert (read.text(), read.isEnabled(), unread.text(), unread.isEnabled()) == (
        "Mark as read", False, "Mark as unread", True)
    unread.trigger()
    menu.close()
    assert not timer.isActive() and not is_read(browser.index, uids["Bell^Bob"]) and _bold(browser)["Bell^Bob"]


def test_during_a_hold_u_opens_nothing_and_nothing_is_marked_read(listed, qtbot):
    window, uids = listed
    browser, timer = window.browser, window.browser.read_status.timer
    timer.setInterval(60_000)
    browser.open_study(0)  # Ames, counting
    for hold in ("names hidden", "plugin"):
        window.host.set_metadata_hidden(hold == "names hidden")
        window.host.set_exclusive("reader" if hold == "plugin" else None)
        assert not window.actions["next_unread"].isEnabled() and not window.actions["toggle_read"].isEnabled()
        pane = window.layout_panes.primary
        qtbot.keyClick(pane, QtCore.Qt.Key.Key_U)
        qtbot.keyClick(pane, QtCore.Qt.Key.Key_U, modifier=QtCore.Qt.KeyboardModifier.ShiftModifier)
        assert str(pane.image.metadata["PatientName"]) == "Ames^Ann"
        with qtbot.waitSignal(timer.timeout, timeout=5000):
            timer.start(1)
        assert not is_read(browser.index, uids["Ames^Ann"])
    window.host.set_exclusive(None)
    assert window.actions["next_unread"].isEnabled()


def test_a_read_only_index_shows_read_status_and_says_it_cannot_change_it(make_window, monkeypatch, tmp_path, qtbot):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    path = default_index_path()
    uids = _films(tmp_path / "films")
    with StudyIndex(path) as index:
        import_paths(index, [tmp_path / "films"])
        mark_read(index, [uids["Bell^Bob"]])
    with unwritable(path, path.parent):
        window = make_window(with_browser=True)
        browser = window.browser
        assert browser.index.read_only
        browser.search()
        assert _bold(browser) == {"Ames^Ann": True, "Bell^Bob": False, "Cole^Cy": True, "Dunn^Di": True}
        browser.open_study(0)
        qtbot.keyClick(window.layout_panes.primary, QtCore.Qt.Key.Key_U,
                       modifier=QtCore.Qt.KeyboardModifier.ShiftModifier)
        assert window.statusBar().currentMessage() == "The study index is read-only: read status cannot be changed"
        with qtbot.waitSignal(browser.read_status.timer.timeout, timeout=5000):
            browser.read_status.timer.start(1)
        menu = browser.read_status.row_menu(browser.table.visualItemRect(browser.table.item(0, 0)).center())
        assert [(a.text(), a.isEnabled()) for a in menu.actions()] == [
            ("Mark as read (the study index is read-only)", False),
            ("Mark as unread (the study index is read-only)", False)]
        menu.close()
        assert not is_read(browser.index, uids["Ames^Ann"]) and _bold(browser)["Ames^Ann"] is True
        assert window.messages.messages() == []


def test_a_hold_begun_and_ended_on_the_same_study_starts_its_count_again(listed, qtbot):
    """The timer looked at the hold only when it fired: a blinded look within the 5 s still marked the study read."""
    window, uids = listed
    browser, timer = window.browser, window.browser.read_status.timer
    timer.setInterval(60_000)
    browser.open_study(0)  # Ames, counting
    window.host.set_metadata_hidden(True)
    assert not timer.isActive()  # nothing counts during the hold
    window.host.set_metadata_hidden(False)
    assert timer.isActive()  # counted again from the hold's end, for the study still on screen
    with qtbot.waitSignal(timer.timeout, timeout=5000):
        timer.start(1)
    assert is_read(browser.index, uids["Ames^Ann"])


def test_an_unread_list_of_exactly_the_search_limit_still_counts_as_studies_are_read(listed, qtbot, monkeypatch):
    """A list of exactly SEARCH_LIMIT studies was taken as cut, and its count under it stopped following."""
    window, uids = listed
    browser = window.browser
    mark_read(browser.index, [uids["Bell^Bob"]], False)  # all four unread: as many as the limit
    monkeypatch.setattr(study_queries, "SEARCH_LIMIT", 4)
    browser.form.unread_only.setChecked(True)
    assert browser.result_note.text() == "4 studies unread"
    browser.read_status._set(browser.index, uids["Ames^Ann"], True)
    assert browser.result_note.text() == "3 studies unread (1 read since listed; Search drops it)"

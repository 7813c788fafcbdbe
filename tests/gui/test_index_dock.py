"""The Studies and Messages docks under stress: thousands of failed files, an import running while studies are
browsed, a damaged or newer index, files deleted behind the index's back, searches with too many matches."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pydicom
import pytest
from PySide6 import QtCore

from cxr_viewer.gui import messages as messages_module
from cxr_viewer.gui import study_import as study_import_module
from cxr_viewer.gui.message_text import SUMMARY_LINES
from cxr_viewer.index import maintenance
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.paths import DATA_DIR_ENV, default_index_path
from cxr_viewer.index.thumbnails import ensure_thumbnails
from tests import dicom_factory

pytestmark = pytest.mark.gui



def _study(folder: Path, name: str, images: int = 3, size: int = 32) -> Path:
    """One study of ``images`` small CRs in ``folder`` (its own study UID, the patient called ``name``)."""
    first = dicom_factory.make_cr(folder / "im0.dcm", rows=size, cols=size, PatientName=name)
    uid = pydicom.dcmread(first, stop_before_pixels=True).StudyInstanceUID
    for number in range(1, images):
        dicom_factory.make_cr(folder / f"im{number}.dcm", rows=size, cols=size, PatientName=name,
                              StudyInstanceUID=uid, InstanceNumber=number + 1)
    return folder


def _import_messages(window) -> list[str]:
    return [text for text in window.messages.messages() if "Not imported" in text]


# --- 1. thousands of files that cannot be indexed ----------------------------------------------------------------
def test_an_import_with_5000_unreadable_files_makes_one_summary_message(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    junk = tmp_path / "junk"
    junk.mkdir()
    for number in range(5000):
        (junk / f"junk{number:04d}.dat").write_bytes(b"not a DICOM file %d" % number)
    with qtbot.waitSignal(browser.import_finished, timeout=120000) as finished:
        browser.import_folder(junk)
    assert len(finished.args[0].failed) == 5000
    qtbot.wait(10)  # the panel scrolls once the burst is in
    messages = _import_messages(window)
    assert len(messages) == 1 and window.messages.list.count() == 1
    summary = messages[0]
    assert "5000 files not imported (Importing junk)" in summary
    shown = SUMMARY_LINES
    assert "junk0000.dat" in summary and f"junk{shown - 1:04d}.dat" in summary
    assert f"junk{shown:04d}.dat" not in summary and f"{5000 - shown} more" in summary
    detail = window.messages.detail(0)  # double-click shows it
    assert all(f"junk{number:04d}.dat" in detail for number in (0, 2500, 4999))
    window.messages.show_details(window.messages.list.item(0))
    assert window.messages.details.isVisible() and "junk4999.dat" in window.messages.details.toPlainText()
    assert window.statusBar().currentMessage().startswith("Import: 0 added")


def test_a_burst_of_5000_separate_messages_keeps_the_newest_and_counts_the_rest(make_window, qtbot):
    window = make_window()
    for number in range(5000):
        window.report_error("Plugin failed", f"message {number}")
    qtbot.wait(10)
    messages = window.messages.messages()
    assert len(messages) < 5000
    kept = messages_module.MAX_MESSAGES
    assert len(messages) == kept + 1  # the newest, and a note on top counting the others
    assert f"{5000 - kept} older messages removed" in messages[0]
    assert messages[1].endswith(f"message {5000 - kept}") and messages[-1].endswith("message 4999")
    window.report_error("Plugin failed", "one more")
    messages = window.messages.messages()
    assert len(messages) == kept + 1 and f"{5000 - kept + 1} older" in messages[0]
    assert window.statusBar().currentMessage() == "Plugin failed: one more"


def test_files_skipped_as_icons_are_listed_in_one_messages_summary(browser_window, tmp_path, qtbot):
    from PIL import Image

    window, browser = browser_window, browser_window.browser
    cd = tmp_path / "cd"
    dicom_factory.make_cr(cd / "IM1", rows=16, cols=16)
    icons = [cd / "Viewer" / "icons" / "zoom.png", cd / "Viewer" / "icons" / "pan.png", cd / "Viewer" / "logo.jpg"]
    for path in icons:
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (40, 20)).save(path)
    with qtbot.waitSignal(browser.import_finished, timeout=30000) as finished:
        browser.import_folder(cd)
    assert finished.args[0].added == 1 and len(finished.args[0].skipped) == 3 and not finished.args[0].failed
    assert _import_messages(window) == []  # skipping is not a failure
    rows = [row for row, text in enumerate(window.messages.messages()) if "Skipped" in text]
    assert len(rows) == 1
    summary = window.messages.messages()[rows[0]]
    assert "3 files skipped as not radiographs (icons, logos) (Importing cd)" in summary
    detail = window.messages.detail(rows[0])  # what double-clicking shows
    assert all(str(path) in detail for path in icons)
    assert "40×20 pixels" in detail and "icon or logo, not a radiograph" in detail


# --- 2. browsing studies while an import runs -----------------------------------------------------------------
@pytest.fixture
def held_import(monkeypatch):
    """Imports through the browser wait at the start until the test lets them go (then run for real)."""
    gate = threading.Event()
    real = study_import_module.import_paths

    def held(index, paths, progress=None, cancelled=None, **options):
        gate.wait(60)
        return real(index, paths, progress, cancelled, **options)

    monkeypatch.setattr(study_import_module, "import_paths", held)
    yield gate
    gate.set()


def test_thumbnails_of_a_selected_study_leave_cancel_to_the_running_import(browser_window, tmp_path, qtbot,
                                                                          held_import):
    window, browser = browser_window, browser_window.browser
    import_paths(browser.index, [_study(tmp_path / "known", "Known^Study")])
    browser.search()
    dicom_factory.make_cr(tmp_path / "incoming" / "new.dcm", rows=16, cols=16)
    importing = browser.import_folder(tmp_path / "incoming")
    qtbot.waitUntil(window.task_progress.isVisible)
    browser.table.selectRow(0)  # starts the study's thumbnails while the import runs
    thumbnails = [task for task in window.tasks.running if task.title == "Thumbnails"]
    assert len(thumbnails) == 1
    assert window.task_progress.label.text().startswith("Importing incoming")
    qtbot.mouseClick(window.task_progress.cancel_button, QtCore.Qt.MouseButton.LeftButton)
    assert importing.cancelled and not thumbnails[0].cancelled
    with qtbot.waitSignal(browser.import_finished, timeout=30000) as finished:
        held_import.set()
    assert finished.args[0].cancelled and finished.args[0].added == 0
    qtbot.waitUntil(lambda: browser.thumbnails.count() == 3, timeout=20000)  # the thumbnails went on
    assert not browser.thumbnails.item(0).icon().isNull()


def test_selecting_another_study_cancels_the_thumbnails_of_the_one_passed(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    import_paths(browser.index, [_study(tmp_path / "a", "Alpha^Study"), _study(tmp_path / "b", "Beta^Study")])
    browser.search()
    browser.table.selectRow(0)
    passed = [task for task in window.tasks.running if task.title == "Thumbnails"]
    browser.table.selectRow(1)
    assert len(passed) == 1 and passed[0].cancelled
    assert not window.task_progress.isVisible()  # thumbnails never take the progress strip
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=20000)
    qtbot.waitUntil(lambda: browser.thumbnails.count() == 3, timeout=20000)
    role = QtCore.Qt.ItemDataRole.UserRole
    assert {Path(browser.thumbnails.item(n).data(role)).parent.name for n in range(3)} == {"b"}


def test_ensure_thumbnails_stops_when_cancelled_and_finishes_later(tmp_path):
    index = StudyIndex(tmp_path / "index.sqlite")
    import_paths(index, [_study(tmp_path / "a", "Alpha^Study")])
    uid = index.connection.execute("SELECT study_uid FROM study").fetchone()[0]
    polls = []

    def cancelled_after_one() -> bool:
        polls.append(1)
        return len(polls) > 1

    report = ensure_thumbnails(index, uid, size=16, cancelled=cancelled_after_one)
    assert report.cancelled and report.made == 1
    stored = "SELECT COUNT(*) FROM instance WHERE thumbnail IS NOT NULL"
    assert index.connection.execute(stored).fetchone()[0] == 1
    again = ensure_thumbnails(index, uid, size=16, cancelled=lambda: False)
    assert not again.cancelled and again.made == 2


def test_with_two_tasks_in_the_strip_each_can_be_cancelled(make_window, qtbot):
    window = make_window()
    gate = threading.Event()

    def work(reporter):
        gate.wait(30)
        return reporter.cancelled

    try:
        first = window.tasks.run(work, title="Importing big")
        second = window.tasks.run(work, title="Detecting")
        assert window.task_progress.label.text() == "Detecting (+1 more)"
        menu = window.task_progress.cancel_button.menu()
        assert [action.text() for action in menu.actions()] == ["Cancel Importing big", "Cancel Detecting"]
        menu.actions()[0].trigger()
        assert first.cancelled and not second.cancelled
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=10000)
    assert window.task_progress.cancel_button.menu() is None


# --- 3. an index that cannot be opened ---------------------------------------------------------------------
@pytest.fixture
def own_data_dir(monkeypatch, tmp_path) -> Path:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    return default_index_path()


def test_a_damaged_index_leaves_the_viewer_working_and_can_be_moved_aside(make_window, own_data_dir, cr_file,
                                                                          tmp_path, qtbot):
    damaged = bytes(range(256)) * 64
    own_data_dir.write_bytes(damaged)
    window = make_window(with_browser=True)
    browser = window.browser
    assert window.open_paths([cr_file]) and window.layout_panes.primary.image is not None
    assert browser.index is None and browser.problem.isVisible()
    assert "damaged" in browser.problem_label.text() and "not a database" in browser.problem_label.text()
    assert browser.problem_path.text() == str(own_data_dir)
    assert not browser.table.isEnabled() and browser.move_aside_button.isVisible()
    assert any("Study index unavailable" in text for text in window.messages.messages())
    assert browser.import_folder(tmp_path) is None  # refused, not crashed
    qtbot.mouseClick(browser.move_aside_button, QtCore.Qt.MouseButton.LeftButton)
    kept = [path for path in own_data_dir.parent.iterdir() if path.name.startswith(own_data_dir.name + ".damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # renamed, never deleted
    assert browser.index is not None and not browser.problem.isVisible() and browser.table.isEnabled()
    assert any(kept[0].name in text for text in window.messages.messages())
    with qtbot.waitSignal(browser.import_finished, timeout=30000) as finished:
        browser.import_files([cr_file])
    assert finished.args[0].added == 1 and browser.table.rowCount() == 1


def test_an_index_from_a_newer_version_is_explained_and_kept(make_window, own_data_dir, cr_file, qtbot):
    StudyIndex(own_data_dir).close()
    with sqlite3.connect(own_data_dir) as conn:
        conn.execute("INSERT INTO schema_version VALUES (999, 0)")
    conn.close()
    window = make_window(with_browser=True)
    browser = window.browser
    assert window.open_paths([cr_file])
    assert browser.index is None and "newer version" in browser.problem_label.text()
    assert "999" in browser.problem_label.text()
    moved = browser.move_index_aside()
    assert moved is not None and moved.name.startswith(own_data_dir.name + ".newer-version-")
    with sqlite3.connect(moved) as conn:
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == 999
    conn.close()
    assert browser.index is not None and browser.index.db_path == own_data_dir


# --- 4. files deleted behind the index's back ---------------------------------------------------------------
def _two_studies_one_gone(browser, tmp_path):
    gone = _study(tmp_path / "gone", "Gone^Study", images=2)
    import_paths(browser.index, [gone, _study(tmp_path / "kept", "Kept^Study")])
    for path in gone.iterdir():
        path.unlink()
    gone.rmdir()
    browser.search()
    assert browser.table.rowCount() == 2


def test_missing_files_are_listed_and_forgotten_after_the_user_agrees(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    _two_studies_one_gone(browser, tmp_path)
    with qtbot.waitSignal(browser.missing_checked, timeout=30000) as checked:
        browser.check_missing_action.trigger()
    assert len(checked.args[0]) == 2
    prompt = browser.missing_prompt
    assert prompt is not None and prompt.isVisible() and not prompt.isModal()
    assert "2 indexed files missing, in 1 study" in prompt.text() and str(tmp_path / "gone") in prompt.informativeText()
    listed = [text for text in window.messages.messages() if "Missing files" in text]
    assert len(listed) == 1 and "2 indexed files missing" in listed[0] and "im0.dcm" in listed[0]
    assert browser.table.rowCount() == 2  # nothing forgotten before the answer
    with qtbot.waitSignal(browser.missing_forgotten, timeout=30000) as forgotten:
        qtbot.mouseClick(browser.forget_button, QtCore.Qt.MouseButton.LeftButton)
    assert forgotten.args == [2]
    assert [browser.table.item(row, 0).text() for row in range(browser.table.rowCount())] == ["Kept^Study"]
    assert "Forgot 2 missing files" in window.messages.messages()[-1]


def test_missing_files_are_kept_when_the_user_says_so(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    _two_studies_one_gone(browser, tmp_path)
    with qtbot.waitSignal(browser.missing_checked, timeout=30000):
        browser.check_missing_action.trigger()
    qtbot.mouseClick(browser.keep_button, QtCore.Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert not window.tasks.running and browser.table.rowCount() == 2
    assert browser.index.connection.execute("SELECT COUNT(*) FROM instance").fetchone()[0] == 5
    assert "Kept 2 missing files" in window.statusBar().currentMessage()


def test_a_check_with_nothing_missing_says_so(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    import_paths(browser.index, [_study(tmp_path / "kept", "Kept^Study")])
    with qtbot.waitSignal(browser.missing_checked, timeout=30000) as checked:
        browser.check_missing_action.trigger()
    assert checked.args[0] == [] and browser.missing_prompt is None
    assert "every indexed file is in place" in window.statusBar().currentMessage()


def test_the_check_for_missing_files_shows_progress_and_cancel_ends_it_forgetting_nothing(
    browser_window, tmp_path, qtbot, monkeypatch
):
    window, browser = browser_window, browser_window.browser
    _two_studies_one_gone(browser, tmp_path)  # 5 indexed files, the first 2 (by path) gone
    monkeypatch.setattr(maintenance, "PROGRESS_EVERY", 1)
    gate, checked, real_problem = threading.Event(), [], maintenance._problem

    def held_at_the_third_file(path):
        checked.append(path)
        if len(checked) == 3:
            gate.wait(30)
        return real_problem(path)

    monkeypatch.setattr(maintenance, "_problem", held_at_the_third_file)
    told = []
    browser.missing_checked.connect(told.append)
    try:
        task = browser.check_missing()  # what "Check for missing files…" runs
        qtbot.waitUntil(lambda: window.task_progress.bar.value() == 400, timeout=20000)  # 2 of 5 files checked
        assert window.task_progress.label.text() == "Checking for missing files: 2/5 files"
        qtbot.mouseClick(window.task_progress.cancel_button, QtCore.Qt.MouseButton.LeftButton)
        assert task.cancelled
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=20000)
    assert len(checked) == 3  # stopped before the last two files
    assert "Check for missing files cancelled" in window.statusBar().currentMessage()
    assert told == [] and browser.missing_prompt is None and browser.last_missing is None
    assert not [text for text in window.messages.messages() if "Missing files" in text]
    assert browser.index.connection.execute("SELECT COUNT(*) FROM instance").fetchone()[0] == 5
    assert browser.table.rowCount() == 2


# --- 5. searches with more matches than are listed ---------------------------------------------------------
def test_a_search_with_more_than_500_matches_says_the_list_is_cut(browser_window, tmp_path):
    browser = browser_window.browser
    folder = tmp_path / "many"
    for number in range(501):
        dicom_factory.make_cr(folder / f"{number:03d}.dcm", rows=8, cols=8, PatientName=f"Many^P{number:03d}",
                              StudyDate=f"2023{1 + number % 12:02d}{1 + number % 28:02d}")
    assert import_paths(browser.index, [folder]).added == 501
    browser.text.setText("many")
    browser.search()
    assert browser.table.rowCount() == 500
    note = browser.result_note.text()
    assert "More than 500 studies match" in note and "Refine the search" in note
    browser.text.setText("P00")  # P000 … P009
    browser.search()
    assert browser.table.rowCount() == 10 and browser.result_note.text() == "10 studies found"

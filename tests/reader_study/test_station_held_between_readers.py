"""Between readers the station stays held: found in an audit of the log-in page after a log-out.

A log-out gave the viewer back: the reader waiting to log in had File > Open and drag and drop (the study folder, its
films with their names, ``cases.csv`` with the truth), the Studies, tags and Messages docks, and the live AI's D on
a case about to be read unaided. The hold now lasts from opening the study to the coordinator closing it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.settings import Settings
from tests import dicom_factory
from tests.reader_study.test_reading_panel import _log_in

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.storage.store import ReadStore

pytestmark = pytest.mark.gui
NAMING_DOCKS = ("tags", "messages", "browser")
OPENING = ("open_files", "open_folder", "open_dicomdir")


def _station(make_window, study_file, tmp_path, film=None):
    """The viewer with its plugins (the live AI among them) and the Studies dock, ``film`` open in it (the
    coordinator's), then the study opened."""
    window = make_window(load_plugins=True, with_browser=True, settings=Settings())
    window.browser.index = StudyIndex(tmp_path / "index.sqlite")
    assert film is None or window.open_paths([film])
    plugin = next(record.plugin for record in window.plugin_records if record.name == "reader_study")
    plugin.open_study(str(study_file))
    return window, plugin


@pytest.fixture
def station(qtbot, make_window, roc_study_file, tmp_path):
    """The coordinator had a named film open, then opened the study; reader R1 read one case and logged out."""
    film = dicom_factory.make_cr(tmp_path / "doe.dcm", rows=40, cols=40, PatientName="DOE^JOHN")
    window, plugin = _station(make_window, roc_study_file, tmp_path, film)
    assert window.host.current_image() is None and "DOE" not in window.windowTitle()  # the film went with the names
    _log_in(qtbot, plugin.panel, "R1")
    for key in (Qt.Key.Key_4, Qt.Key.Key_Return):
        qtbot.keyClick(window.layout_panes.primary, key)
    qtbot.mouseClick(plugin.panel.reading.log_out, Qt.MouseButton.LeftButton)
    return window, plugin


def _drop(window, path) -> None:
    """A file dragged from the desktop onto the image, as a reader would drag a case's film."""
    viewport, mime, at = window.layout_panes.primary.viewport(), QMimeData(), QPointF(50, 50)
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, QDragEnterEvent(at.toPoint(), *args))
    QApplication.sendEvent(viewport, QDropEvent(at, *args))


def _answer_dialog(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Answer the close question when it comes up (its modal loop holds the test meanwhile)."""
    def answer() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox):
            seen.append(modal.text())
            modal.button(button).click()
    QTimer.singleShot(300, answer)


def test_the_log_in_page_between_readers_offers_no_film_names_or_ai(qtbot, station, roc_study_file):
    window, plugin = station
    case_film = load_study(roc_study_file).cases[0].image
    _drop(window, case_film)  # refused: no scan of the study folder starts
    assert window.opener.scan is None and window.host.current_image() is None
    before = [task.title for task in window.tasks.running]
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_D)  # the live AI's Detect nodules
    assert [task.title for task in window.tasks.running] == before and window.host.layers() == []
    assert plugin.panel.login.isVisible() and plugin.panel.session is None
    assert window.host.exclusive_owner() == "reader_study" and window.hold.metadata_hidden
    assert not window.plugin_actions["cxr_ai.detect"].isEnabled()
    assert not any(window.actions[command].isEnabled() for command in OPENING)
    assert not any(window.docks[dock].isVisible() or window.docks[dock].toggleViewAction().isEnabled()
                   for dock in NAMING_DOCKS)
    assert "DOE" not in window.windowTitle()


def test_closing_the_study_gives_the_viewer_back_and_changes_no_read(qtbot, station, make_window, roc_study_file,
                                                                     tmp_path):
    window, plugin = station
    store = ReadStore(load_study(roc_study_file).database)
    reads, sessions = store.reads(), store.sessions()
    assert [(read.reader_id, read.rating) for read in reads] == [("R1", 4.0)]
    seen: list[str] = []
    _answer_dialog(QMessageBox.StandardButton.No, seen)
    window.plugin_actions["reader_study.close"].trigger()
    assert seen and window.host.exclusive_owner() == "reader_study"  # asked, and No keeps the study open

    _answer_dialog(QMessageBox.StandardButton.Yes, seen)
    window.plugin_actions["reader_study.close"].trigger()
    assert len(seen) == 2 and plugin.panel is None  # its dock taken away (test_reopen_after_close)
    assert any("closed at" in text for text in window.messages.messages())
    assert window.host.exclusive_owner() is None and not window.hold.metadata_hidden
    assert window.plugin_actions["cxr_ai.detect"].isEnabled()
    assert all(window.actions[command].isEnabled() for command in OPENING)
    assert all(window.docks[dock].isVisible() for dock in NAMING_DOCKS)
    film = dicom_factory.make_cr(tmp_path / "after.dcm", rows=40, cols=40)
    with qtbot.waitSignal(window.opener.scan_ended, timeout=10000):
        _drop(window, film)
    assert window.host.current_image().path == film
    assert store.reads() == reads and store.sessions() == sessions  # closing touched no submitted read
    window.close()  # the viewer restarted with the study: held again, and R1 goes on at the next case
    restarted, again = _station(make_window, roc_study_file, tmp_path)
    assert restarted.host.exclusive_owner() == "reader_study" and restarted.hold.metadata_hidden
    _log_in(qtbot, again.panel, "R1")
    assert again.panel.session.progress[0] == 1 and store.reads() == reads


def test_the_study_is_not_closed_under_a_logged_in_reader(qtbot, station):
    window, plugin = station
    _log_in(qtbot, plugin.panel, "R1")
    seen: list[str] = []
    _answer_dialog(QMessageBox.StandardButton.Yes, seen)
    window.plugin_actions["reader_study.close"].trigger()
    qtbot.wait(500)  # past the answer's timer: no question was asked
    assert seen == [] and plugin.panel.session is not None and window.host.exclusive_owner() == "reader_study"
    assert "log out first" in window.statusBar().currentMessage()

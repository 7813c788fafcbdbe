"""Open reader study… again after Close reader study…, in the same viewer: found when a coordinator closed a study
to look at a film and could not get the station back without restarting the viewer.

The plugin API had no way to take a dock away, so the closed study's panel stayed in the window and Open reader
study… only said to restart. The host now has ``remove_dock_widget``: closing takes the dock away, and opening again
docks a new panel, the station held again and the reader resuming where they were.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QFileDialog, QMessageBox

from tests.reader_study.test_reading_panel import _log_in
from tests.reader_study.test_station_held_between_readers import _answer_dialog, _station

pytestmark = pytest.mark.gui


def _study_docks(window) -> list[QDockWidget]:
    return [dock for dock in window.findChildren(QDockWidget) if dock.windowTitle() == "Reader study"]


def _open_from_menu(qtbot, window, study_file) -> None:
    """Reader study → Open reader study…, the study file chosen in its file dialog."""
    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(study_file))
        dialog.accept()
    QTimer.singleShot(300, choose)
    window.plugin_actions["reader_study.open"].trigger()


def test_a_closed_study_opens_again_in_the_same_viewer(qtbot, make_window, roc_study_file, tmp_path):
    window, plugin = _station(make_window, roc_study_file, tmp_path)
    first = plugin.panel
    _log_in(qtbot, first, "R1")
    for key in (Qt.Key.Key_4, Qt.Key.Key_Return):
        qtbot.keyClick(window.layout_panes.primary, key)
    qtbot.mouseClick(first.reading.log_out, Qt.MouseButton.LeftButton)

    _answer_dialog(QMessageBox.StandardButton.Yes, [])
    window.plugin_actions["reader_study.close"].trigger()
    assert window.host.exclusive_owner() is None and plugin.panel is None
    qtbot.waitUntil(lambda: not _study_docks(window), timeout=3000)  # the dock is gone, deleted
    assert "Reader study" not in [action.text() for action in window.menus["&View"].actions()]
    assert any("closed at" in text for text in window.messages.messages())

    _open_from_menu(qtbot, window, roc_study_file)
    dock, = _study_docks(window)
    qtbot.waitUntil(dock.isVisible, timeout=3000)  # Qt shows a dock added to a shown window at the next event loop
    assert dock.widget() is plugin.panel and plugin.panel.login.isVisible()
    assert window.host.exclusive_owner() == "reader_study" and window.hold.metadata_hidden  # held again
    assert not dock.features() & QDockWidget.DockWidgetFeature.DockWidgetClosable
    _log_in(qtbot, plugin.panel, "R1")
    assert plugin.panel.session.progress[0] == 1  # R1 goes on at the next case
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_3)
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_Return)
    assert plugin.panel.session.progress[0] == 2  # the new panel's keys rate; the old one's are gone with it

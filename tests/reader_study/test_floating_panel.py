"""A reader who floats the Reader study dock (its title bar has the button) still reads with the keys on the image,
and clicking the floated panel is no loss of focus.

Found reading in the offscreen viewer: with the dock floated at log-in, 4 on the image set a window preset instead
of rating the mark and Enter submitted nothing, without a word; with it floated mid-read, activating the panel (as
the press on its Submit button does) paused the read and covered the image, so the button's submit was refused.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.layers import PAUSE_LAYER_ID
from cxr_reader_study.storage.store import ReadStore
from tests.reader_study.test_reading_panel import _log_in, _open, _screen_point

pytestmark = pytest.mark.gui


def _float_dock(qtbot, window, panel) -> QDockWidget:
    dock = next(dock for dock in window.findChildren(QDockWidget) if dock.widget() is panel)
    dock.setFloating(True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return dock


def test_keys_on_the_image_read_with_the_panel_floated_before_log_in(qtbot, make_window, froc_study_file):
    window = make_window()
    panel = _open(window, froc_study_file)
    _float_dock(qtbot, window, panel)
    _log_in(qtbot, panel, "R1")
    pane = window.layout_panes.primary
    qtbot.waitUntil(lambda: pane.viewport().rect().contains(_screen_point(pane, 60, 40)))
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, 60, 40))
    qtbot.keyClick(pane, Qt.Key.Key_4)
    assert panel.reading.answer.text() == "Mark 1 of 1: rating 4"
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert panel.session.progress[0] == 1
    (read,) = ReadStore(load_study(froc_study_file).database).reads()
    assert [mark.rating for mark in read.marks] == [4.0]


def test_activating_the_floated_panel_does_not_pause_and_its_submit_button_submits(qtbot, make_window, roc_study_file):
    window = make_window()
    panel = _open(window, roc_study_file)
    _log_in(qtbot, panel, "R1")
    dock = _float_dock(qtbot, window, panel)
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_4)
    dock.activateWindow()  # what the press on a button of the floated panel does
    qtbot.waitUntil(dock.isActiveWindow)
    assert not panel.session.paused
    assert all(layer.id != PAUSE_LAYER_ID for layer in window.host.layers())  # the image stays in view
    qtbot.mouseClick(panel.reading.submit, Qt.MouseButton.LeftButton)
    assert panel.session.progress[0] == 1 and not panel.reading.warning.text()
    (read,) = ReadStore(load_study(roc_study_file).database).reads()
    assert read.rating == 4.0 and read.pause_count == 0
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert not panel.session.paused

"""A click does one thing in an FROC read: with a measuring tool on (Tools > Measure distance) it is the tool's and
places no mark; with the tool off again the same click marks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from cxr_reader_study.plugin import ReaderStudyPlugin

pytestmark = pytest.mark.gui


def _screen_point(pane, x: float, y: float):
    pane.viewbox.updateMatrix()  # pyqtgraph defers the view transform until the next paint
    return pane.mapFromScene(pane.image_item.mapToScene(QPointF(x, y)))


def test_a_click_with_the_measuring_tool_on_places_no_froc_mark(qtbot, viewer, froc_study_file):
    plugin = ReaderStudyPlugin()
    plugin.activate(viewer.host)
    plugin.open_study(str(froc_study_file))
    panel = plugin.panel
    panel.login.reader_id.setText("R1")
    qtbot.mouseClick(panel.login.start, Qt.MouseButton.LeftButton)
    pane = viewer.layout_panes.primary
    qtbot.waitUntil(lambda: pane.viewport().rect().contains(_screen_point(pane, 60, 40)))
    measure = viewer.actions["measure"]
    assert measure.isEnabled()  # measuring stays available to the reader
    measure.trigger()
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, 60, 40))
    assert panel.session.answer.marks == [] and panel.reading.answer.text() == "No marks (normal)"
    measure.trigger()  # the tool off: clicks mark again
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, 60, 40))
    assert len(panel.session.answer.marks) == 1

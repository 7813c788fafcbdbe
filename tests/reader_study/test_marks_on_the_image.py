"""An FROC mark can only lie on the film: the viewer reports clicks and drags anywhere in the pane, and the dark
margin around a fitted film took marks that were stored and scored (as false positives nobody meant), a mark
dragged past the edge of the view among them, where the reader could no longer see it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.layers import MARKS_LAYER_ID
from cxr_reader_study.storage.store import ReadStore
from tests.reader_study.test_reading_panel import _drag, _log_in, _open, _screen_point

pytestmark = pytest.mark.gui

OFF_IMAGE_HINT = "Marks go on the image: that spot is outside it."


def _reading(qtbot, viewer, froc_study_file):
    """R1 on the first FROC case, the film fitted to the pane's height: dark margins lie left and right of it."""
    viewer.resize(1400, 750)  # wide: the pane stays wider than tall once the blinded read hides the bottom dock
    panel = _open(viewer, froc_study_file)
    pane = viewer.layout_panes.primary
    _log_in(qtbot, panel, "R1")
    rows, cols = viewer.host.current_image().shape
    qtbot.waitUntil(lambda: pane.viewport().rect().contains(_screen_point(pane, -20, rows / 2)))
    return panel, pane, (rows, cols)


def _stored_marks(froc_study_file):
    (read,) = ReadStore(load_study(froc_study_file).database).reads()
    return read.marks


def test_a_click_off_the_film_places_no_mark(qtbot, viewer, froc_study_file):
    panel, pane, (rows, cols) = _reading(qtbot, viewer, froc_study_file)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, -20, rows / 2))
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, cols + 20, rows / 2))
    assert panel.session.answer.marks == [] and panel.reading.warning.text() == OFF_IMAGE_HINT
    assert panel.reading.answer.text() == "No marks (normal)"
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, 60, 40))
    assert not panel.reading.warning.text()  # a click on the film clears the hint
    qtbot.keyClick(pane, Qt.Key.Key_4)
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert [(round(m.x), round(m.y), m.rating) for m in _stored_marks(froc_study_file)] == [(60, 40, 4.0)]


def test_a_mark_dragged_off_the_film_goes_back(qtbot, viewer, froc_study_file):
    panel, pane, (rows, cols) = _reading(qtbot, viewer, froc_study_file)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, 60, 40))
    qtbot.keyClick(pane, Qt.Key.Key_4)
    before = list(panel.session.answer.marks)
    assert not panel.reading.warning.text()
    _drag(pane, (60, 40), (-15, 40))  # into the left margin
    qtbot.waitUntil(lambda: bool(panel.reading.warning.text()) or panel.session.answer.marks != before)
    assert panel.session.answer.marks == before and panel.reading.warning.text() == OFF_IMAGE_HINT
    marks_layer = next(layer for layer in viewer.host.layers() if layer.id == MARKS_LAYER_ID)
    assert [(m.x, m.y) for m in marks_layer.markers] == [(m.x, m.y) for m in before]  # drawn where it was
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert all(0 <= m.x <= cols and 0 <= m.y <= rows for m in _stored_marks(froc_study_file))

"""While a read is paused the status bar's pixel readout says nothing of the covered film, and it is back on Resume.

Found pausing a read in the offscreen viewer: the pause layer covered the film, yet moving the mouse over the black
cover went on showing "x 60  y 70   stored 1289   value 1289" in the status bar, the hidden case's pixels read out
off the clock. The plugin now asks the viewer to hide the readout (``set_pixel_readout_hidden``) while it covers the
film, for a pause of its own as for a focus loss. The real viewer (offscreen) and a real demo study; real mouse moves.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QApplication

from tests.reader_study.test_reading_panel import _log_in, _open

pytestmark = pytest.mark.gui


def _hover(qtbot, pane, x: float, y: float) -> None:
    """Real mouse moves onto the centre of image pixel (x, y), then time for the readout's settle timer."""
    for dx in (3, 0):  # a move within the view, not only the pointer entering it
        point = pane.mapFromScene(pane.image_item.mapToScene(QPointF(x + dx + 0.5, y + 0.5)))
        qtbot.mouseMove(pane.viewport(), point)
    qtbot.wait(100)


def test_paused_film_is_not_read_out_under_the_pointer(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    _log_in(qtbot, panel, "R1")
    pane, readout = viewer.layout_panes.primary, viewer.cursor_label
    _hover(qtbot, pane, 40, 50)
    assert readout.text().startswith("x 40  y 50")  # reading: the viewer's readout as ever

    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    assert panel.session.paused
    _hover(qtbot, pane, 60, 70)
    assert readout.text() == ""

    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)  # Resume
    _hover(qtbot, pane, 61, 70)
    assert readout.text().startswith("x 61  y 70")

    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowDeactivate))  # a focus pause covers the film too
    _hover(qtbot, pane, 62, 70)
    assert panel.session.paused and readout.text() == ""
    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowActivate))
    _hover(qtbot, pane, 63, 70)
    assert readout.text().startswith("x 63  y 70")


def test_log_out_while_paused_gives_the_readout_back(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    _log_in(qtbot, panel, "R1")
    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    panel.close_study()
    pane = viewer.layout_panes.primary
    image = panel.study.cases[0].image  # the coordinator opens a film of their own once the study is closed
    viewer.open_paths([str(image)])
    qtbot.waitUntil(lambda: pane.image is not None)
    _hover(qtbot, pane, 40, 50)
    assert viewer.cursor_label.text().startswith("x 40  y 50")

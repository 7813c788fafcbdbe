"""While reading is paused the panel says so and how to go on; once it resumes no pause text is left.

Found reading in the offscreen viewer: a pause showed a black image with nothing on the panel but the button's
"Resume" (a focus pause not even that), and a key pressed while paused left "Reading is paused; resume first."
on screen after Resume, beside a case that was being read again.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from tests.reader_study.test_reading_panel import _log_in, _open

pytestmark = pytest.mark.gui


def test_the_panel_says_why_the_image_is_hidden_and_clears_it_on_resume(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    _log_in(qtbot, panel, "R1")
    pane, notice = viewer.layout_panes.primary, panel.reading.warning
    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    assert "paused" in notice.text().lower() and "Resume" in notice.text()
    qtbot.keyClick(pane, Qt.Key.Key_3)  # refused, with the hint
    assert "paused" in notice.text().lower() and panel.session.answer.rating is None
    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    assert notice.text() == ""
    qtbot.keyClick(pane, Qt.Key.Key_3)
    assert panel.session.answer.rating == 3.0

    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowDeactivate))
    assert "paused" in notice.text().lower() and "active window" in notice.text()  # no Resume to press
    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowActivate))
    assert notice.text() == ""


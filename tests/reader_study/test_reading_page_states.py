"""What the reading page shows between cases and readers.

The end of a session left the last case's film on screen under "AI: no findings on this image", the rating
instructions and live Pause / Submit buttons, as if a case were still waiting to be read. And a hint for one
reader ("Reading is paused; resume first.") was still on the page when the next reader logged in.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from cxr_reader_study.reading.session import PAUSED_HINT
from tests.reader_study.test_reading_panel import _log_in, _open

pytestmark = pytest.mark.gui


def test_a_finished_session_shows_no_case_and_asks_for_nothing(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    pane = viewer.layout_panes.primary
    _log_in(qtbot, panel, "R3")  # starts aided: the AI is drawn on the cases that have findings
    while not panel.session.finished:
        qtbot.keyClick(pane, Qt.Key.Key_3)
        qtbot.keyClick(pane, Qt.Key.Key_Return)
    page = panel.reading
    assert viewer.host.current_image() is None and pane.image is None and not viewer.host.layers()
    assert page.case_label.text() == "Session complete. Thank you — you may log out."
    assert [page.ai_label.text(), page.instructions.text(), page.answer.text()] == ["", "", ""]
    assert not page.pause.isEnabled() and not page.submit.isEnabled()
    assert page.progress.text() == "9 of 9 read" and page.log_out.isEnabled()
    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowDeactivate))  # leaving the station: nothing to cover
    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowActivate))
    assert not viewer.host.layers() and not viewer.messages.messages()
    qtbot.mouseClick(page.log_out, Qt.MouseButton.LeftButton)
    _log_in(qtbot, panel, "R1")  # the next reader's screen is live again
    assert viewer.host.current_image() is not None and page.pause.isEnabled() and page.submit.isEnabled()
    assert page.instructions.text().startswith("Rate with the number keys")


def test_the_next_reader_does_not_inherit_the_last_readers_hint(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    pane = viewer.layout_panes.primary
    _log_in(qtbot, panel, "R1")
    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    qtbot.keyClick(pane, Qt.Key.Key_3)
    assert panel.reading.warning.text() == PAUSED_HINT
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    _log_in(qtbot, panel, "R2")
    assert not panel.session.paused and panel.reading.warning.text() == ""
    assert panel.reading.pause.text() == "Pause (P)"

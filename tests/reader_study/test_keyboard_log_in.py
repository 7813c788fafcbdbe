"""A reader logs in with the keyboard alone: the reader-id box has the keys, and the Enter that logs in is not a submit.

Found reading a session keyboard-first in the offscreen viewer, keys sent to whichever widget had the focus: when
the study opened the focus sat on the image, so "R1" Enter reset the view and asked for window preset 1 ("No window
preset 1 for this image"); clicked into the box, the Enter that logged in went on to the box's parents, where the
reading keys installed by that log-in took it as a submit (the first case opened with "Rate the case before
submitting", an FROC case one Enter from "no findings"). After a log-out the box did not have the keys either.
The real viewer (offscreen) and a real demo study.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.reader_study.test_reading_panel import _open

pytestmark = pytest.mark.gui


def _type(qtbot, text: str) -> None:
    """Keys as a reader types them: to the widget that has the focus."""
    qtbot.keyClicks(QApplication.focusWidget(), text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_the_reader_id_box_has_the_keys_when_the_study_opens_and_after_each_log_out(qtbot, viewer, roc_study_file):
    viewer.activateWindow()
    panel = _open(viewer, roc_study_file)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.login.reader_id)
    _type(qtbot, "R1")
    assert panel.session is not None and panel.session.record.reader_id == "R1"
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is panel.login.reader_id
    _type(qtbot, "R2")
    assert panel.session is not None and panel.session.record.reader_id == "R2"


def test_the_enter_that_logs_in_is_not_a_submit(qtbot, viewer, froc_study_file):
    viewer.activateWindow()
    panel = _open(viewer, froc_study_file)
    panel.login.reader_id.setFocus()  # as a click into the box
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.login.reader_id)
    _type(qtbot, "R1")
    assert panel.session is not None and panel.session.progress == (0, 9)
    assert panel.reading.warning.text() == ""  # no submit was tried
    assert not panel.session.answer.empty_confirmed  # the next Enter does not submit the case as normal

"""On an unmarked FROC case only an Enter right after "Press Enter again …" submits it as normal.

Found reading an FROC session keyboard-first in the offscreen viewer: Enter on an unmarked case warned, as it should;
then P, P (a pause and Resume) took the warning off the screen, and the next lone Enter submitted the case as "no
findings" without a word. A digit (its "place a mark first" hint) or Delete in between did the same. The real viewer
(offscreen), a real FROC demo study and its SQLite database; keys pressed for real on the image.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.storage.store import ReadStore
from tests.reader_study.test_reading_panel import _log_in, _open

pytestmark = pytest.mark.gui

ASK_AGAIN = "Press Enter again to submit it as normal"


@pytest.mark.parametrize("between", ["pause", "focus", "digit", "delete"])
def test_an_enter_after_the_warning_left_the_screen_warns_again(qtbot, viewer, froc_study_file, between):
    panel = _open(viewer, froc_study_file)
    _log_in(qtbot, panel, "R1")
    pane = viewer.layout_panes.primary
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert ASK_AGAIN in panel.reading.warning.text()
    if between == "pause":
        qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    elif between == "focus":
        QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowDeactivate))
        QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowActivate))
    else:
        qtbot.keyClick(pane, Qt.Key.Key_3 if between == "digit" else Qt.Key.Key_Delete)
    assert ASK_AGAIN not in panel.reading.warning.text()

    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert panel.session.progress[0] == 0 and ASK_AGAIN in panel.reading.warning.text()
    qtbot.keyClick(pane, Qt.Key.Key_Return)  # right after the warning: the reader means it
    assert panel.session.progress[0] == 1
    reads = ReadStore(load_study(froc_study_file).database).reads()
    assert [(r.reader_id, len(r.marks)) for r in reads] == [("R1", 0)]

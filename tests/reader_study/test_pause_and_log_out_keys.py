"""P pauses and resumes a read, Ctrl+L logs out; Ctrl+L asks again before it drops an answer not yet submitted.

Found reading keyboard-first in the offscreen viewer: everything else had a key (digits, Enter, Delete, Backspace),
but Pause and Log out had none, and F1 listed neither. A log-out keeps every submitted read and the case's time but
drops the answer on screen, so a single stray chord must not do it. The real viewer (offscreen), a real demo study
and its SQLite database; keys pressed for real on the image.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.layers import PAUSE_LAYER_ID
from cxr_reader_study.storage.store import ReadStore
from tests.reader_study.test_reading_panel import _log_in, _open

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier


def _covered(viewer) -> bool:
    return PAUSE_LAYER_ID in {layer.id for layer in viewer.host.layers()}


def test_p_pauses_and_resumes_the_read(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    _log_in(qtbot, panel, "R1")
    pane = viewer.layout_panes.primary
    qtbot.keyClick(pane, Qt.Key.Key_P)
    assert panel.session.paused_for("user") and _covered(viewer)
    assert "Press P" in panel.reading.warning.text() and panel.reading.pause.text() == "Resume (P)"
    qtbot.keyClick(pane, Qt.Key.Key_4)  # refused while paused
    assert panel.session.answer.rating is None
    qtbot.keyClick(pane, Qt.Key.Key_P)
    assert not panel.session.paused and not _covered(viewer) and panel.reading.warning.text() == ""
    qtbot.keyClick(pane, Qt.Key.Key_4)
    assert panel.session.answer.rating == 4.0


def test_p_after_the_last_case_pauses_nothing(qtbot, viewer, roc_study_file):
    """The Pause button is off once the session is complete; P is its click, so it is off too (it had paused the
    finished session, put the cover over no image and set the disabled button to "Resume")."""
    panel = _open(viewer, roc_study_file)
    _log_in(qtbot, panel, "R1")
    pane = viewer.layout_panes.primary
    while not panel.session.finished:
        qtbot.keyClick(pane, Qt.Key.Key_3)
        qtbot.keyClick(pane, Qt.Key.Key_Return)
    qtbot.keyClick(pane, Qt.Key.Key_P)
    assert not panel.session.paused and not _covered(viewer) and panel.reading.pause.text() == "Pause (P)"


def test_ctrl_l_logs_out_but_asks_first_when_an_answer_would_be_lost(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    pane = viewer.layout_panes.primary
    _log_in(qtbot, panel, "R1")
    qtbot.keyClick(pane, Qt.Key.Key_L, CTRL)  # nothing entered: nothing to lose
    assert panel.session is None and viewer.host.exclusive_owner() == "reader_study"  # held until the study closes

    _log_in(qtbot, panel, "R1")
    qtbot.keyClick(pane, Qt.Key.Key_2)
    qtbot.keyClick(pane, Qt.Key.Key_Return)  # submitted: stored
    qtbot.keyClick(pane, Qt.Key.Key_5)  # the next case's answer, not submitted
    qtbot.keyClick(pane, Qt.Key.Key_L, CTRL)
    assert panel.session is not None and "not submitted" in panel.reading.warning.text()
    qtbot.keyClick(pane, Qt.Key.Key_4)  # the reader goes on: the warning goes, and Ctrl+L asks again
    assert panel.reading.warning.text() == ""
    qtbot.keyClick(pane, Qt.Key.Key_L, CTRL)
    assert panel.session is not None and "Ctrl+L again" in panel.reading.warning.text()
    qtbot.keyClick(pane, Qt.Key.Key_L, CTRL)
    assert panel.session is None and viewer.host.current_image() is None

    reads = ReadStore(load_study(roc_study_file).database).reads()
    assert [(r.reader_id, r.rating) for r in reads] == [("R1", 2.0)]  # the submitted read kept, nothing else
    _log_in(qtbot, panel, "R1")
    assert panel.session.progress[0] == 1 and panel.session.answer.rating is None  # the dropped case comes back


def test_f1_lists_the_pause_and_log_out_keys_during_a_read(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    _log_in(qtbot, panel, "R1")
    panel_keys = {key.key: key.description for key in viewer.host.panel_keys["reader_study"]}
    assert "Pause" in panel_keys["P"] and "Log out" in panel_keys["Ctrl+L"]
    taken = {viewer.settings.shortcut(command) for command in viewer.actions}
    assert not {"P", "Ctrl+L"} & taken  # neither is a key of the viewer's

"""The reader's log-in page in the real viewer (offscreen): no self-service washout override; it says when the
next arm opens and to ask the coordinator, and after ``cxr-reader override-washout`` (another process, the
same SQLite database) the reader's next log-in opens the arm."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from cxr_reader_study.plugin import ReaderStudyPlugin

from .test_washout_override import REASON, finish_first_arm, override_in_another_process

pytestmark = pytest.mark.gui


def _log_in(qtbot, panel, reader: str) -> None:
    panel.login.reader_id.setText(reader)
    qtbot.mouseClick(panel.login.start, Qt.MouseButton.LeftButton)


def test_only_the_coordinator_can_cut_the_washout_short(qtbot, viewer, roc_study_file):
    finish_first_arm(roc_study_file)
    plugin = ReaderStudyPlugin()
    plugin.activate(viewer.host)
    plugin.open_study(str(roc_study_file))
    panel = plugin.panel
    buttons = [button.text() for button in panel.login.findChildren(QAbstractButton)]
    assert buttons == ["Start reading"]  # no "Override washout" box for the reader to tick

    _log_in(qtbot, panel, "R1")
    message = panel.login.message.text()
    assert "arm 'aided' opens after the 28-day washout, on " in message
    assert message.endswith("if you need to start earlier, ask the study coordinator.")
    assert panel.session is None and panel.login.isVisibleTo(panel)

    done = override_in_another_process(roc_study_file, "R1", "--reason", REASON, "--by", "Dr Coordinator")
    assert done.returncode == 0, done.stderr
    _log_in(qtbot, panel, "R1")
    assert panel.session is not None and panel.reading.isVisibleTo(panel) and not panel.login.isVisibleTo(panel)
    assert panel.session.record.arm == "aided" and panel.session.record.washout_override
    assert panel.reading.case_label.text() == "Case 1 of 9 (training case, not scored)"
    panel.log_out()

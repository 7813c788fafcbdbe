"""A second read (arm ``aided-second-read``) asks for two answers to one case; the panel said only "AI: off" and
then "AI: n finding(s) shown" over the same case and the same answer, never that the first answer was saved nor
that the one now asked for is the final one, with the AI."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.reader_study.test_reading_panel import _log_in, _open

pytestmark = pytest.mark.gui


def test_the_panel_says_which_answer_of_a_second_read_it_asks_for(qtbot, viewer, second_read_study_file):
    panel = _open(viewer, second_read_study_file)
    pane = viewer.layout_panes.primary
    _log_in(qtbot, panel, "R3")
    assert panel.session.arm.value == "aided-second-read" and panel.session.phase == "first"
    page = panel.reading
    case = page.case_label.text()
    assert page.ai_label.text() == "First answer, without AI: the AI is shown once you submit it."
    qtbot.keyClick(pane, Qt.Key.Key_2)
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert panel.session.phase == "final" and page.case_label.text() == case and page.answer.text() == "Rating: 2"
    found = len(panel.session.visible_findings())
    shown = f"AI: {found} finding(s) shown" if found else "AI: no findings on this image"
    assert page.ai_label.text() == (f"{shown}. Your first answer is saved; keep or change it, then submit your "
                                    "final answer.")
    qtbot.keyClick(pane, Qt.Key.Key_4)
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert panel.session.phase == "first" and page.ai_label.text().startswith("First answer, without AI")

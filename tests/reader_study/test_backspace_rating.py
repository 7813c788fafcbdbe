"""Backspace on a 0–100 scale: a reader who typed a wrong digit (``7`` ``6`` for 75) and pressed Backspace to correct
it lost the whole FROC mark and its place, since Backspace removed the selected mark. It now takes back the digits
still being typed and removes the mark only when nothing is; Delete always removes it."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint, Qt

from cxr_reader_study.design.model import RatingScale, Task
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.answer import Answer
from cxr_reader_study.storage.store import ReadStore
from tests.reader_study.test_reading_panel import _log_in, _open, _screen_point

pytestmark = pytest.mark.gui


@pytest.fixture
def froc_100_study_file(froc_study_file):
    """The demo FROC study rated on 0–100."""
    text = froc_study_file.read_text(encoding="utf-8")
    assert 'scale = "1-5"' in text
    froc_study_file.write_text(text.replace('scale = "1-5"', 'scale = "0-100"'), encoding="utf-8")
    return froc_study_file


def _reading(qtbot, viewer, study_file):
    panel = _open(viewer, study_file)
    assert panel.study.scale.kind == "0-100"
    _log_in(qtbot, panel, "R1")
    pane = viewer.layout_panes.primary
    # pyqtgraph applies the fitted view transform lazily: wait until image pixels map into the viewport
    qtbot.waitUntil(lambda: pane.viewport().rect().contains(_screen_point(pane, 120, 120)))
    return panel, pane


def _place(qtbot, pane, x: float, y: float) -> None:
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, x, y))


def _select(qtbot, pane, x: float, y: float) -> None:
    """A click on the ring of the mark at (x, y), up-left of its centre and clear of its label."""
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, x, y) - QPoint(4, 4))


def _type(qtbot, pane, *keys: Qt.Key) -> None:
    for key in keys:
        qtbot.keyClick(pane, key)


def test_backspace_corrects_a_digit_and_keeps_the_mark(qtbot, viewer, froc_100_study_file):
    panel, pane = _reading(qtbot, viewer, froc_100_study_file)
    _place(qtbot, pane, 60, 40)
    _type(qtbot, pane, Qt.Key.Key_7, Qt.Key.Key_6)
    assert panel.reading.answer.text() == "Mark 1 of 1: rating 76"
    qtbot.keyClick(pane, Qt.Key.Key_Backspace)  # the wrong 6 goes, the mark and its 7 stay
    assert len(panel.session.answer.marks) == 1 and panel.reading.answer.text() == "Mark 1 of 1: rating 7"
    qtbot.keyClick(pane, Qt.Key.Key_5)
    assert panel.reading.answer.text() == "Mark 1 of 1: rating 75"
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    (read,) = ReadStore(load_study(froc_100_study_file).database).reads()
    assert [(round(m.x), round(m.y), m.rating) for m in read.marks] == [(60, 40, 75.0)]


def test_backspace_takes_back_every_typed_digit_before_the_mark(qtbot, viewer, froc_100_study_file):
    panel, pane = _reading(qtbot, viewer, froc_100_study_file)
    _place(qtbot, pane, 60, 40)
    _type(qtbot, pane, Qt.Key.Key_4, Qt.Key.Key_0)
    _place(qtbot, pane, 120, 120)  # a second mark: typing on the first is over
    _type(qtbot, pane, Qt.Key.Key_8, Qt.Key.Key_5, Qt.Key.Key_Backspace, Qt.Key.Key_Backspace)
    assert panel.reading.answer.text() == "Mark 2 of 2: rating –"  # no digit left: unrated again, still there
    assert math.isnan(panel.session.answer.marks[1].rating)
    qtbot.keyClick(pane, Qt.Key.Key_Backspace)  # nothing being typed: the selected mark goes, as documented
    assert [(round(m.x), round(m.y), m.rating) for m in panel.session.answer.marks] == [(60, 40, 40.0)]
    _select(qtbot, pane, 60, 40)  # re-rating the first mark: taking all digits back restores its 40
    _type(qtbot, pane, Qt.Key.Key_9, Qt.Key.Key_Backspace)
    assert panel.reading.answer.text() == "Mark 1 of 1: rating 40"
    assert not panel.reading.warning.text()


def test_delete_removes_the_mark_even_while_digits_are_typed(qtbot, viewer, froc_100_study_file):
    panel, pane = _reading(qtbot, viewer, froc_100_study_file)
    _place(qtbot, pane, 60, 40)
    _place(qtbot, pane, 120, 120)
    _type(qtbot, pane, Qt.Key.Key_3, Qt.Key.Key_Delete)
    assert [(round(m.x), round(m.y)) for m in panel.session.answer.marks] == [(60, 40)]
    assert panel.reading.answer.text() == "Mark 1 of 1: rating –"


def test_on_a_rated_case_backspace_takes_digits_back_to_the_earlier_rating():
    """ROC on 0–100, headless: the case's rating is typed over and taken back digit by digit."""
    answer = Answer(Task.ROC, RatingScale("0-100"), rating=30.0)
    for digit in (6, 5):
        answer.press_digit(digit)
    answer.take_back_digit()
    assert answer.rating == 6.0 and answer.keys.typing
    answer.take_back_digit()
    assert answer.rating == 30.0 and not answer.keys.typing
    unrated = Answer(Task.ROC, RatingScale("0-100"))
    unrated.press_digit(1)
    unrated.take_back_digit()
    assert unrated.rating is None and unrated.missing().startswith("Rate the case")

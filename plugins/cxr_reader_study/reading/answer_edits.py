"""The reader's changes to the answer on screen (rating keys, marks placed, moved and deleted), each refused
while reading is paused: the image is covered then, so nothing may be judged or changed off the clock.

A rating or a mark also saves the case's time so far, since a reader may leave for good right after it. Any of these
keys takes back a pending "press Enter again" on an unmarked FROC case (as a mark placed does): its warning is then
off the screen, replaced by the key's own hint or cleared, so only an Enter right after the warning confirms.
"""

from __future__ import annotations

from cxr_reader_study.reading.answer import Answer, IncompleteRead
from cxr_reader_study.reading.case_clock import CaseClock
from cxr_reader_study.reading.rating_keys import KeyResult

PAUSED_HINT = "Reading is paused; press P or Resume first."  # it replaces the pause notice, key included


class AnswerEdits:
    """Mixed into ``ReadingSession``, which holds the ``answer`` and the clock of its case (``_time``)."""

    answer: Answer
    _time: CaseClock

    def press_digit(self, digit: int) -> KeyResult:
        """A rating key; ignored with a hint while paused (the image is covered, so it cannot be judged)."""
        self.answer.empty_confirmed = False
        if self._time.paused:
            return KeyResult(None, PAUSED_HINT)
        result = self.answer.press_digit(digit)
        if result.rating is not None:
            self._time.save()
        return result

    def add_mark(self, x: float, y: float) -> int:
        """Adds a mark and notes the time to the first mark of this answer."""
        if self._time.paused:
            raise IncompleteRead(PAUSED_HINT)
        index = self.answer.add_mark(x, y)
        self._time.mark_placed()
        return index

    def move_mark(self, index: int, x: float, y: float) -> None:
        """Moves a mark (a drag) and selects it; refused while paused, like every other change to the answer."""
        if self._time.paused:
            raise IncompleteRead(PAUSED_HINT)
        self.answer.move_mark(index, x, y)
        self.answer.select_mark(index)

    def delete_selected_mark(self) -> str:
        """Removes the selected mark; while paused nothing changes and the hint comes back for the reader."""
        self.answer.empty_confirmed = False
        if self._time.paused:
            return PAUSED_HINT
        if self.answer.selected_mark is not None:
            self.answer.delete_mark(self.answer.selected_mark)
        return ""

    def backspace(self) -> str:
        """Backspace takes back the last digit of a 0–100 rating still being typed, so correcting a wrong digit
        never costs the mark and its place; with nothing being typed it removes the selected mark, as Delete does."""
        if self._time.paused:
            return PAUSED_HINT
        if not self.answer.keys.typing:
            return self.delete_selected_mark()
        self.answer.take_back_digit()
        self._time.save()  # a rating changed, as after a digit
        return ""

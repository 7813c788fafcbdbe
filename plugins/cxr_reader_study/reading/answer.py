"""The answer being composed for the case on screen: a case rating (ROC) or rated click marks (FROC).

Kept apart from the session so the rules of a valid answer (ratings on the scale, every mark rated) sit in
one small place; refusals are raised as :class:`IncompleteRead` with a message meant for the reader.
"""

from __future__ import annotations

from cxr_reader_study.design.model import RatingScale, Task
from cxr_reader_study.reading.rating_keys import KeyResult, RatingKeys
from cxr_reader_study.storage.records import MarkRecord

UNRATED_MARK = float("nan")


class IncompleteRead(ValueError):
    """Submit refused: the message tells the reader what is missing. Nothing is lost."""


class Answer:
    def __init__(self, task: Task, scale: RatingScale, rating: float | None = None,
                 marks: tuple[MarkRecord, ...] = ()):
        self.task, self.scale = task, scale
        self.rating = rating
        self.marks = list(marks)
        self.selected_mark: int | None = len(self.marks) - 1 if self.marks else None
        self.keys = RatingKeys(scale)
        self._before_typing: float | None = None  # what the rating was when the digits being typed began
        self.empty_confirmed = False  # FROC: the reader pressed Enter once on an unmarked case

    def add_mark(self, x: float, y: float) -> int:
        if self.task is not Task.FROC:
            raise IncompleteRead("This study rates whole cases; marks are only used in FROC studies.")
        self.empty_confirmed = False
        self.marks.append(MarkRecord(x, y, UNRATED_MARK))
        self.select_mark(len(self.marks) - 1)
        return len(self.marks) - 1

    def move_mark(self, index: int, x: float, y: float) -> None:
        self.marks[index] = MarkRecord(x, y, self.marks[index].rating)

    def delete_mark(self, index: int) -> None:
        del self.marks[index]
        self.selected_mark = len(self.marks) - 1 if self.marks else None
        self.keys.reset()

    def select_mark(self, index: int) -> None:
        self.selected_mark = index
        self.keys.reset()

    def set_rating(self, value: float) -> None:
        """Rates the case (ROC) or the selected mark (FROC)."""
        if not self.scale.accepts(value):
            raise IncompleteRead(f"{value:g} is not on this scale: {self.scale.describe()}")
        if self.task is Task.FROC and self.selected_mark is None:
            raise IncompleteRead("Click on the image to place a mark first, then rate it.")
        self._put_rating(float(value))

    def _rating_now(self) -> float | None:
        """The rating keys act on: the case's (ROC; None unrated) or the selected mark's (FROC; NaN unrated)."""
        if self.task is Task.ROC:
            return self.rating
        return self.marks[self.selected_mark].rating if self.selected_mark is not None else None

    def _put_rating(self, value: float | None) -> None:
        if self.task is Task.ROC:
            self.rating = value
        else:
            mark = self.marks[self.selected_mark]
            self.marks[self.selected_mark] = MarkRecord(mark.x, mark.y, UNRATED_MARK if value is None else value)

    def press_digit(self, digit: int) -> KeyResult:
        """A number key; refusals come back as a warning instead of an exception (a stray key is harmless)."""
        if not self.keys.typing:
            self._before_typing = self._rating_now()
        result = self.keys.press(digit)
        if result.rating is not None:
            try:
                self.set_rating(result.rating)
            except IncompleteRead as refusal:
                self.keys.reset()  # nothing was rated, so Backspace has no digit of it to take back
                return KeyResult(None, str(refusal))
        return result

    def take_back_digit(self) -> None:
        """Backspace while a 0–100 rating is being typed (:attr:`RatingKeys.typing`): the rating the digits left
        make, or, with none left, the rating from before the first of them (unrated for a new mark)."""
        value = self.keys.backspace()
        self._put_rating(self._before_typing if value is None else value)

    def missing(self) -> str:
        """Why this answer cannot be submitted, or "" when it is complete."""
        if self.task is Task.ROC and self.rating is None:
            return f"Rate the case before submitting ({self.scale.describe()})."
        unrated = [i + 1 for i, mark in enumerate(self.marks) if mark.rating != mark.rating]
        if unrated:
            return f"Rate mark(s) {', '.join(map(str, unrated))} before submitting."
        if self.task is Task.FROC and not self.marks and not self.empty_confirmed:
            return "No marks on this case. Press Enter again to submit it as normal (no findings)."
        return ""

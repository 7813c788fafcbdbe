"""Turning number-key presses into a rating, so the reader can rate without the mouse.

On the 1–5 and binary scales one key is one rating; a key outside the scale is refused with a hint and
changes nothing. On 0–100, digits accumulate (``7`` then ``5`` is 75) and a digit that would exceed 100
starts a new number, so a stray key never produces an out-of-range value. While such a number is being typed
(:attr:`RatingKeys.typing`), :meth:`RatingKeys.backspace` takes back its last digit, so a reader corrects a wrong
digit without the Backspace that otherwise removes the selected mark (see ``ReadingSession.backspace``).
"""

from __future__ import annotations

from dataclasses import dataclass

from cxr_reader_study.design.model import RatingScale


@dataclass(frozen=True)
class KeyResult:
    rating: float | None  # the rating after the key (None: unchanged / nothing yet)
    warning: str = ""


class RatingKeys:
    def __init__(self, scale: RatingScale):
        self.scale = scale
        self._typed = ""

    def reset(self) -> None:
        self._typed = ""

    @property
    def typing(self) -> bool:
        """Whether digits of a 0–100 rating have been typed since the last :meth:`reset` (a mark selected or
        placed, an answer submitted): only then is there a digit for Backspace to take back."""
        return bool(self._typed)

    def backspace(self) -> float | None:
        """Takes back the last digit typed: the rating the digits left make, or None when none are left."""
        self._typed = self._typed[:-1]
        return float(int(self._typed)) if self._typed else None

    def press(self, digit: int) -> KeyResult:
        if self.scale.kind == "0-100":
            typed = self._typed + str(digit)
            if int(typed) > 100:
                typed = str(digit)
            self._typed = typed.lstrip("0") or "0"
            return KeyResult(float(int(self._typed)))
        if self.scale.accepts(digit):
            return KeyResult(float(digit))
        return KeyResult(None, f"{digit} is not on this scale: {self.scale.describe()}")

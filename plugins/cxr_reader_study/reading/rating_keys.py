"""Turning number-key presses into a rating, so the reader can rate without the mouse.

On the 1–5 and binary scales one key is one rating; a key outside the scale is refused with a hint and
changes nothing. On 0–100, digits accumulate (``7`` then ``5`` is 75) and a digit that would exceed 100
starts a new number, so a stray key never produces an out-of-range value.
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

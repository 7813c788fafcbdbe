"""Which way the patient lies on screen: the edge letters from Patient Orientation, and the display's turn in words.

A mirrored chest film looks like dextrocardia, so the reader must be able to tell a flipped or turned display from
the stored film at a glance. Two things say it: the letters at the middles of the image area's edges, taken from
the file's Patient Orientation (0020,0020) (else its Image Orientation (Patient):
``image_orientation``) and carried through the display's turn and flips, and a plain line
("flipped H") whenever the display differs from the file. Both are worked out here on plain values, Qt-free.

The display follows ``FilmView``: ``rotation`` quarter turns clockwise, then the flips on the screen's axes. A
direction is a vector (x to the right, y down) in image columns/rows before and on screen after.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_OPPOSITE = {"A": "P", "P": "A", "R": "L", "L": "R", "H": "F", "F": "H"}
_AXIS = {"A": 0, "P": 0, "R": 1, "L": 1, "H": 2, "F": 2}
_NAMES = (  # one (rotation, flip H, flip V) for each of the eight states a film can be shown in, and its name
    ((0, False, False), ""), ((1, False, False), "rotated 90° CW"), ((2, False, False), "rotated 180°"),
    ((3, False, False), "rotated 90° CCW"), ((0, True, False), "flipped H"), ((0, False, True), "flipped V"),
    ((1, True, False), "rotated 90° CW, flipped H"), ((1, False, True), "rotated 90° CW, flipped V"),
)
Matrix = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)
class DisplayTurn:
    """How the display differs from the stored film: quarter turns clockwise, then flips on the screen's axes."""

    rotation: int = 0
    flip_h: bool = False
    flip_v: bool = False

    def matrix(self) -> Matrix:
        """Screen direction = matrix @ image direction, both (x right, y down)."""
        (a, b), (c, d) = ((1, 0), (0, 1))
        for _ in range(self.rotation % 4):  # a clockwise quarter turn with y down: (x, y) -> (-y, x)
            (a, b), (c, d) = (-c, -d), (a, b)
        sx, sy = (-1 if self.flip_h else 1), (-1 if self.flip_v else 1)
        return (sx * a, sx * b), (sy * c, sy * d)

    def describe(self) -> str:
        """The display's difference from the file in words, "" when there is none. A mirror image is always called
        one (a vertical flip mirrors the patient too: turned upright it shows the heart on the wrong side), and every
        state has one name whichever keys led to it: H then V is "rotated 180°", not a mirror, and a turned mirror
        is named as a clockwise turn (T) then one flip."""
        name = next(name for state, name in _NAMES if DisplayTurn(*state).matrix() == self.matrix())
        return f"{name}\nmirror image" if "flipped" in name else name


@dataclass(frozen=True)
class EdgeLetters:
    """The patient direction each screen edge of the image area points to, e.g. R, L, H, F for a PA chest."""

    left: str
    right: str
    top: str
    bottom: str


def patient_orientation(value: Any, anatomical_orientation_type: Any = "") -> tuple[str, str] | None:
    """The (row, column) directions of Patient Orientation, or None when it says nothing usable.

    Each value is one to three of A P R L H F, the principal direction first (PS3.3 C.7.6.1.1.1), e.g. "LF" for
    an oblique row. None for an absent or empty attribute, anything but two values, an unknown or repeated
    letter, a value naming both ends of one axis, rows and columns along the same principal axis, and for a
    QUADRUPED Anatomical Orientation Type (its letters mean other things: L is lateral there). A wrong letter
    at the film's edge would confirm the very laterality error the letters are there to catch, so an odd value
    gives none rather than a guess.

    Nothing is derived from View Position either: a PA or AP film without Patient Orientation gets no letters.
    View Position names the beam's direction, not how the detector read out the pixel matrix or whether the
    modality turned it for display, and the "usual" answers disagree: a film stored as read has rows toward the
    patient's left for PA and AP alike, one stored as seen from the detector has L for PA and R for AP, and one
    stored as seen from the tube the reverse. Any of these guessed on the wrong film would put a confident R
    where the patient's left is.
    """
    if str(anatomical_orientation_type or "").strip().upper() == "QUADRUPED":
        return None
    values = [value] if isinstance(value, str) else list(value or [])
    if len(values) == 1 and "\\" in str(values[0]):  # a raw "L\F" read without the value splitting
        values = str(values[0]).split("\\")
    if len(values) != 2:
        return None
    row, column = (str(v).strip().upper() for v in values)
    if not (_direction(row) and _direction(column)) or _AXIS[row[0]] == _AXIS[column[0]]:
        return None
    return row, column


def _direction(value: str) -> bool:
    """One to three known letters, each axis at most once (so not "LR", not "LL")."""
    return 1 <= len(value) <= 3 and all(c in _AXIS for c in value) and len({_AXIS[c] for c in value}) == len(value)


def opposite(direction: str) -> str:
    """The other way along the same line: "LF" -> "RH"."""
    return "".join(_OPPOSITE[c] for c in direction)


def edge_letters(orientation: tuple[str, str] | None, turn: DisplayTurn = DisplayTurn()) -> EdgeLetters | None:
    """The letters for the four edges of the displayed film; None without a usable orientation."""
    if orientation is None:
        return None
    row, column = orientation
    (a, b), (c, d) = turn.matrix()
    # the matrix is orthogonal with entries 0/±1, so its inverse is its transpose: image direction of screen +x, +y
    towards = {(1, 0): row, (-1, 0): opposite(row), (0, 1): column, (0, -1): opposite(column)}
    right, down = towards[(a, b)], towards[(c, d)]
    return EdgeLetters(left=opposite(right), right=right, top=opposite(down), bottom=down)

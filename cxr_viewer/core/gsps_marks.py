"""The viewer's measurements as DICOM graphics (Qt-free): what a presentation state draws of each one.

A measurement arrives as the viewer keeps it (``gui.measure_memory.Mark``: a distance's ends, a ratio's two widths,
``("angle", …)`` with its three points, ``("roi", …)`` with its box's corners, ``("arrow", tip, tail, note)``) and its
label's text. The viewer's
image coordinates are already DICOM's PIXEL units (PS3.3 C.10.5): x is the column and y the row, pixel (c, r)
covers [c, c+1) × [r, r+1), so (0, 0) is the top-left corner of the top-left pixel and (Columns, Rows) the
bottom-right corner of the last one. No shift is made; points a drag left past the film's edge are put on the edge,
where DICOM wants every PIXEL point to be.

DICOM has no arrow among its Graphic Types (POINT, POLYLINE, INTERPOLATED, CIRCLE, ELLIPSE); the Compound Graphic
``ARROW`` came later, and highdicom 0.28 writes no compound graphics. An arrow is therefore a 2-point POLYLINE from
its tail to its tip (the order says which end is the tip) with its text object anchored at the tail, the text
``Arrow: <note>`` (``Arrow`` alone without a note): every viewer draws the shaft and the note beside it, and the
word tells ``core.gsps_read`` it is an arrow, not a distance, whose labels start with a figure.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]
POLYLINE = "POLYLINE"
ELLIPSE = "ELLIPSE"
ARROW = "arrow"  # the tag of an arrow's mark
ARROW_WORD = "Arrow"  # what an arrow's saved label starts with


@dataclass(frozen=True)
class Annotation:
    """One measurement: its graphics (type, points), its label and the point the label is anchored to."""

    graphics: tuple[tuple[str, tuple[Point, ...]], ...]
    text: str
    anchor: Point


def _ellipse(x0: float, y0: float, x1: float, y1: float) -> tuple[Point, ...]:
    """The major axis's two ends, then the minor axis's (PS3.3 C.10.5 ELLIPSE), of the box's inscribed ellipse."""
    cx, cy, a, b = (x0 + x1) / 2, (y0 + y1) / 2, abs(x1 - x0) / 2, abs(y1 - y0) / 2
    across, down = ((cx - a, cy), (cx + a, cy)), ((cx, cy - b), (cx, cy + b))
    return (*across, *down) if a >= b else (*down, *across)


def arrow_text(note: str) -> str:
    """An arrow's label as saved, copied and said in the status bar: ``Arrow: nodule?``, or ``Arrow``."""
    return f"{ARROW_WORD}: {note}" if note else ARROW_WORD


def arrow_note(text: str) -> str:
    """The reader's note in a saved arrow label (``arrow_text`` undone)."""
    return text[len(ARROW_WORD):].removeprefix(":").strip()


def line_mark(text: str, points: list[Point]) -> tuple:
    """The mark a saved 2-point POLYLINE labelled ``text`` stands for: an arrow (tail, then tip) when the label says
    so, else a distance."""
    (x0, y0), (x1, y1) = points
    return (ARROW, x1, y1, x0, y0, arrow_note(text)) if text.startswith(ARROW_WORD) else (x0, y0, x1, y1)


def annotation(mark: tuple, text: str) -> Annotation:
    """The graphics of one kept measurement, anchored where the viewer puts its label."""
    if mark[0] == "angle":
        _tag, ax, ay, vx, vy, bx, by = mark
        return Annotation(((POLYLINE, ((ax, ay), (vx, vy), (bx, by))),), text, (vx, vy))
    if mark[0] == ARROW:  # drawn from the tail to the tip, the note at the tail
        _tag, tip_x, tip_y, tail_x, tail_y, _note = mark
        return Annotation(((POLYLINE, ((tail_x, tail_y), (tip_x, tip_y))),), text, (tail_x, tail_y))
    if mark[0] == "roi":
        _tag, x0, y0, x1, y1 = mark
        return Annotation(((ELLIPSE, _ellipse(x0, y0, x1, y1)),), text, (max(x0, x1), min(y0, y1)))
    if len(mark) == 2:  # a ratio: each width is its horizontal extent at its first end's row (``core.ctr``)
        lines = tuple((POLYLINE, ((x0, y0), (x1, y0))) for x0, y0, x1, _y1 in mark)
        x0, y0, x1, _y1 = mark[1]
        return Annotation(lines, text, ((x0 + x1) / 2, y0))
    x0, y0, x1, y1 = mark
    return Annotation(((POLYLINE, ((x0, y0), (x1, y1))),), text, (x1, y1))


def on_film(point: Point, columns: int, rows: int) -> Point:
    """``point`` moved onto the film's area, [0, Columns] × [0, Rows]."""
    return min(max(point[0], 0.0), float(columns)), min(max(point[1], 0.0), float(rows))

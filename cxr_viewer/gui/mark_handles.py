"""Where a measurement's handles sit and what dragging one makes of it, worked out on its kept mark (Qt-free).

A radiologist nearly always nudges a caliper end after drawing it, so a selected measurement shows a small square at
each point that defines it and a drag moves that point alone. Working on the mark (``measure_memory.Mark``) rather
than on the drawn items keeps the rule in one place for every kind: the memory, undo and the presentation state all
hold marks, and the drawn measurement is rebuilt from the moved mark by the same path that draws a kept one.

The points are each kind's own: a distance's two ends, a ratio's four (each width's two ends: the first end sets
the row its extent is drawn at), an angle's first arm end, vertex and second arm end, an arrow's tip and tail. An
ROI's are the middles of its box's four sides, which lie on the ellipse itself: dragging one moves that side only
and the opposite side stays, so the reader widens or heightens the ellipse without it sliding away (a corner of the
box lies off the ellipse, in empty film, and moves two sides at once).
"""

from __future__ import annotations

from cxr_viewer.gui.measure_memory import Mark

Point = tuple[float, float]
POINTS = {"distance": 2, "angle": 3, "arrow": 2}  # the marks that are a tag (or none) and then their points


def mark_kind(mark: Mark) -> str:
    """The tool a mark was drawn with: its tag, else a ratio (two widths) or a distance (four coordinates)."""
    if isinstance(mark[0], str):
        return mark[0]
    return "ctr" if len(mark) == 2 else "distance"


def _box(mark: Mark) -> tuple[float, float, float, float]:
    """An ROI's box as left, top, right, bottom, whichever way it was dragged."""
    _tag, x0, y0, x1, y1 = mark
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def handle_points(mark: Mark) -> list[Point]:
    """The points of ``mark`` a reader can drag, in image pixel coordinates."""
    kind = mark_kind(mark)
    if kind == "roi":
        left, top, right, bottom = _box(mark)
        cx, cy = (left + right) / 2, (top + bottom) / 2
        return [(right, cy), (cx, bottom), (left, cy), (cx, top)]
    if kind == "ctr":
        return [point for x0, y0, x1, y1 in mark for point in ((x0, y0), (x1, y1))]
    first = 0 if kind == "distance" else 1
    coordinates = mark[first:first + 2 * POINTS[kind]]
    return list(zip(coordinates[::2], coordinates[1::2]))


def moved(mark: Mark, index: int, point: Point) -> Mark:
    """``mark`` with its handle ``index`` moved to ``point`` (an ROI's side handle moves that side only); the rest,
    an arrow's note included, as it was."""
    kind, (x, y) = mark_kind(mark), point
    if kind == "roi":
        sides = list(_box(mark))  # left, top, right, bottom; the handles are right, bottom, left, top
        side = (2, 3, 0, 1)[index]
        sides[side] = x if side % 2 == 0 else y
        return ("roi", *sides)
    if kind == "ctr":
        width = list(mark[index // 2])
        width[2 * (index % 2):2 * (index % 2) + 2] = [x, y]
        widths = list(mark)
        widths[index // 2] = tuple(width)
        return tuple(widths)
    values = list(mark)
    first = (0 if kind == "distance" else 1) + 2 * index
    values[first:first + 2] = [x, y]
    return tuple(values)

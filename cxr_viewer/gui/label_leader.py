"""When a placed label needs a leader line to what it names, and where the line runs (Qt-free).

The label layout (``label_layout``) moves a label clear of the others, at times far from its outline: with six
ROIs close together one label landed 150 screen pixels away, nearer other ellipses than its own, and labels that
read almost alike let a reader copy a figure against the wrong region. A label farther than ``LEADER_AFTER`` from
the nearest point of what it names gets a thin line from its box's nearest edge to that point. What a label names
is a list of segments in screen pixels: a measurement's lines, an outline's edges, a marker's ring (``ring``).
"""

from __future__ import annotations

import math

from cxr_viewer.gui.label_geometry import Rect, Segment, edges, length_inside

LEADER_AFTER = 12.0  # screen pixels: nearer than this a label reads as beside its item; farther, it might not
RING_STEPS = 24  # a ring's segments: at most 1 % of its radius inside the true circle


def ring(x: float, y: float, radius: float) -> list[Segment]:
    """A circle round (x, y) as segments: a marker's ring, or a point when ``radius`` is 0."""
    if radius <= 0:
        return [(x, y, x, y)]
    points = [(x + radius * math.cos(a), y + radius * math.sin(a))
              for a in (2 * math.pi * i / RING_STEPS for i in range(RING_STEPS + 1))]
    return [(*p, *q) for p, q in zip(points, points[1:])]


def box_outline(box: Rect) -> list[Segment]:
    """A box's edges; a box of no size (a line's end, a marker's position) is its point."""
    left, top, right, bottom = box
    return [(left, top, left, top)] if left == right and top == bottom else edges(box)


def leader(label: Rect, item: list[Segment], after: float = LEADER_AFTER) -> Segment | None:
    """The line from the label's box (``label``) to the nearest point of ``item``, starting on the box's edge
    nearest to it, or None when the label is within ``after`` of the item (beside it, or over it)."""
    best: tuple[float, Segment] | None = None
    for segment in item:
        found = _nearest(label, segment)
        if best is None or found[0] < best[0]:
            best = found
            if found[0] <= after:  # beside its item: the rest cannot make a leader needed
                return None
    return None if best is None else best[1]


def _nearest(rect: Rect, segment: Segment) -> tuple[float, Segment]:
    """The distance from ``rect`` to ``segment`` and the shortest line between them (rectangle end first). Apart,
    the two are nearest at one's corner or end: each end against the rectangle, each corner against the segment."""
    x0, y0, x1, y1 = segment
    if length_inside(rect, segment) > 0 or _contains(rect, x0, y0):
        return 0.0, (x0, y0, x0, y0)
    pairs = [(_clamp(rect, x, y), (x, y)) for x, y in ((x0, y0), (x1, y1))]
    pairs += [((cx, cy), _project(segment, cx, cy)) for cx in (rect[0], rect[2]) for cy in (rect[1], rect[3])]
    (ax, ay), (bx, by) = min(pairs, key=lambda pair: math.dist(*pair))
    return math.hypot(bx - ax, by - ay), (ax, ay, bx, by)


def _contains(rect: Rect, x: float, y: float) -> bool:
    return rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3]


def _clamp(rect: Rect, x: float, y: float) -> tuple[float, float]:
    return min(max(x, rect[0]), rect[2]), min(max(y, rect[1]), rect[3])


def _project(segment: Segment, x: float, y: float) -> tuple[float, float]:
    """The point of ``segment`` nearest to (x, y)."""
    x0, y0, x1, y1 = segment
    dx, dy = x1 - x0, y1 - y0
    length_sq = dx * dx + dy * dy
    t = 0.0 if length_sq == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length_sq))
    return x0 + t * dx, y0 + t * dy

"""Where the text labels of overlays and measurements go on screen (Qt-free).

Labels keep a fixed screen size while the image zooms, so at fit zoom in a small pane several findings' labels
land on each other, on the next finding's outline, or past the edge of the view, and a score becomes unreadable.
Each label is therefore placed, in screen pixels, beside the thing it names (its ``box``: a contour's bounding
box, a marker's ring, a line's end) at the first of a few spots around it that stays inside the view and covers
neither an earlier label, the corner text, any labelled thing nor a measurement line (further out when findings
crowd); when none is free, the same spots moved just past what covers them, and then the least covered spot wins.
A frame round the film is labelled at its top-left, and other labels keep off its edges, not off the film inside.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

Rect = tuple[float, float, float, float]  # left, top, right, bottom in screen pixels
Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 in screen pixels


@dataclass(frozen=True)
class LabelRequest:
    """One label: its text size, the box it names, and the x its text starts from when above or below the box."""

    width: float
    height: float
    box: Rect
    anchor_x: float


def _overlap(a: Rect, b: Rect) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _length_inside(rect: Rect, segment: Segment) -> float:
    """How much of the segment the rectangle covers (clipping the segment's parameter range to each side)."""
    x0, y0, x1, y1 = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for step, start, lower, upper in ((dx, x0, rect[0], rect[2]), (dy, y0, rect[1], rect[3])):
        if step == 0:
            if not lower <= start <= upper:
                return 0.0
            continue
        t0, t1 = sorted(((lower - start) / step, (upper - start) / step))
        low, high = max(low, t0), min(high, t1)
    return max(0.0, high - low) * (dx * dx + dy * dy) ** 0.5


def _inside(rect: Rect, bounds: Rect) -> Rect:
    """``rect`` moved (not resized) into ``bounds``; a label wider than the view keeps its left edge visible."""
    left, top, right, bottom = rect
    dx = min(0.0, bounds[2] - right)
    dx = dx if left + dx >= bounds[0] else bounds[0] - left
    dy = min(0.0, bounds[3] - bottom)
    dy = dy if top + dy >= bounds[1] else bounds[1] - top
    return left + dx, top + dy, right + dx, bottom + dy


def _candidates(request: LabelRequest, gap: float, rings: int = 3) -> list[Rect]:
    """Spots around the box, best first: above (the usual place), above to the left, below, right, left; then the
    same one and two label heights further out, for a crowd of findings close together."""
    w, h = request.width, request.height
    left, top, right, bottom = request.box
    x, middle = request.anchor_x, (top + bottom) / 2
    spots = []
    for ring in range(rings):
        out = ring * (h + gap)
        spots += [(x, top - gap - h - out), (x - w, top - gap - h - out), (x, bottom + gap + out),
                  (x - w, bottom + gap + out), (right + gap, middle - h / 2 - out), (left - gap - w, middle - h / 2 - out),
                  (right + gap, middle - h / 2 + out), (left - gap - w, middle - h / 2 + out)]
    return [(sx, sy, sx + w, sy + h) for sx, sy in dict.fromkeys(spots)]


def place_labels(requests: list[LabelRequest], bounds: Rect, avoid: list[Rect] = (), lines: list[Segment] = (),
                 gap: float = 2.0) -> list[Rect | None]:
    """The screen rectangle of each label, in the order given (earlier labels get the better spots), or None for
    a label whose box is out of the view: kept inside the view, it would name a spot where nothing is drawn.

    A spot is moved inside ``bounds`` first; then it must not cover an earlier label or an ``avoid`` rectangle
    (the corner text and edge letters, drawn over the scene: either would hide the label's start; both counted
    heavily), any request's box (the labelled outlines and marks, its own included) or any of the ``lines``
    (measurements: a line under a label hides where the caliper ends). A covered stretch of line costs as much as
    the label's own band of that length. A box round the thing a label names (a frame round the whole film), and
    the label's own box when it spans most of the view, count by their four edges only: their inside is the film,
    which the label must cover, and counting it had pushed the findings' labels off the film, away from their
    outlines.
    """
    placed: list[Rect | None] = []
    for request in requests:
        if not _meets(request.box, bounds):
            placed.append(None)
            continue
        frame = _is_frame(request.box, bounds)
        frames = [other.box for other in requests if other.box != request.box and _encloses(other.box, request.box)]
        frames += [request.box] if frame else []
        boxes = [other.box for other in requests if other.box not in frames]
        edges = list(lines) + [edge for box in frames for edge in _edges(box)]
        heavy = [other for other in placed if other] + list(avoid)

        def cost(spot: Rect) -> float:
            return (100.0 * sum(_overlap(spot, other) for other in heavy) + sum(_overlap(spot, box) for box in boxes)
                    + request.height * sum(_length_inside(spot, line) for line in edges))

        spots = [_inside(spot, bounds) for spot in (_frame_spots(request, bounds, gap) if frame
                                                     else _candidates(request, gap))]
        if frame:  # the top-left first, if need be just past the corner text: a consistent place to look
            spots = [moved for spot in spots for moved in (spot, *(_inside(m, bounds) for m in _past(spot, heavy, gap)))]
        best = _cheapest(spots, cost)
        if cost(best) > 0:  # no usual spot is free: also try each moved just past what covers it
            best = _cheapest([best] + [_inside(moved, bounds) for spot in spots for moved in _past(spot, heavy, gap)],
                             cost)
        placed.append(best)
    return placed


def _cheapest(spots: list[Rect], cost: Callable[[Rect], float]) -> Rect:
    """The first free spot (the order says which is best), else the least covered."""
    return next((spot for spot in spots if cost(spot) == 0), None) or min(spots, key=cost)


def _is_frame(box: Rect, bounds: Rect) -> bool:
    """Whether ``box`` spans three quarters of the view across or down: a frame round the film (which at fit fills
    the view one way), not a finding beside which a label goes."""
    width = min(box[2], bounds[2]) - max(box[0], bounds[0])
    height = min(box[3], bounds[3]) - max(box[1], bounds[1])
    return width >= 0.75 * (bounds[2] - bounds[0]) or height >= 0.75 * (bounds[3] - bounds[1])


def _encloses(outer: Rect, inner: Rect) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def _edges(box: Rect) -> list[Segment]:
    left, top, right, bottom = box
    return [(left, top, right, top), (right, top, right, bottom), (left, bottom, right, bottom), (left, top, left, bottom)]


def _frame_spots(request: LabelRequest, bounds: Rect, gap: float) -> list[Rect]:
    """A frame's label goes at its top-left, where the eye starts: above the frame when there is room (off the
    film), else just inside the frame's visible part, top-left or bottom-left. Never beside its middle, where it
    lay on a lung."""
    w, h = request.width, request.height
    left, top = max(request.box[0], bounds[0]), max(request.box[1], bounds[1])
    bottom = min(request.box[3], bounds[3])
    spots = [(request.box[0], request.box[1] - gap - h), (left + gap, top + gap), (left + gap, bottom - gap - h)]
    return [(x, y, x + w, y + h) for x, y in spots]


def _past(spot: Rect, obstacles: list[Rect], gap: float) -> list[Rect]:
    """``spot`` moved just past each obstacle it covers, right, left, down or up: beside the corner text rather
    than under it."""
    w, h = spot[2] - spot[0], spot[3] - spot[1]
    moved = []
    for o in obstacles:
        if _overlap(spot, o) > 0:
            moved += [(o[2] + gap, spot[1]), (o[0] - gap - w, spot[1]), (spot[0], o[3] + gap), (spot[0], o[1] - gap - h)]
    return [(x, y, x + w, y + h) for x, y in moved]


def _meets(box: Rect, bounds: Rect) -> bool:
    """Whether any of ``box`` is in ``bounds``; unlike an overlap area, also true for a zero-size box (a line's
    end)."""
    return box[0] <= bounds[2] and box[2] >= bounds[0] and box[1] <= bounds[3] and box[3] >= bounds[1]

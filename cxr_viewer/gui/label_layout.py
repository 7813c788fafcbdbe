"""Where the text labels of overlays and measurements go on screen (Qt-free).

Labels keep a fixed screen size while the image zooms, so at fit zoom in a small pane several findings' labels
land on each other, on the next finding's outline, or past the edge of the view, and a score becomes unreadable.
Each label is therefore placed, in screen pixels, beside the thing it names (its ``box``: a contour's bounding
box, a marker's ring, a line's end) at the first of a few spots around it that stays inside the view and covers
neither an earlier label nor any labelled thing nor a measurement line (further out when findings crowd); when
none is free, the least covered spot wins.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    A spot is moved inside ``bounds`` first; then it must not cover an earlier label (counted heavily), any
    request's box (the labelled outlines and marks, its own included), an ``avoid`` rectangle (corner text) or
    any of the ``lines`` (measurements: a line under a label hides where the caliper ends). A covered stretch of
    line costs as much as the label's own band of that length.
    """
    boxes = [request.box for request in requests] + list(avoid)
    placed: list[Rect | None] = []
    for request in requests:
        if not _meets(request.box, bounds):
            placed.append(None)
            continue
        best, best_cost = None, None
        for spot in _candidates(request, gap):
            spot = _inside(spot, bounds)
            cost = (100.0 * sum(_overlap(spot, other) for other in placed if other)
                    + sum(_overlap(spot, box) for box in boxes) + request.height * sum(_length_inside(spot, line) for line in lines))
            if best_cost is None or cost < best_cost:
                best, best_cost = spot, cost
            if cost == 0:
                break
        placed.append(best)
    return placed


def _meets(box: Rect, bounds: Rect) -> bool:
    """Whether any of ``box`` is in ``bounds``; unlike an overlap area, also true for a zero-size box (a line's
    end)."""
    return box[0] <= bounds[2] and box[2] >= bounds[0] and box[1] <= bounds[3] and box[3] >= bounds[1]

"""The screen-rectangle geometry that label placement (``label_layout``) weighs its spots by (Qt-free).

Kept apart from the placement rules so those read as rules: how much two rectangles or a rectangle and a line
overlap, a rectangle moved into the view, and the boxes and edges a frame round the film is counted by.
"""

from __future__ import annotations

import numpy as np

Rect = tuple[float, float, float, float]  # left, top, right, bottom in screen pixels
Segment = tuple[float, float, float, float]  # x0, y0, x1, y1 in screen pixels


def overlap(a: Rect, b: Rect) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def length_inside(rect: Rect, segment: Segment) -> float:
    """How much of the segment the rectangle covers (clipping the segment's parameter range to each side). A
    segment wholly to one side is answered first: the layout asks this of every line for every spot it tries."""
    x0, y0, x1, y1 = segment
    if (x0 < rect[0] and x1 < rect[0]) or (x0 > rect[2] and x1 > rect[2]) or (y0 < rect[1] and y1 < rect[1]) \
            or (y0 > rect[3] and y1 > rect[3]):
        return 0.0
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


class Lines:
    """Segments that label spots are weighed against, with their extents kept in arrays: twenty ROIs' outlines are
    960 segments, and a re-layout asked ``length_inside`` of each for every spot tried (a million calls, 0.2 s). The
    arrays pass on only the segments whose extent meets the spot, so a spot away from the crowd costs one test."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = list(segments)
        ends = np.array(self.segments, dtype=float).reshape(-1, 4)
        self._low = np.minimum(ends[:, :2], ends[:, 2:])
        self._high = np.maximum(ends[:, :2], ends[:, 2:])

    def covered(self, rect: Rect) -> float:
        """How much of all the segments ``rect`` covers: the same sum, in the same order, as asking each."""
        if not self.segments:
            return 0.0
        near = ((self._high[:, 0] >= rect[0]) & (self._low[:, 0] <= rect[2]) & (self._high[:, 1] >= rect[1])
                & (self._low[:, 1] <= rect[3]))
        return sum(length_inside(rect, self.segments[i]) for i in np.flatnonzero(near))


def inside(rect: Rect, bounds: Rect) -> Rect:
    """``rect`` moved (not resized) into ``bounds``; a label wider than the view keeps its left edge visible."""
    left, top, right, bottom = rect
    dx = min(0.0, bounds[2] - right)
    dx = dx if left + dx >= bounds[0] else bounds[0] - left
    dy = min(0.0, bounds[3] - bottom)
    dy = dy if top + dy >= bounds[1] else bounds[1] - top
    return left + dx, top + dy, right + dx, bottom + dy


def inside_all(rects: np.ndarray, bounds: Rect) -> np.ndarray:
    """``inside`` for each row of ``rects`` (N×4) at once: the spots a crowded label tries number hundreds."""
    left, top, right, bottom = rects.T
    dx = np.minimum(0.0, bounds[2] - right)
    dx = np.where(left + dx >= bounds[0], dx, bounds[0] - left)
    dy = np.minimum(0.0, bounds[3] - bottom)
    dy = np.where(top + dy >= bounds[1], dy, bounds[1] - top)
    return np.column_stack([left + dx, top + dy, right + dx, bottom + dy])


def covering(rects: np.ndarray, others: list[Rect]) -> np.ndarray:
    """N×M: whether each of ``rects`` overlaps each of ``others`` by some area (``overlap`` above 0)."""
    if not others:
        return np.zeros((len(rects), 0), dtype=bool)
    o = np.asarray(others, dtype=float)
    width = np.minimum(rects[:, None, 2], o[None, :, 2]) - np.maximum(rects[:, None, 0], o[None, :, 0])
    height = np.minimum(rects[:, None, 3], o[None, :, 3]) - np.maximum(rects[:, None, 1], o[None, :, 1])
    return (width > 0) & (height > 0)


def meets(box: Rect, bounds: Rect) -> bool:
    """Whether any of ``box`` is in ``bounds``; unlike an overlap area, also true for a zero-size box (a line's
    end)."""
    return box[0] <= bounds[2] and box[2] >= bounds[0] and box[1] <= bounds[3] and box[3] >= bounds[1]


def encloses(outer: Rect, inner: Rect) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and outer[2] >= inner[2] and outer[3] >= inner[3]


def edges(box: Rect) -> list[Segment]:
    left, top, right, bottom = box
    return [(left, top, right, top), (right, top, right, bottom), (left, bottom, right, bottom), (left, top, left, bottom)]


def past(spot: Rect, obstacles: list[Rect], gap: float) -> list[Rect]:
    """``spot`` moved just past each obstacle it covers, right, left, down or up: beside the corner text rather
    than under it."""
    w, h = spot[2] - spot[0], spot[3] - spot[1]
    moved = []
    for o in obstacles:
        if overlap(spot, o) > 0:
            moved += [(o[2] + gap, spot[1]), (o[0] - gap - w, spot[1]), (spot[0], o[3] + gap), (spot[0], o[1] - gap - h)]
    return [(x, y, x + w, y + h) for x, y in moved]

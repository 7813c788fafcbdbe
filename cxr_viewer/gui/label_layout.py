"""Where the text labels of overlays and measurements go on screen (Qt-free).

Labels keep a fixed screen size while the image zooms, so at fit zoom in a small pane several findings' labels
land on each other, on the next finding's outline, or past the edge of the view, and a score becomes unreadable.
Each label is therefore placed, in screen pixels, beside the thing it names (its ``box``: a contour's bounding
box, a marker's ring, a line's end) at the first of a few spots around it that stays inside the view and covers
neither an earlier label, the corner text, any labelled thing nor a measurement line (further out when findings
crowd); when none is free, the same spots moved just past what covers them; then, for a crowd of twenty, the same
spots farther out ring by ring (the least covered near spot had laid labels half over one another while the pane
had room), and only where nothing is free anywhere the least covered spot wins.
A frame round the film is labelled at its top-left (``label_frames``), and other labels keep off its edges, not off
the film inside; the rectangle arithmetic is in ``label_geometry``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Callable

import numpy as np

from cxr_viewer.gui.label_frames import frame_spots, is_frame
from cxr_viewer.gui.label_geometry import (Lines, Rect, Segment, covering, edges, encloses, inside, inside_all,
                                          length_inside, meets, overlap)


@dataclass(frozen=True)
class LabelRequest:
    """One label: its text size, the box it names, and the x its text starts from when above or below the box."""

    width: float
    height: float
    box: Rect
    anchor_x: float


def _candidates(request: LabelRequest, gap: float, rings: range = range(3)) -> list[Rect]:
    """Spots around the box, best first: above (the usual place), above to the left, below, right, left; then the
    same one and two label heights further out, for a crowd of findings close together (``rings`` says which)."""
    w, h = request.width, request.height
    left, top, right, bottom = request.box
    x, middle = request.anchor_x, (top + bottom) / 2
    spots = []
    for ring in rings:
        out = ring * (h + gap)
        spots += [(x, top - gap - h - out), (x - w, top - gap - h - out), (x, bottom + gap + out),
                  (x - w, bottom + gap + out), (right + gap, middle - h / 2 - out), (left - gap - w, middle - h / 2 - out),
                  (right + gap, middle - h / 2 + out), (left - gap - w, middle - h / 2 + out)]
    return [(sx, sy, sx + w, sy + h) for sx, sy in dict.fromkeys(spots)]


def _farther(request: LabelRequest, gap: float, bounds: Rect, heavy: list[Rect], boxes: list[Rect]) -> list[Rect]:
    """The same spots ring by ring beyond the usual three, out to the far side of the view, each followed by itself
    moved just past each label or corner text it covers (which packs a crowd's labels row on row): where twenty
    labels crowd, the nearest of them still free beats one over another label, and a leader joins it back. Only
    those clear of ``heavy`` and ``boxes`` are returned, in that order; they are weighed in arrays, hundreds a label."""
    reach = max(bounds[2] - bounds[0], bounds[3] - bounds[1])
    spots = inside_all(np.array(_candidates(request, gap, range(3, 4 + int(reach / (request.height + gap))))), bounds)
    spots = spots[np.sort(np.unique(spots, axis=0, return_index=True)[1])]  # far rings meet at the view's edge
    w, h = request.width, request.height
    cover = covering(spots, heavy)  # spot × obstacle
    x, y = (np.broadcast_to(spots[:, i, None], cover.shape) for i in (0, 1))
    o_left, o_top, o_right, o_bottom = (np.broadcast_to(o, cover.shape) for o in np.array(heavy).reshape(-1, 4).T)
    moves = [(o_right + gap, y), (o_left - gap - w, y), (x, o_bottom + gap), (x, o_top - gap - h)]  # as ``_past``
    corners = np.stack([np.stack(move, axis=-1) for move in moves], axis=2).reshape(len(spots), -1, 2)
    tried = np.concatenate([spots[:, None, :], np.concatenate([corners, corners + (w, h)], axis=-1)], axis=1)
    tried = tried[np.column_stack([np.ones(len(spots), dtype=bool), np.repeat(cover, 4, axis=1)])]
    tried = inside_all(tried, bounds)
    clear = ~covering(tried, heavy).any(axis=1) & ~covering(tried, boxes).any(axis=1)
    return [tuple(map(float, spot)) for spot in tried[clear]]


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
    measured = Lines(list(lines))
    for request in requests:
        if not meets(request.box, bounds):
            placed.append(None)
            continue
        frame = is_frame(request.box, bounds)
        frames = [other.box for other in requests if other.box != request.box and encloses(other.box, request.box)]
        frames += [request.box] if frame else []
        boxes = [other.box for other in requests if other.box not in frames]
        frame_edges = [edge for box in frames for edge in edges(box)]
        heavy = [other for other in placed if other] + list(avoid)

        @cache  # a spot is weighed once, though the first free one and then the least covered are looked for
        def cost(spot: Rect) -> float:
            return (100.0 * sum(overlap(spot, other) for other in heavy) + sum(overlap(spot, box) for box in boxes)
                    + request.height * sum((length_inside(spot, edge) for edge in frame_edges), measured.covered(spot)))

        def free(spot: Rect) -> bool:  # cost(spot) == 0, the likeliest cover asked first
            return not (any(overlap(spot, other) for other in heavy) or any(overlap(spot, box) for box in boxes)
                        or measured.covered(spot) or any(length_inside(spot, edge) for edge in frame_edges))

        spots = [inside(spot, bounds) for spot in (frame_spots(request.width, request.height, request.box, bounds, gap)
                                                   if frame else _candidates(request, gap))]
        if frame:  # the top-left first, if need be just past the corner text: a consistent place to look
            spots = [moved for spot in spots for moved in (spot, *(inside(m, bounds) for m in _past(spot, heavy, gap)))]
        best = _cheapest(spots, cost)
        if cost(best) > 0:  # no usual spot is free: also try each moved just past what covers it
            best = _cheapest([best] + [inside(moved, bounds) for spot in spots for moved in _past(spot, heavy, gap)],
                             cost)
        if cost(best) > 0 and not frame:  # still covered: the nearest free spot farther out (or just past a label
            # there, which packs a crowd's labels row on row), if any
            best = next((spot for spot in _farther(request, gap, bounds, heavy, boxes) if free(spot)), best)
        placed.append(best)
    return placed


def _cheapest(spots: list[Rect], cost: Callable[[Rect], float]) -> Rect:
    """The first free spot (the order says which is best), else the least covered."""
    return next((spot for spot in spots if cost(spot) == 0), None) or min(spots, key=cost)


def _past(spot: Rect, obstacles: list[Rect], gap: float) -> list[Rect]:
    """``spot`` moved just past each obstacle it covers, right, left, down or up: beside the corner text rather
    than under it."""
    w, h = spot[2] - spot[0], spot[3] - spot[1]
    moved = []
    for o in obstacles:
        if overlap(spot, o) > 0:
            moved += [(o[2] + gap, spot[1]), (o[0] - gap - w, spot[1]), (spot[0], o[3] + gap), (spot[0], o[1] - gap - h)]
    return [(x, y, x + w, y + h) for x, y in moved]

"""Where the text labels of overlays and measurements go on screen (Qt-free).

Labels keep a fixed screen size while the image zooms, so at fit zoom in a small pane several findings' labels
land on each other, on the next finding's outline, or past the edge of the view, and a score becomes unreadable.
Each label is therefore placed, in screen pixels, beside the thing it names (its ``box``: a contour's bounding
box, a marker's ring, a line's end) at the first of a few spots around it that stays inside the view and covers
neither an earlier label, the corner text, any labelled thing nor a measurement line (further out when findings
crowd); when none is free, the same spots moved just past what covers them; then, for a crowd of twenty, the same
spots farther out ring by ring; where nothing is free anywhere, the least covered spot on no other text, and where
every spot is on another's text, none: the label is left out (the pane counts those), never laid over another.
A frame round the film is labelled at its top-left (``label_frames``); the rectangle arithmetic is in
``label_geometry``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Callable

import numpy as np

from cxr_viewer.gui.label_frames import frame_spot, is_frame
from cxr_viewer.gui.label_geometry import (Lines, Rect, Segment, covering, edges, encloses, inside, inside_all, past,
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


def _farther(request: LabelRequest, gap: float, bounds: Rect, heavy: list[Rect],
             boxes: list[Rect]) -> tuple[list[Rect], list[bool]]:
    """The same spots ring by ring beyond the usual three, out to the far side of the view, each followed by itself
    moved just past each label or corner text it covers (which packs a crowd's labels row on row): where twenty
    labels crowd, the nearest of them still free beats one over another label, and a leader joins it back. Only
    those clear of ``heavy`` are returned, in that order, each with whether it is clear of ``boxes`` too; they are
    weighed in arrays, hundreds a label."""
    reach = max(bounds[2] - bounds[0], bounds[3] - bounds[1])
    spots = inside_all(np.array(_candidates(request, gap, range(3, 4 + int(reach / (request.height + gap))))), bounds)
    spots = spots[np.sort(np.unique(spots, axis=0, return_index=True)[1])]  # far rings meet at the view's edge
    w, h = request.width, request.height
    cover = covering(spots, heavy)  # spot × obstacle
    x, y = (np.broadcast_to(spots[:, i, None], cover.shape) for i in (0, 1))
    o_left, o_top, o_right, o_bottom = (np.broadcast_to(o, cover.shape) for o in np.array(heavy).reshape(-1, 4).T)
    moves = [(o_right + gap, y), (o_left - gap - w, y), (x, o_bottom + gap), (x, o_top - gap - h)]  # as ``past``
    corners = np.stack([np.stack(move, axis=-1) for move in moves], axis=2).reshape(len(spots), -1, 2)
    tried = np.concatenate([spots[:, None, :], np.concatenate([corners, corners + (w, h)], axis=-1)], axis=1)
    tried = tried[np.column_stack([np.ones(len(spots), dtype=bool), np.repeat(cover, 4, axis=1)])]
    tried = inside_all(tried, bounds)
    tried = tried[~covering(tried, heavy).any(axis=1)]
    return [tuple(map(float, spot)) for spot in tried], (~covering(tried, boxes).any(axis=1)).tolist()


def place_labels(requests: list[LabelRequest], bounds: Rect, avoid: list[Rect] = (), lines: list[Segment] = (),
                 gap: float = 2.0) -> list[Rect | None]:
    """The screen rectangle of each label, in the order given (earlier labels get the better spots), or None for
    a label whose box is out of the view (kept inside the view, it would name a spot where nothing is drawn) or
    that has no spot off the other labels and the corner text (``_spot``).

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

        placed.append(frame_spot(request.width, request.height, request.box, bounds, gap, heavy, cost) if frame
                      else _spot(request, gap, bounds, heavy, boxes, free, cost))
    return placed


def _spot(request: LabelRequest, gap: float, bounds: Rect, heavy: list[Rect], boxes: list[Rect],
          free: Callable[[Rect], bool], cost: Callable[[Rect], float]) -> Rect | None:
    """The first free usual spot; else the first free one moved just past what covers it; else the nearest free one
    farther out (or just past a label there, which packs a crowd's labels row on row); else the least covered of
    those that lie on no label or corner text. None when every spot does: the label is left out rather than laid
    over another's text, where neither could be read (the pane says how many are left out)."""
    spots = [inside(spot, bounds) for spot in _candidates(request, gap)]
    best = _first_free(spots, heavy, boxes, free)
    if best is not None:
        return best
    moved = [inside(m, bounds) for spot in spots for m in past(spot, heavy, gap)]
    best = _first_free(moved, heavy, boxes, free)
    if best is not None:
        return best
    far, off_boxes = _farther(request, gap, bounds, heavy, boxes)
    best = next((spot for spot, off in zip(far, off_boxes) if off and free(spot)), None)
    if best is not None:
        return best
    spots += moved
    off_text = ~covering(np.array(spots), heavy).any(axis=1)
    near = [spot for spot, clear in zip(spots, off_text) if clear]
    return min(near or far, key=cost, default=None)


def _first_free(spots: list[Rect], heavy: list[Rect], boxes: list[Rect], free: Callable[[Rect], bool]) -> Rect | None:
    """The first of ``spots`` that is ``free``, those on a label, the corner text or a box ruled out in arrays first:
    in a crowd hundreds are tried a label, nearly all of them covered."""
    if not spots:
        return None
    array = np.array(spots)
    clear = ~covering(array, heavy).any(axis=1) & ~covering(array, boxes).any(axis=1)
    return next((spot for spot, ok in zip(spots, clear) if ok and free(spot)), None)


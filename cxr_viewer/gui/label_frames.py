"""The label of a frame round the whole film, which follows its own rules (Qt-free).

A box that spans most of the view is a frame round the film (a whole-film finding, a comparison outline), not a
finding beside which a label goes: placed by the usual spots, its label lay beside the frame's middle, on a lung.
It is labelled at its top-left instead, a consistent place to look, and ``label_layout`` counts such a box by its
edges only, since its inside is the film the other labels must cover.
"""

from __future__ import annotations

from collections.abc import Callable

from cxr_viewer.gui.label_geometry import Rect, inside, past


def is_frame(box: Rect, bounds: Rect) -> bool:
    """Whether ``box`` spans three quarters of the view across or down: a frame round the film (which at fit fills
    the view one way), not a finding beside which a label goes."""
    width = min(box[2], bounds[2]) - max(box[0], bounds[0])
    height = min(box[3], bounds[3]) - max(box[1], bounds[1])
    return width >= 0.75 * (bounds[2] - bounds[0]) or height >= 0.75 * (bounds[3] - bounds[1])


def frame_spots(width: float, height: float, box: Rect, bounds: Rect, gap: float) -> list[Rect]:
    """A frame's label (``width`` by ``height``) goes at its top-left, where the eye starts: above the frame when
    there is room (off the film), else just inside the frame's visible part, top-left or bottom-left. Never beside
    its middle, where it lay on a lung."""
    w, h = width, height
    left, top = max(box[0], bounds[0]), max(box[1], bounds[1])
    bottom = min(box[3], bounds[3])
    spots = [(box[0], box[1] - gap - h), (left + gap, top + gap), (left + gap, bottom - gap - h)]
    return [(x, y, x + w, y + h) for x, y in spots]


def frame_spot(width: float, height: float, box: Rect, bounds: Rect, gap: float, heavy: list[Rect],
               cost: Callable[[Rect], float]) -> Rect:
    """Where the label goes: the first free of ``frame_spots``, each also just past the corner text or a label over
    it, else the least covered (``cost``); never left out, since the frame is the film."""
    spots = [inside(spot, bounds) for spot in frame_spots(width, height, box, bounds, gap)]
    spots = [moved for spot in spots for moved in (spot, *(inside(m, bounds) for m in past(spot, heavy, gap)))]
    best = _cheapest(spots, cost)
    if cost(best) > 0:  # no usual spot is free: also try each moved just past what covers it
        best = _cheapest([best] + [inside(m, bounds) for spot in spots for m in past(spot, heavy, gap)], cost)
    return best


def _cheapest(spots: list[Rect], cost: Callable[[Rect], float]) -> Rect:
    """The first free spot (the order says which is best), else the least covered."""
    return next((spot for spot in spots if cost(spot) == 0), None) or min(spots, key=cost)

"""How far a pane may zoom out and in (Qt-free).

Without limits ten wheel notches out left the film a speck and fifty-five in a black pane that only F undid. The
widest view shows the film at a quarter of its fitted size (still recognisable, with room to drag it aside); the
closest shows one image pixel as 32 screen pixels, enough to inspect single pixels. Both ends are widened where
needed so that fit (F) and 1:1 (0) always lie inside: a 64×64 film fits at about 9× in a large pane, a quarter of
which would be above 1:1, and a tiny film may fit above 32×.

A zoom is screen pixels per image pixel (``FilmView.zoom``). The wheel asks for a change of the shown range by a
factor (above 1: out); the limits become a range of allowed factors per pane, so that linked panes (1×2 with linked
zoom/pan), which change by the same factor, stop together where the first of them reaches its limit. A pane already
outside its limits (its window was resized) may zoom back towards them but never further away.
"""

from __future__ import annotations

import math
from typing import Iterable

ZOOM_OUT_OF_FIT = 0.25  # the widest view: the film at a quarter of its fitted size
MAX_ZOOM = 32.0  # the closest view: screen pixels per image pixel
_SNAP = 1e-6  # a factor this close to 1 is rounding at a limit, not a zoom


def zoom_range(fit_zoom: float, one_to_one: float = 1.0) -> tuple[float, float]:
    """The lowest and highest zoom of a pane whose film fits at ``fit_zoom``; fit and 1:1 (``one_to_one``: one image
    pixel per device pixel, 1 / the display's scaling) always lie inside."""
    return min(fit_zoom * ZOOM_OUT_OF_FIT, one_to_one), max(MAX_ZOOM, fit_zoom)


def factor_bounds(zoom: float, lowest: float, highest: float) -> tuple[float, float]:
    """The factors by which a pane at ``zoom`` may scale its shown range (new zoom = zoom / factor): none that leads
    past a limit, unless the pane is already past it, and then none that goes further."""
    return min(1.0, zoom / highest), max(1.0, zoom / lowest)


def clamp_factor(factor: float, bounds: Iterable[tuple[float, float]]) -> float:
    """``factor`` cut to what every pane allows; exactly 1.0 (nothing to do) at a limit."""
    low, high = 0.0, math.inf
    for pane_low, pane_high in bounds:
        low, high = max(low, pane_low), min(high, pane_high)
    clamped = min(max(factor, low), high)
    return 1.0 if abs(clamped - 1.0) < _SNAP else clamped

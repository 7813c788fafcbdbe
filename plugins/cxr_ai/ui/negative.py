"""A film on which no candidate reaches the operating point's threshold: shown and said as a negative result.

Before, such a film got the same screen as a positive one with the count at zero: the heat map's 0–1 colour bar
beside the film (a legend that reads as "here is a map of findings", while nothing or only a faint tint was drawn)
and "0 finding(s) at 'sens'" in the status bar and the dock, which reads like a count not yet filled in rather than
a negative read. A radiologist expects a negative said as one, with what made it negative: "no findings at 'sens'
(no score ≥ 0.30)". The heat map stays a layer the Layers dock lists and
the user can fade or hide, but without the colour bar: candidates below the threshold may still tint the film
faintly (as they do around a positive film's findings), and the line beside it says that none reaches the
threshold. Qt-free: plain layer data and text.
"""

from __future__ import annotations

import dataclasses

from cxr_ai.layers import HEATMAP_ID
from cxr_viewer.plugin_api import HeatmapLayer, Layer


def negative_layers(layers: list[Layer]) -> list[Layer]:
    """``layers`` of a result without findings: the heat map without its colour bar."""
    return [dataclasses.replace(layer, show_colorbar=False) if isinstance(layer, HeatmapLayer) and layer.id == HEATMAP_ID
            else layer for layer in layers]


def no_findings(operating_point: str, threshold: float | None) -> str:
    """"no findings at 'sens' (no score ≥ 0.30)": the negative, at which operating point, and the threshold."""
    below = f" (no score ≥ {threshold:.2f})" if threshold is not None else ""
    return f"no findings at '{operating_point}'{below}"

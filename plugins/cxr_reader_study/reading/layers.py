"""What the reading screen overlays, as plugin-API layers (plain data, no Qt).

The reader's marks are one marker layer (unrated marks amber, rated green, the selected one larger, each
labelled "number: rating"); the AI findings are circles of their diameter labelled with the score.
"""

from __future__ import annotations

import numpy as np

from cxr_viewer.plugin_api import Contour, ContourLayer, HeatmapLayer, Marker, MarkerLayer

from cxr_reader_study.reading.finding_entries import Finding
from cxr_reader_study.storage.records import MarkRecord

PLUGIN_ID = "reader_study"  # also the prefix of every layer and action id, which the host's exclusive mode checks
MARKS_LAYER_ID = f"{PLUGIN_ID}.marks"
AI_LAYER_ID = f"{PLUGIN_ID}.ai"
PAUSE_LAYER_ID = f"{PLUGIN_ID}.paused"


def pause_cover() -> HeatmapLayer:
    """An opaque black sheet over the whole image: a paused reader cannot go on studying the case off the clock."""
    return HeatmapLayer(id=PAUSE_LAYER_ID, name="Paused", data=np.zeros((1, 1), np.float32),
                        colormap="inferno", show_colorbar=False)  # inferno(0) is black


def marks_layer(marks: list[MarkRecord], selected: int | None) -> MarkerLayer:
    markers = []
    for index, mark in enumerate(marks):
        rated = mark.rating == mark.rating  # NaN until the reader rates it
        label = f"{index + 1}: {mark.rating:g}" if rated else f"{index + 1}: ?"
        markers.append(Marker(mark.x, mark.y, label, "#33ff66" if rated else "#ffb000",
                              20.0 if index == selected else 14.0))
    return MarkerLayer(id=MARKS_LAYER_ID, name="My marks", markers=markers)


def _circle(x: float, y: float, radius: float, points: int = 48) -> np.ndarray:
    angles = np.linspace(0, 2 * np.pi, points, endpoint=False)
    return np.column_stack((x + radius * np.cos(angles), y + radius * np.sin(angles)))


def ai_layer(findings: list[Finding]) -> ContourLayer:
    contours = [
        Contour(_circle(f.x, f.y, max(f.diameter_px / 2, 4.0)), label=f"AI {f.score:.2f}", color="#ff3366")
        for f in findings
    ]
    return ContourLayer(id=AI_LAYER_ID, name="AI findings", group="ai", contours=contours)


def nearest_mark(marks: list[MarkRecord], x: float, y: float, within: float) -> int | None:
    """The mark a click at (x, y) lands on, so clicking an existing mark selects it instead of adding one."""
    distances = [np.hypot(m.x - x, m.y - y) for m in marks]
    if not distances or min(distances) > within:
        return None
    return int(np.argmin(distances))

"""Overlay layers for a detection result (Qt-free plain data from the plugin API; the viewer draws them)."""

from __future__ import annotations

import numpy as np

from cxr_ai.engine.result import ImageResult
from cxr_viewer.plugin_api import Contour, ContourLayer, HeatmapLayer, Layer

GROUP = "ai"
HEATMAP_ID = "cxr_ai.heatmap"
CONTOURS_ID = "cxr_ai.contours"


def result_layers(result: ImageResult, heatmap: np.ndarray, floor: float) -> list[Layer]:
    """Heat map (stretched over the image by the viewer) and one labelled contour per finding, both in group 'ai'."""
    contours = [
        Contour(points=np.asarray(finding.contour, np.float64), label=f"{finding.id}: {finding.score:.2f}")
        for finding in result.findings
    ]
    return [
        HeatmapLayer(id=HEATMAP_ID, name="AI nodule probability", group=GROUP, opacity=0.5, data=heatmap,
                     colormap="inferno", vmin=0.0, vmax=1.0, transparent_below=floor),
        ContourLayer(id=CONTOURS_ID, name=f"AI nodules ({result.operating_point})", group=GROUP, contours=contours),
    ]

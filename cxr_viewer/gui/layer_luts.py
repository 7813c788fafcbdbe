"""The colour tables that picture layers are drawn through: a heat map's colour map with its opacity ramp, a mask's
single colour.

Apart from building the items (``overlays``) because others read them too: a heat map that follows the film's
window gets its table again (``overlay_manager``), and the colour bar (``colour_bar``) draws the same colour map.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtGui

from cxr_viewer.plugin_api.layers import HeatmapLayer


def colormap(name: str) -> pg.ColorMap:
    """pyqtgraph's bundled maps (viridis, inferno, turbo …), else matplotlib's by the same name (jet, hot …)."""
    try:
        return pg.colormap.get(name)
    except (FileNotFoundError, KeyError, ValueError):
        return pg.colormap.get(name, source="matplotlib")


def heatmap_lut(layer: HeatmapLayer, size: int = 256) -> np.ndarray:
    """RGBA lookup table of the colour map, fully transparent below ``transparent_below``; with ``opaque_from``
    the opacity then rises linearly to full at that value."""
    lut = colormap(layer.colormap).getLookupTable(0.0, 1.0, size, alpha=True)
    cut = 0.0
    if layer.transparent_below is not None and layer.vmax > layer.vmin:
        cut = float(np.clip((layer.transparent_below - layer.vmin) / (layer.vmax - layer.vmin), 0, 1))
        lut[: int(cut * size), 3] = 0
    if layer.opaque_from is not None and layer.vmax > layer.vmin:
        full = (layer.opaque_from - layer.vmin) / (layer.vmax - layer.vmin)
        ramp = np.clip((np.linspace(0.0, 1.0, size) - cut) / max(full - cut, 1e-6), 0.0, 1.0)
        lut[:, 3] = np.rint(lut[:, 3] * ramp).astype(lut.dtype)
    return lut


def mask_lut(color: str) -> np.ndarray:
    """Two RGBA entries: 0 transparent, 1 the colour at full opacity (the layer's opacity then scales it)."""
    rgba = QtGui.QColor(color)
    return np.array([[0, 0, 0, 0], [rgba.red(), rgba.green(), rgba.blue(), 255]], dtype=np.uint8)

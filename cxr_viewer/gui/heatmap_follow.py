"""A grey picture that follows the film's window (``HeatmapLayer.follows_window``), recoloured when the window moves.

A derived picture (the bone-suppressed film) is read against the film itself, so the reader's window/level and
invert act on it as on the film, in proportion to its own value range (``window_level.follow_window``). Apart from
the layer list (``overlay_manager``), which only says when, because this reaches into a layer's built items.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from cxr_viewer.gui.layer_luts import heatmap_lut
from cxr_viewer.gui.overlays import LayerGroupItem
from cxr_viewer.gui.window_level import WindowState, follow_window
from cxr_viewer.plugin_api.layers import HeatmapLayer

FilmWindow = tuple[WindowState, WindowState, bool]  # the film's window when it opened, now, and its default invert


def follow_film_window(group: LayerGroupItem, layer: HeatmapLayer, film_window: FilmWindow) -> None:
    """Give the layer's picture (the one image item in ``group``) the colour table and levels of the film's window."""
    window = follow_window((layer.vmin, layer.vmax), *film_window)
    (item,) = [child for child in group.childItems() if isinstance(child, pg.ImageItem)]
    lut = heatmap_lut(layer)
    if window.reversed:  # the colours run the other way; the opacity ramp keeps following the values
        lut = np.concatenate([lut[::-1, :3], lut[:, 3:]], axis=1)
    item.setLookupTable(lut)
    item.setLevels((window.low, window.high))

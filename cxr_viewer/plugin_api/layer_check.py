"""The shape of a layer's data, checked before the viewer draws it, so a plugin's mistake is named where it was made.

Without it a 1-D heat map failed deep inside pyqtgraph as ``IndexError: tuple index out of range`` and left a layer
that was listed but not drawn (one that also follows the window then raised on every window change), an RGB-shaped
heat map or mask was drawn as colour noise, and a NaN marker or opacity was silently not drawn or broke the layer
list. Qt-free (colours and colour-map names, which need the drawing side, are checked where the layer is drawn).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from cxr_viewer.plugin_api.layers import (
    BoxLayer, Contour, ContourLayer, HeatmapLayer, Layer, Marker, MarkerLayer, MaskLayer,
)


DRAWN: tuple[type[Layer], ...] = (HeatmapLayer, MaskLayer, MarkerLayer, ContourLayer, BoxLayer)  # a bare Layer: nothing


def check_is_layer(layer: Any) -> None:
    """Raise TypeError naming the layer types for what is not one (a dict or None had failed on its missing ``.id``)."""
    if not isinstance(layer, DRAWN):
        raise TypeError(f"add_layer takes a {', '.join(kind.__name__ for kind in DRAWN[:-1])} or {DRAWN[-1].__name__} "
                        f"from cxr_viewer.plugin_api, not {type(layer).__name__}")


def check_layer(layer: Any) -> None:
    """Raise ValueError (TypeError for what is not a layer) naming the layer and what is wrong with its data."""
    check_is_layer(layer)
    where = f"{type(layer).__name__} {layer.id!r}"
    if not (_finite(layer.opacity) and 0.0 <= layer.opacity <= 1.0):
        raise ValueError(f"{where}: opacity must be a number from 0 to 1, not {layer.opacity!r}")
    if isinstance(layer, HeatmapLayer):
        _grid(where, "data", layer.data)
        if not (_finite(layer.vmin) and _finite(layer.vmax) and layer.vmin < layer.vmax):
            raise ValueError(f"{where}: vmin and vmax must be finite with vmin < vmax, not {layer.vmin!r}, {layer.vmax!r}")
        if layer.extent is not None and not (len(layer.extent) == 2 and all(_finite(v) and v > 0 for v in layer.extent)):
            raise ValueError(f"{where}: extent must be (width, height) in image pixels, both > 0, not {layer.extent!r}")
    elif isinstance(layer, MaskLayer):
        mask = _grid(where, "mask", layer.mask)
        if mask.dtype.kind == "f" and not np.isfinite(mask).all():
            raise ValueError(f"{where}: mask holds NaN or infinity; give a boolean array")
        _points(where, "origin", [layer.origin])
    elif isinstance(layer, MarkerLayer):
        for index, marker in enumerate(layer.markers):
            _item(where, f"marker {index}", marker, Marker)
            _points(where, f"marker {index}", [(marker.x, marker.y)])
            if not (_finite(marker.size) and marker.size > 0):
                raise ValueError(f"{where}: marker {index} size must be > 0 screen pixels, not {marker.size!r}")
    elif isinstance(layer, ContourLayer):
        for index, contour in enumerate(layer.contours):
            _item(where, f"contour {index}", contour, Contour)
            points = np.asarray(contour.points, dtype=float)
            if points.ndim != 2 or (points.size and points.shape[1] != 2):
                raise ValueError(f"{where}: contour {index} points must be an (N, 2) array of x, y, not shape "
                                 f"{points.shape}")
            _points(where, f"contour {index}", points)
    elif isinstance(layer, BoxLayer):
        for index, box in enumerate(layer.boxes):
            if len(box) != 5:
                raise ValueError(f"{where}: box {index} must be (x0, y0, x1, y1, label), not {box!r}")
            _points(where, f"box {index}", [box[0:2], box[2:4]])


def _item(where: str, name: str, value: Any, kind: type) -> None:
    if not isinstance(value, kind):
        raise TypeError(f"{where}: {name} must be a {kind.__name__}, not {type(value).__name__} {value!r}")


def _grid(where: str, name: str, values: Any) -> np.ndarray:
    """A non-empty 2-D numeric array, indexed [row, column] like the image."""
    array = np.asarray(values)
    if array.ndim != 2 or array.size == 0:
        raise ValueError(f"{where}: {name} must be a non-empty 2-D array indexed [row, column], not shape {array.shape}")
    if array.dtype.kind not in "biuf":
        raise ValueError(f"{where}: {name} must hold numbers or booleans, not dtype {array.dtype}")
    return array


def _points(where: str, name: str, points: Any) -> None:
    """Image coordinates that can be drawn: a NaN or infinite one was silently not drawn at all."""
    array = np.asarray(points, dtype=float)
    if not np.isfinite(array).all():
        raise ValueError(f"{where}: {name} has a coordinate that is NaN or infinite ({array.tolist()})")


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and math.isfinite(value)

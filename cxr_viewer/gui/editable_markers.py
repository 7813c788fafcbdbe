"""Which marker layers take the mouse, and what a drag of one of their markers changes (Qt-free).

A plugin makes a marker layer editable (``set_markers_editable``) to let the reader move its marks, and hears of
each move through its callback; the layer list keeps the moved layer, so a rebuild (a new opacity, a window change)
draws the markers where the reader left them. Apart from the layer list (``overlay_manager``) so the rule can be
tested without graphics items.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from cxr_viewer.plugin_api.layers import Layer, MarkerLayer

MarkersChanged = Callable[[MarkerLayer], None]
MarkerMoved = Callable[[int, float, float], None]  # marker index, new x, new y


class EditableMarkers:
    """The editable layers' callbacks, by layer id."""

    def __init__(self) -> None:
        self._on_change: dict[str, MarkersChanged] = {}

    def __contains__(self, layer_id: str) -> bool:
        return layer_id in self._on_change

    def set(self, layer_id: str, editable: bool, on_change: MarkersChanged | None) -> None:
        """Editable with a callback; without one (or not editable) the layer's markers stay put."""
        if editable and on_change is not None:
            self._on_change[layer_id] = on_change
        else:
            self._on_change.pop(layer_id, None)

    def forget(self, layer_id: str) -> None:
        self._on_change.pop(layer_id, None)

    def clear(self) -> None:
        self._on_change.clear()

    def mover(self, layer_id: str, layers: dict[str, Layer]) -> MarkerMoved:
        """What a drag of one of the layer's markers does: the layer in ``layers`` (the layer list's own) replaced by
        one with that marker moved, and the callback told. A drag ending after the layer was removed or replaced by
        one with fewer markers changes nothing."""
        def moved(index: int, x: float, y: float) -> None:
            layer = layers.get(layer_id)
            if not isinstance(layer, MarkerLayer) or index >= len(layer.markers):
                return
            markers = list(layer.markers)
            markers[index] = replace(markers[index], x=x, y=y)
            updated = replace(layer, markers=markers)
            layers[layer_id] = updated
            callback = self._on_change.get(layer_id)
            if callback is not None:
                callback(updated)
        return moved

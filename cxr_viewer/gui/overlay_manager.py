"""The layers shown over one image pane: add/replace by id, visibility, opacity, editable markers.

The layer list is the record of what plugins asked for and the items are built from it, so a layer that cannot be
drawn changes nothing. Its parts: items built and discarded (``overlays``), the GUI-thread guard (``gui_thread``),
a picture following the film's window (``heatmap_follow``), editable markers (``editable_markers``, Qt-free).
"""

from __future__ import annotations

from dataclasses import replace

import pyqtgraph as pg
from PySide6 import QtCore

from cxr_viewer.gui.editable_markers import EditableMarkers, MarkersChanged
from cxr_viewer.gui.gui_thread import on_gui_thread
from cxr_viewer.gui.heatmap_follow import FilmWindow, follow_film_window
from cxr_viewer.gui.overlays import LayerGroupItem, build_layer_items, discard_items
from cxr_viewer.gui.window_level import WindowState
from cxr_viewer.plugin_api.layer_check import check_layer
from cxr_viewer.plugin_api.layers import HeatmapLayer, Layer


class OverlayManager(QtCore.QObject):
    """One pane's layers, in stacking order, and their items parented to the pane's image item."""

    changed = QtCore.Signal()  # the list, visibility or opacity of layers changed
    colorbar_changed = QtCore.Signal(object)  # the visible heatmap layer wanting a colour bar, or None
    marker_clicked = QtCore.Signal(float, float, object, object)  # a click on an editable marker (image x, y)

    def __init__(self, image_item: pg.ImageItem) -> None:
        super().__init__()
        self._image_item = image_item
        self._layers: dict[str, Layer] = {}
        self._groups: dict[str, LayerGroupItem] = {}
        self._editable = EditableMarkers()
        self.image_shape: tuple[int, int] = (1, 1)
        self._colorbar_key: tuple | None = None
        self._film_window: FilmWindow | None = None

    def layers(self) -> list[Layer]:
        return list(self._layers.values())

    def layer(self, layer_id: str) -> Layer | None:
        return self._layers.get(layer_id)

    def item(self, layer_id: str) -> LayerGroupItem | None:
        return self._groups.get(layer_id)

    def add(self, layer: Layer) -> None:
        """Add or replace (same id) a layer. Its data is checked and its items built before anything is changed, so a
        layer that cannot be drawn raises ValueError naming what is wrong and leaves the layers as they were (it had
        stayed listed, undrawn, and one following the window raised at every window change)."""
        on_gui_thread(self, "add_layer")
        check_layer(layer)
        group = LayerGroupItem(self._image_item)  # in the scene while built: pyqtgraph loses items built outside it
        group.setVisible(False)
        on_move = self._editable.mover(layer.id, self._layers) if layer.id in self._editable else None
        try:
            build_layer_items(layer, group, self.image_shape, on_move, self.marker_clicked.emit if on_move else None)
        except Exception:
            discard_items(group)
            raise
        discard_items(self._groups.pop(layer.id, None))
        self._layers[layer.id] = layer  # a replaced layer keeps its place in the stack
        self._groups[layer.id] = group
        self._restack()
        self._apply_state(layer)
        self._follow(layer)
        self.changed.emit()

    def follow_film_window(self, start: WindowState, now: WindowState, default_invert: bool) -> None:
        """The film's window moved from ``start`` (set when it opened) to ``now``: derived pictures follow."""
        self._film_window = (start, now, default_invert)
        for layer in self._layers.values():
            self._follow(layer)

    def _follow(self, layer: Layer) -> None:
        if not (isinstance(layer, HeatmapLayer) and layer.follows_window and layer.visible and self._film_window):
            return  # a hidden picture is brought up to date when it is shown again (_update)
        follow_film_window(self._groups[layer.id], layer, self._film_window)

    def _restack(self) -> None:
        """One level per place in the list, so no two layers are level (the label layout and the drawing order
        both follow the levels) and overlays stay under the measurements."""
        for place, layer_id in enumerate(self._layers):
            if layer_id in self._groups:
                self._groups[layer_id].setZValue(10 + place)

    def remove(self, layer_id: str) -> None:
        on_gui_thread(self, "remove_layer")
        discard_items(self._groups.pop(layer_id, None))
        self._layers.pop(layer_id, None)
        self._restack()
        self._editable.forget(layer_id)
        self._emit_colorbar()
        self.changed.emit()

    def clear(self) -> None:
        for layer_id in list(self._layers):
            discard_items(self._groups.pop(layer_id, None))
        self._layers.clear()
        self._editable.clear()
        self._emit_colorbar()
        self.changed.emit()

    def set_visible(self, layer_id: str, visible: bool) -> None:
        self._update(layer_id, visible=visible)

    def set_opacity(self, layer_id: str, opacity: float) -> None:
        self._update(layer_id, opacity=float(min(max(opacity, 0.0), 1.0)))

    def set_group_visible(self, group: str, visible: bool) -> None:
        for layer in self.layers():
            if layer.group == group:
                self._update(layer.id, visible=visible)

    def set_markers_editable(self, layer_id: str, editable: bool, on_change: MarkersChanged | None) -> None:
        """Rebuild the layer's items so its markers take (or stop taking) the mouse."""
        self._editable.set(layer_id, editable, on_change)
        if layer_id in self._layers:
            self.add(self._layers[layer_id])

    def _update(self, layer_id: str, **changes: object) -> None:
        layer = self._layers.get(layer_id)
        if layer is None:
            return
        layer = replace(layer, **changes)
        self._layers[layer_id] = layer
        self._apply_state(layer)
        self._follow(layer)
        self.changed.emit()

    def _apply_state(self, layer: Layer) -> None:
        group = self._groups[layer.id]
        group.setVisible(layer.visible)
        group.setOpacity(layer.opacity)
        self._emit_colorbar()

    def _emit_colorbar(self) -> None:
        wanted = [
            layer for layer in self._layers.values()
            if isinstance(layer, HeatmapLayer) and layer.visible and layer.show_colorbar
        ]
        layer = wanted[-1] if wanted else None
        key = None if layer is None else (layer.id, layer.colormap, layer.vmin, layer.vmax)
        if key != self._colorbar_key:  # rebuilding the bar on every opacity tick would be wasted work
            self._colorbar_key = key
            self.colorbar_changed.emit(layer)

"""The plugin API's calls on the primary pane's layers and view, passed straight through to the pane.

Kept apart from ``host`` (``GuiHost`` takes them in as a base class) because they only forward: what a plugin may
add (a layer while another plugin holds the view), and the hooks it is called back by, stay with the host.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from cxr_viewer.gui.host_hooks import PluginHooks
from cxr_viewer.plugin_api.layers import Layer

if TYPE_CHECKING:
    from cxr_viewer.gui.image_view import ImagePane
    from cxr_viewer.gui.main_window import MainWindow


class PrimaryPaneCalls:
    """Layers (removed, listed, shown or hidden, their markers made editable) and the view (centre, zoom, window,
    fit) of the pane plugins read with; the primary one, whichever pane is active."""

    _window: "MainWindow"
    _hooks: PluginHooks

    @property
    def _pane(self) -> "ImagePane":
        return self._window.layout_panes.primary

    def remove_layer(self, layer_id: str) -> None:
        self._pane.overlays.remove(layer_id)

    def layers(self) -> list[Layer]:
        return self._pane.overlays.layers()

    def set_layer_visible(self, layer_id: str, visible: bool) -> None:
        self._pane.overlays.set_visible(layer_id, visible)

    def set_markers_editable(self, layer_id: str, editable: bool, on_change: Callable[[Any], None] | None = None) -> None:
        callback = self._hooks.guard(f"marker callback for {layer_id}", on_change) if on_change else None
        self._pane.overlays.set_markers_editable(layer_id, editable, callback)

    def center_on(self, x: float, y: float, zoom: float | None = None) -> None:
        self._pane.center_on(x, y, zoom)

    def zoom_to(self, x: float, y: float, field: float) -> None:
        self._pane.zoom_to(x, y, field)

    def view_zoom(self) -> float:
        return self._pane.zoom

    def set_window(self, center: float, width: float) -> None:
        self._pane.set_window(center, width)

    def fit(self) -> None:
        self._pane.fit()

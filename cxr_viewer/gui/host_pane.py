"""The plugin API's calls on the primary pane's layers and view, passed straight through to the pane.

Kept apart from ``host`` (``GuiHost`` takes them in as a base class) because they only forward: what a plugin may
add (a layer while another plugin holds the view), and the hooks it is called back by, stay with the host. The view
calls check their numbers first (``plugin_api.call_check``), so a bad one is named and leaves the view as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from cxr_viewer.gui.host_hooks import PluginHooks
from cxr_viewer.plugin_api.call_check import check_number
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

    def set_pixel_readout_hidden(self, hidden: bool) -> None:
        self._pane.readout.set_hidden(hidden)

    def center_on(self, x: float, y: float, zoom: float | None = None) -> None:
        _check_point("center_on", x, y)
        if zoom is not None:  # 0 had been taken for None
            check_number("center_on", "zoom", zoom, positive=True)
        self._pane.center_on(x, y, zoom)

    def zoom_to(self, x: float, y: float, field: float) -> None:
        _check_point("zoom_to", x, y)
        check_number("zoom_to", "field", field, positive=True)
        self._pane.zoom_to(x, y, field)

    def view_zoom(self) -> float:
        return self._pane.zoom

    def set_window(self, center: float, width: float) -> None:
        check_number("set_window", "center", center)
        check_number("set_window", "width", width, positive=True)  # ≤ 0 had silently become 1
        self._pane.set_window(center, width)

    def fit(self) -> None:
        self._pane.fit()


def _check_point(call: str, x: float, y: float) -> None:
    """An image point the view can move to: a NaN one reached pyqtgraph as "Cannot set range [nan, nan]"."""
    check_number(call, "x", x)
    check_number(call, "y", y)

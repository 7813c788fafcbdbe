"""A complete headless ``ViewerHost`` (as the plugin API foresees for tests): it keeps layers, docks and messages
in lists and runs tasks synchronously (``headless_tasks``), so the plugin's real Qt widgets and real engine can be
driven offscreen.

It checks the arguments as the viewer does (``plugin_api.call_check``, ``plugin_api.layer_check``), before it changes
anything: a NaN centre, a zero window width, a layer the viewer cannot draw or a setting JSON cannot hold passed here
and failed only in the viewer."""

from __future__ import annotations

from typing import Any, Callable

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugin_api import Layer, ViewerHost
from cxr_viewer.plugin_api.call_check import check_number, settings_as_saved
from cxr_viewer.plugin_api.layer_check import check_layer
from tests.ai.headless_tasks import run_at_once


class HeadlessHost(ViewerHost):
    def __init__(self, image: LoadedImage | None = None, settings: dict[str, Any] | None = None) -> None:
        self.image = image
        self._layers: dict[str, Layer] = {}
        self.actions: dict[str, tuple[str, Callable[[], None], str | None]] = {}
        self.checked: dict[str, bool] = {}
        self.docks: list[tuple[str, Any]] = []
        self.statuses: list[str] = []
        self.errors: list[tuple[str, str]] = []
        self.centred: list[tuple[float, float, float | None]] = []
        self.opened_callbacks: list[Callable[[LoadedImage], None]] = []
        self.closed_callbacks: list[Callable[[], None]] = []
        self.exclusive_callbacks: list[Callable[[str | None], None]] = []
        self.visibility_callbacks: list[Callable[[dict[str, bool]], None]] = []
        self.click_handlers: list[Callable[[float, float, str, list[str]], bool]] = []
        self.editable_layers: dict[str, bool] = {}
        self.window: tuple[float, float] | None = None
        self.metadata_hidden = False
        self._settings = settings or {}
        self._exclusive_owner: str | None = None

    def current_image(self) -> LoadedImage | None:
        return self.image

    def open_paths(self, paths: list[str]) -> None:
        raise NotImplementedError("the headless host shows images given to it directly")

    def on_image_opened(self, callback: Callable[[LoadedImage], None]) -> None:
        self.opened_callbacks.append(callback)

    def open_image_object(self, image: LoadedImage) -> None:
        self.image = image
        for callback in self.opened_callbacks:
            callback(image)

    def on_image_closed(self, callback: Callable[[], None]) -> None:
        self.closed_callbacks.append(callback)

    def close_image(self) -> None:
        self.image = None
        self._layers.clear()
        for callback in self.closed_callbacks:
            callback()

    def on_exclusive_changed(self, callback: Callable[[str | None], None]) -> None:
        self.exclusive_callbacks.append(callback)

    def set_exclusive(self, owner: str | None) -> None:
        changed, self._exclusive_owner = owner != self._exclusive_owner, owner
        for callback in self.exclusive_callbacks if changed else []:
            callback(owner)

    def exclusive_owner(self) -> str | None:
        return self._exclusive_owner

    def set_window(self, center: float, width: float) -> None:
        check_number("set_window", "center", center)
        check_number("set_window", "width", width, positive=True)
        self.window = (center, width)

    def fit(self) -> None:
        self.centred.clear()

    def set_metadata_hidden(self, hidden: bool) -> None:
        self.metadata_hidden = hidden

    def add_click_handler(self, callback: Callable[[float, float, str, list[str]], bool]) -> None:
        self.click_handlers.append(callback)

    def remove_click_handler(self, callback: Callable[[float, float, str, list[str]], bool]) -> None:
        self.click_handlers.remove(callback)

    def set_markers_editable(self, layer_id: str, editable: bool, on_change=None) -> None:
        self.editable_layers[layer_id] = editable

    def add_layer(self, layer: Layer) -> None:
        check_layer(layer)  # the viewer checks the type in the host and the data where it draws: both here
        self._layers[layer.id] = layer

    def remove_layer(self, layer_id: str) -> None:
        self._layers.pop(layer_id, None)

    def layers(self) -> list[Layer]:
        return list(self._layers.values())

    def set_layer_visible(self, layer_id: str, visible: bool) -> None:
        self._layers[layer_id].visible = visible

    def on_layer_visibility_chosen(self, callback: Callable[[dict[str, bool]], None]) -> None:
        self.visibility_callbacks.append(callback)

    def center_on(self, x: float, y: float, zoom: float | None = None) -> None:
        _check_point("center_on", x, y)
        if zoom is not None:
            check_number("center_on", "zoom", zoom, positive=True)
        self.centred.append((x, y, zoom))

    def zoom_to(self, x: float, y: float, field: float) -> None:
        _check_point("zoom_to", x, y)
        check_number("zoom_to", "field", field, positive=True)
        self.center_on(x, y)  # no view size to zoom by: only centre, as the API allows such hosts

    def add_action(self, action_id, text, callback, shortcut=None, menu="Plugins", checkable=False,
                   checked=False) -> None:
        self.actions[action_id] = (text, callback, shortcut)
        if checkable:
            self.checked[action_id] = checked

    def set_action_checked(self, action_id: str, checked: bool) -> None:
        self.checked[action_id] = checked

    def add_dock_widget(self, title: str, widget: Any, area: str = "right", closable: bool = True) -> None:
        self.docks.append((title, widget))

    def show_status(self, text: str, permanent: bool = False) -> None:
        self.statuses.append(text)

    def show_error(self, title: str, text: str) -> None:
        self.errors.append((title, text))

    def run_task(self, work, on_done=None, on_error=None, title=""):
        return run_at_once(work, on_done, on_error)

    def settings(self, plugin_id: str) -> dict[str, Any]:
        return dict(self._settings)

    def save_settings(self, plugin_id: str, values: dict[str, Any]) -> None:
        self._settings = settings_as_saved(plugin_id, values)  # as the file gives them back; refused ones raise


def _check_point(call: str, x: float, y: float) -> None:
    check_number(call, "x", x)
    check_number(call, "y", y)

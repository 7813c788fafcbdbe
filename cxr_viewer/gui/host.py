"""The viewer side of the plugin API: every ViewerHost call mapped onto the main window.

Everything a plugin hands us to call later (hooks, actions, click handlers, marker callbacks) is
wrapped with :func:`cxr_viewer.plugins.guarded`, so plugin exceptions become messages, not crashes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6 import QtCore, QtGui

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.gui.file_layers import FILE_LAYER_PREFIX
from cxr_viewer.plugin_api.host import ViewerHost
from cxr_viewer.plugin_api.layers import Layer
from cxr_viewer.plugins import guarded
from cxr_viewer.settings import save_settings

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow

ClickHandler = Callable[[float, float, str, list[str]], bool]
_BUTTONS = {QtCore.Qt.MouseButton.LeftButton: "left", QtCore.Qt.MouseButton.MiddleButton: "middle"}
_MODIFIERS = {
    "shift": QtCore.Qt.KeyboardModifier.ShiftModifier,
    "ctrl": QtCore.Qt.KeyboardModifier.ControlModifier,
    "alt": QtCore.Qt.KeyboardModifier.AltModifier,
}
_DOCK_AREAS = {
    "right": QtCore.Qt.DockWidgetArea.RightDockWidgetArea,
    "left": QtCore.Qt.DockWidgetArea.LeftDockWidgetArea,
    "bottom": QtCore.Qt.DockWidgetArea.BottomDockWidgetArea,
    "top": QtCore.Qt.DockWidgetArea.TopDockWidgetArea,
}


class GuiHost(ViewerHost):
    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        self._opened_hooks: list[Callable[[LoadedImage], None]] = []
        self._closed_hooks: list[Callable[[], None]] = []
        self._exclusive_hooks: list[Callable[[str | None], None]] = []
        self._visibility_hooks: list[Callable[[dict[str, bool]], None]] = []
        self._click_handlers: list[ClickHandler] = []
        self._exclusive_owner: str | None = None
        window.opener.image_ready.connect(self._notify_opened)
        window.opener.image_closed.connect(self._notify_closed)
        window.layout_panes.primary.clicked.connect(self._dispatch_click)
        window.layer_panel.visibility_chosen.connect(self._notify_visibility_chosen)

    def _report(self, title: str, text: str) -> None:
        self._window.report_error(title, text)

    def _guard(self, who: str, func: Callable[..., Any]) -> Callable[..., Any]:
        return lambda *args: guarded(self._report, who, func, *args)

    # --- the image ---------------------------------------------------------------------------------------
    def current_image(self) -> LoadedImage | None:
        return self._window.layout_panes.primary.image

    def open_paths(self, paths: list[str]) -> None:
        self._window.open_paths(paths)

    def on_image_opened(self, callback: Callable[[LoadedImage], None]) -> None:
        self._opened_hooks.append(callback)

    def _notify_opened(self, image: LoadedImage) -> None:
        self._call_hooks("image-opened", self._opened_hooks, image)

    def on_image_closed(self, callback: Callable[[], None]) -> None:
        self._closed_hooks.append(callback)

    def _notify_closed(self) -> None:
        self._call_hooks("image-closed", self._closed_hooks)

    def on_exclusive_changed(self, callback: Callable[[str | None], None]) -> None:
        self._exclusive_hooks.append(callback)

    def _call_hooks(self, kind: str, hooks: list[Callable[..., None]], *args: Any) -> None:
        for hook in list(hooks):
            guarded(self._report, f"{kind} hook {getattr(hook, '__qualname__', hook)}", hook, *args)

    def open_image_object(self, image: LoadedImage) -> None:
        self._window.opener.show_image(image)

    def close_image(self) -> None:
        self._window.close_image()

    # --- layers and view ----------------------------------------------------------------------------------
    def add_layer(self, layer: Layer) -> None:
        if layer.id.startswith(FILE_LAYER_PREFIX):  # the file's own layers outlive a blinded read; a plugin's must not
            raise ValueError(f"layer id {layer.id!r}: ids starting with {FILE_LAYER_PREFIX!r} are the file's own")
        if not self._owned_by_exclusive(layer.id):
            self.show_status(f"Layer {layer.name!r} is not shown: another plugin holds the view (blinded reading)")
            return
        self._window.layout_panes.primary.overlays.add(layer)

    def set_exclusive(self, owner: str | None) -> None:
        changed, self._exclusive_owner = owner != self._exclusive_owner, owner
        if owner is not None:
            for layer in self.layers():  # the file's own shutter and overlay planes are the film, not a result
                if not self._owned_by_exclusive(layer.id) and not layer.id.startswith(FILE_LAYER_PREFIX):
                    self.remove_layer(layer.id)
        for action_id, action in self._window.plugin_actions.items():
            action.setEnabled(self._owned_by_exclusive(action_id))
        self._window.set_view_locked(owner)
        self._keep_measurements_unless_blinded()
        if changed:  # last: the hooks find the layers, actions and lock as the new holder has them
            self._call_hooks("exclusive-changed", self._exclusive_hooks, owner)

    def exclusive_owner(self) -> str | None:
        return self._exclusive_owner

    def demo_mode(self) -> bool:
        return self._window.demo

    def _owned_by_exclusive(self, item_id: str) -> bool:
        owner = self._exclusive_owner
        return owner is None or item_id.startswith(owner + ".")

    def remove_layer(self, layer_id: str) -> None:
        self._window.layout_panes.primary.overlays.remove(layer_id)

    def layers(self) -> list[Layer]:
        return self._window.layout_panes.primary.overlays.layers()

    def set_layer_visible(self, layer_id: str, visible: bool) -> None:
        self._window.layout_panes.primary.overlays.set_visible(layer_id, visible)

    def on_layer_visibility_chosen(self, callback: Callable[[dict[str, bool]], None]) -> None:
        self._visibility_hooks.append(callback)

    def _notify_visibility_chosen(self, chosen: dict[str, bool]) -> None:
        self._call_hooks("layer-visibility", self._visibility_hooks, chosen)

    def center_on(self, x: float, y: float, zoom: float | None = None) -> None:
        self._window.layout_panes.primary.center_on(x, y, zoom)

    def zoom_to(self, x: float, y: float, field: float) -> None:
        self._window.layout_panes.primary.zoom_to(x, y, field)

    def set_window(self, center: float, width: float) -> None:
        self._window.layout_panes.primary.set_window(center, width)

    def fit(self) -> None:
        self._window.layout_panes.primary.fit()

    def set_metadata_hidden(self, hidden: bool) -> None:
        self._window.set_metadata_hidden(hidden)
        self._keep_measurements_unless_blinded()

    def _keep_measurements_unless_blinded(self) -> None:
        """A blinded read (either call) asks for a clean view: measurements kept from an earlier look at the same
        film must not show in it, nor those drawn in it be kept (``MeasurementMemory``)."""
        blinded = self._exclusive_owner is not None or self._window.metadata_hidden
        panes = self._window.layout_panes
        if panes.measurement_memory.suspended == blinded:  # no change: leave the lines (a selection, a drag) alone
            return
        panes.measurement_memory.suspended = blinded
        for pane in panes.panes:
            pane.show_kept_measurements()

    def set_markers_editable(self, layer_id: str, editable: bool, on_change: Callable[[Any], None] | None = None) -> None:
        callback = self._guard(f"marker callback for {layer_id}", on_change) if on_change else None
        self._window.layout_panes.primary.overlays.set_markers_editable(layer_id, editable, callback)

    # --- clicks ---------------------------------------------------------------------------------------------
    def add_click_handler(self, callback: ClickHandler) -> None:
        self._click_handlers.append(callback)

    def remove_click_handler(self, callback: ClickHandler) -> None:
        if callback in self._click_handlers:
            self._click_handlers.remove(callback)

    def _dispatch_click(self, x: float, y: float, button: Any, modifiers: Any) -> None:
        name = _BUTTONS.get(button, "other")
        held = [key for key, flag in _MODIFIERS.items() if modifiers & flag]
        for handler in list(self._click_handlers):
            if guarded(self._report, f"click handler {getattr(handler, '__qualname__', handler)}", handler, x, y, name, held):
                return

    # --- contributions and feedback ---------------------------------------------------------------------
    def add_action(
        self, action_id: str, text: str, callback: Callable[[], None], shortcut: str | None = None,
        menu: str = "Plugins", checkable: bool = False, checked: bool = False,
    ) -> None:
        action = QtGui.QAction(text, self._window)
        action.setObjectName(action_id)
        action.setCheckable(checkable)
        action.setChecked(checkable and checked)
        if shortcut:
            action.setShortcut(QtGui.QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: guarded(self._report, f"action {action_id}", callback))
        self._window.menu_named(menu).addAction(action)
        self._window.addAction(action)
        self._window.plugin_actions[action_id] = action
        action.setEnabled(self._owned_by_exclusive(action_id))

    def set_action_checked(self, action_id: str, checked: bool) -> None:
        self._window.plugin_actions[action_id].setChecked(checked)

    def add_dock_widget(self, title: str, widget: Any, area: str = "right") -> None:
        self._window.add_dock(title, widget, _DOCK_AREAS.get(area, _DOCK_AREAS["right"]), name_prefix="plugin-dock")

    def show_status(self, text: str, permanent: bool = False) -> None:
        """A permanent status (e.g. "research use only" and the model version) has its own label, which the
        viewer's passing messages (measure on, window preset, errors) cannot erase."""
        if permanent:
            self._window.plugin_status.setText(text)
            self._window.plugin_status.setToolTip(text)  # the label may be clipped in a narrow window
        else:
            self._window.statusBar().showMessage(text, 8000)

    def show_error(self, title: str, text: str) -> None:
        self._report(title, text)

    def run_task(self, work, on_done=None, on_error=None, title: str = ""):
        return self._window.tasks.run(work, on_done, on_error, title)

    def settings(self, plugin_id: str) -> dict[str, Any]:
        return dict(self._window.settings.plugin_settings.get(plugin_id, {}))

    def save_settings(self, plugin_id: str, values: dict[str, Any]) -> None:
        self._window.settings.plugin_settings[plugin_id] = dict(values)
        save_settings(self._window.settings)

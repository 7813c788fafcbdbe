"""The viewer side of the plugin API: every ViewerHost call mapped onto the main window.

What a plugin hands us to call later is wrapped with :func:`cxr_viewer.plugins.guarded`, so plugin exceptions become
messages, not crashes. Hooks and clicks are kept by ``host_hooks``, blinded reading and the hold on the view by
``view_hold``, and what plugins add to the window (actions, docks, status) by ``plugin_contributions``; the calls that
only forward to the primary pane's layers and view are ``host_pane``'s, the dock calls ``host_docks``'s, the PACS calls
``host_pacs``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.gui import shortcut_help
from cxr_viewer.gui.file_layers import FILE_LAYER_PREFIX
from cxr_viewer.gui.host_docks import PluginDockCalls
from cxr_viewer.gui.host_hooks import ClickHandler, PluginHooks
from cxr_viewer.gui.host_pacs import PacsSendCalls
from cxr_viewer.gui.host_pane import PrimaryPaneCalls
from cxr_viewer.gui.plugin_contributions import PluginContributions
from cxr_viewer.gui.shortcut_keys import key_text
from cxr_viewer.plugin_api.call_check import settings_as_saved
from cxr_viewer.plugin_api.host import PanelKey, ViewerHost
from cxr_viewer.plugin_api.layer_check import check_is_layer
from cxr_viewer.plugin_api.layers import Layer
from cxr_viewer.settings_file import save_plugin_settings

if TYPE_CHECKING:
    from cxr_viewer.gui.main_window import MainWindow


class GuiHost(PrimaryPaneCalls, PluginDockCalls, PacsSendCalls, ViewerHost):
    def __init__(self, window: "MainWindow") -> None:
        self._window = window
        self._hooks = PluginHooks(self._report)
        self._contributions = PluginContributions(window, self._report)
        self.panel_keys: dict[str, tuple[PanelKey, ...]] = {}  # plugin id → its panel's keys, for F1 during its hold
        window.opener.image_ready.connect(self._hooks.notify_opened)
        window.frames.main_frame_shown.append(self._hooks.notify_opened)  # each frame is an image to plugins
        window.opener.image_closed.connect(self._hooks.notify_closed)
        window.layout_panes.primary.clicked.connect(self._hooks.dispatch_click)
        window.layer_panel.visibility_chosen.connect(self._hooks.notify_visibility)

    def _report(self, title: str, text: str) -> None:
        self._window.report_error(title, text)

    # --- the image ---------------------------------------------------------------------------------------
    def current_image(self) -> LoadedImage | None:
        return self._window.layout_panes.primary.image

    def open_paths(self, paths: list[str]) -> None:
        self._window.open_paths(paths)

    def on_image_opened(self, callback: Callable[[LoadedImage], None]) -> None:
        self._hooks.opened.append(callback)

    def on_image_closed(self, callback: Callable[[], None]) -> None:
        self._hooks.closed.append(callback)

    def on_exclusive_changed(self, callback: Callable[[str | None], None]) -> None:
        self._hooks.exclusive.append(callback)

    def open_image_object(self, image: LoadedImage) -> None:
        self._window.opener.show_image(image)

    def close_image(self) -> None:
        self._window.close_image()

    # --- layers and the hold (the calls that only forward to the pane: PrimaryPaneCalls) ------------------
    def add_layer(self, layer: Layer) -> None:
        check_is_layer(layer)  # before its id is read; its data is checked by the pane, where it is drawn
        if layer.id.startswith(FILE_LAYER_PREFIX):  # the file's own layers outlive a blinded read; a plugin's must not
            raise ValueError(f"layer id {layer.id!r}: ids starting with {FILE_LAYER_PREFIX!r} are the file's own")
        if not self._window.hold.owns(layer.id):
            self.show_status(f"Layer {layer.name!r} is not shown: another plugin holds the view (blinded reading)")
            return
        self._window.layout_panes.primary.overlays.add(layer)

    def set_exclusive(self, owner: str | None) -> None:
        if self._window.hold.set_owner(owner):  # last: the hooks find the layers, actions and lock as the new holder has them
            self._hooks.notify_exclusive(owner)

    def exclusive_owner(self) -> str | None:
        return self._window.hold.owner

    def declare_panel_keys(self, plugin_id: str, keys: Sequence[PanelKey]) -> None:
        """Kept in the viewer's spelling of keys, so the panel's "Delete" meets the viewer's "Del" in F1; a key Qt
        cannot read is said in Messages and left out, rather than listed as a key nobody can press."""
        for unreadable in [key.key for key in keys if not key_text(key.key)]:
            self._report("Panel key not listed", f"{plugin_id}: {unreadable!r} is not a key; F1 leaves it out")
        self.panel_keys[plugin_id] = tuple(PanelKey(key_text(key.key), key.description) for key in keys
                                           if key_text(key.key))
        shortcut_help.refresh(self._window)  # an F1 list left open follows a reader's log-in and log-out

    def demo_mode(self) -> bool:
        return self._window.demo

    def on_layer_visibility_chosen(self, callback: Callable[[dict[str, bool]], None]) -> None:
        self._hooks.visibility.append(callback)

    def set_metadata_hidden(self, hidden: bool) -> None:
        self._window.hold.set_metadata_hidden(hidden)

    # --- clicks ---------------------------------------------------------------------------------------------
    def add_click_handler(self, callback: ClickHandler) -> None:
        self._hooks.clicks.append(callback)

    def remove_click_handler(self, callback: ClickHandler) -> None:
        if callback in self._hooks.clicks:
            self._hooks.clicks.remove(callback)

    # --- contributions and feedback ---------------------------------------------------------------------
    def add_action(
        self, action_id: str, text: str, callback: Callable[[], None], shortcut: str | None = None,
        menu: str = "Plugins", checkable: bool = False, checked: bool = False,
    ) -> None:
        self._contributions.add_action(action_id, text, callback, shortcut, menu, checkable, checked)

    def set_action_checked(self, action_id: str, checked: bool) -> None:
        self._contributions.set_action_checked(action_id, checked)

    def set_action_enabled(self, action_id: str, enabled: bool) -> None:
        self._contributions.set_action_enabled(action_id, enabled)

    def show_status(self, text: str, permanent: bool = False) -> None:
        self._contributions.show_status(text, permanent)

    def show_error(self, title: str, text: str) -> None:
        self._report(title, text)

    def run_task(self, work, on_done=None, on_error=None, title: str = ""):
        return self._window.tasks.run(work, on_done, on_error, title)

    def settings(self, plugin_id: str) -> dict[str, Any]:
        return dict(self._window.settings.plugin_settings.get(plugin_id, {}))

    def save_settings(self, plugin_id: str, values: dict[str, Any]) -> None:
        """Kept for the session even when the file cannot be written, which is reported, not raised: the plugin
        could do nothing about a read-only config folder, and its caller (often a checkbox) would lose the message.
        Values JSON cannot hold are refused first, and the session keeps what the file gives back (a tuple as a list)."""
        saved = settings_as_saved(plugin_id, values)  # TypeError before the session's copy changes
        self._window.settings.plugin_settings[plugin_id] = saved
        try:
            save_plugin_settings(plugin_id, saved)
        except OSError as exc:
            self._report("Settings not saved", f"{plugin_id}: {exc} (the change lasts until the viewer closes)")

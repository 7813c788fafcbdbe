"""The host as one plugin sees it: the viewer's host bound to that plugin's id, refusing calls on other plugins.

The viewer has one host for all plugins, and it could not tell callers apart: any plugin could end another's hold
(``set_exclusive(None)`` during a reader study's blinded read), hand the view to a third, read or overwrite another's
settings, declare another's panel keys, or draw under another's id prefix, which a hold lets through. Each plugin's
``activate`` therefore gets a :class:`BoundHost`: every published call goes on to the viewer's host unchanged (a
method added to ``ViewerHost`` needs nothing here), except the calls below, which are first checked against the
plugin's own id and refused in the plugin's own call, naming the argument, before anything changes (and
``remove_dock_widget``, against the docks the plugin added). The viewer
itself keeps the unbound host and all its powers. Plugins run in the viewer's process, so this stops one plugin's
mistake from undoing another's work; it is no sandbox against a plugin set on reaching around it. Qt-free, so a
headless host can be bound the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from cxr_viewer.plugin_api.host import PanelKey, ViewerHost

HOLDER_ONLY_CALLS = ("set_metadata_hidden", "set_pixel_readout_hidden", "open_paths", "open_image_object",
                     "close_image", "center_on", "zoom_to", "set_window", "fit", "send_to_pacs")
# only the holder's while a plugin holds: they change what a hold shows, or (send_to_pacs) put a dialog naming files
# over the case
ID_CALLS = {"add_layer": "layer", "remove_layer": "layer_id", "set_layer_visible": "layer_id",
            "set_markers_editable": "layer_id", "add_action": "action_id", "set_action_checked": "action_id",
            "set_action_enabled": "action_id"}
# each call that adds or changes a layer or action → the name of its argument that is (or has) the id


class BoundHost:
    """``host`` for the plugin ``plugin_id``; ``plugin_ids`` holds every loaded plugin's id, whose prefixes
    (``reader_study.``) the plugin may not add or change layers and actions under."""

    __slots__ = ("_host", "_id", "_ids", "_docked")

    def __init__(self, host: ViewerHost, plugin_id: str, plugin_ids: Collection[str]) -> None:
        self._host, self._id, self._ids = host, plugin_id, plugin_ids
        self._docked: list[Any] = []  # the widgets this plugin docked: the only ones it may take away

    def __getattr__(self, name: str) -> Any:
        """The published calls only: the host's own attributes (the window behind it) are no plugin's business."""
        if name.startswith("_") or not hasattr(ViewerHost, name):
            raise AttributeError(f"the plugin API's host has no {name!r}")
        call = getattr(self._host, name)
        if name in HOLDER_ONLY_CALLS:
            return self._checked(name, call, self._refuse_during_anothers_hold)
        if name in ID_CALLS:
            return self._checked(name, call, self._refuse_anothers_id)
        return call

    @staticmethod
    def _checked(name: str, call: Callable[..., Any], check: Callable[..., None]) -> Callable[..., Any]:
        """``call`` run only after ``check(name, *its arguments)`` did not refuse it."""
        def checked(*args: Any, **kwargs: Any) -> Any:
            check(name, *args, **kwargs)
            return call(*args, **kwargs)
        return checked

    def set_exclusive(self, owner: str | None) -> None:
        """Take or end only the plugin's own hold: taking another's ended it without a word to its holder."""
        if owner is not None and owner != self._id:
            raise ValueError(f"set_exclusive: owner {owner!r} is not this plugin; plugin {self._id!r} may hand the "
                             "view only to itself")
        holder = self._host.exclusive_owner()
        if holder is not None and holder != self._id:
            what = "end" if owner is None else "take over"
            raise ValueError(f"set_exclusive({owner!r}): plugin {holder!r} holds the view; plugin {self._id!r} may "
                             f"not {what} another plugin's hold")
        self._host.set_exclusive(owner)

    def add_dock_widget(self, title: str, widget: Any, area: str = "right", closable: bool = True) -> None:
        self._host.add_dock_widget(title, widget, area, closable)
        self._docked.append(widget)

    def remove_dock_widget(self, widget: Any) -> None:
        """Only a dock this plugin added: another's (the reader study's, mid-read) is not its to take away."""
        if not any(widget is docked for docked in self._docked):
            raise ValueError(f"remove_dock_widget: {widget!r} was not docked by plugin {self._id!r}, which may take "
                             "away only its own docks")
        self._host.remove_dock_widget(widget)
        self._docked = [docked for docked in self._docked if docked is not widget]

    def settings(self, plugin_id: str) -> dict[str, Any]:
        self._refuse_other_plugin("settings", plugin_id)
        return self._host.settings(plugin_id)

    def save_settings(self, plugin_id: str, values: dict[str, Any]) -> None:
        self._refuse_other_plugin("save_settings", plugin_id)
        self._host.save_settings(plugin_id, values)

    def declare_panel_keys(self, plugin_id: str, keys: Sequence[PanelKey]) -> None:
        self._refuse_other_plugin("declare_panel_keys", plugin_id)
        self._host.declare_panel_keys(plugin_id, keys)

    def _refuse_other_plugin(self, call: str, plugin_id: str) -> None:
        if plugin_id != self._id:
            raise ValueError(f"{call}: plugin_id {plugin_id!r} is not this plugin; plugin {self._id!r} may use only "
                             "its own")

    def _refuse_during_anothers_hold(self, call: str, *_args: Any, **_kwargs: Any) -> None:
        holder = self._host.exclusive_owner()
        if holder is not None and holder != self._id:
            raise ValueError(f"{call}: plugin {holder!r} holds the view; plugin {self._id!r} may not change what it "
                             "shows until the hold ends")

    def _refuse_anothers_id(self, call: str, *args: Any, **kwargs: Any) -> None:
        item = args[0] if args else kwargs.get(ID_CALLS[call])
        item_id = getattr(item, "id", item)  # add_layer takes the layer; what is not one the host refuses itself
        if not isinstance(item_id, str) or item_id.startswith(self._id + "."):
            return
        other = next((plugin for plugin in self._ids if item_id.startswith(plugin + ".")), None)
        if other is not None:
            what = "action id" if "action" in call else "layer id"
            raise ValueError(f"{call}: {what} {item_id!r} belongs to plugin {other!r}; plugin {self._id!r} "
                             f"adds and changes only its own (ids starting with {self._id + '.'!r})")


ViewerHost.register(BoundHost)  # what ``activate`` receives is a ViewerHost to whoever asks isinstance

"""The part of :class:`~cxr_viewer.plugin_api.host.ViewerHost` that hands a plugin the mouse on the image: clicks,
in image coordinates and the plugin API's words rather than Qt's, and drags of a marker layer's markers."""

from __future__ import annotations

import abc
from typing import Any, Callable


class ClickHost(abc.ABC):
    @abc.abstractmethod
    def add_click_handler(self, callback: Callable[[float, float, str, list[str]], bool]) -> None:
        """Call ``callback(x, y, button, modifiers)`` for clicks on the image, in image pixel coordinates.

        ``button`` is "left", "middle" or "other" (right-button clicks are not reported: right-drag is W/L);
        ``modifiers`` lists "shift", "ctrl", "alt". Returning True consumes the click (later handlers skip it).
        """

    @abc.abstractmethod
    def remove_click_handler(self, callback: Callable[[float, float, str, list[str]], bool]) -> None: ...

    @abc.abstractmethod
    def set_markers_editable(
        self, layer_id: str, editable: bool, on_change: Callable[[Any], None] | None = None
    ) -> None:
        """Let the user drag the markers of MarkerLayer ``layer_id``; ``on_change(layer)`` gets the moved layer."""

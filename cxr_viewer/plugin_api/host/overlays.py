"""The part of :class:`~cxr_viewer.plugin_api.host.ViewerHost` about overlay layers: what a plugin draws over the
film (the models are ``plugin_api.layers``), and the user's showing or hiding them."""

from __future__ import annotations

import abc
from typing import Callable

from cxr_viewer.plugin_api.layers import Layer


class OverlayHost(abc.ABC):
    @abc.abstractmethod
    def add_layer(self, layer: Layer) -> None:
        """Add or replace (same id) a layer over the current image."""

    @abc.abstractmethod
    def remove_layer(self, layer_id: str) -> None: ...

    @abc.abstractmethod
    def layers(self) -> list[Layer]: ...

    @abc.abstractmethod
    def set_layer_visible(self, layer_id: str, visible: bool) -> None: ...

    @abc.abstractmethod
    def on_layer_visibility_chosen(self, callback: Callable[[dict[str, bool]], None]) -> None:
        """Call ``callback({layer_id: visible, ...})`` (on the GUI thread) after the user showed or hid layers in the
        viewer's layer list (a group's box reports each of its layers in one call); not for :meth:`set_layer_visible`.

        A plugin with its own on/off switch for its layers keeps that switch true to what is drawn: the AI's "Show
        AI marks" tick said hidden while the list had shown them again.
        """

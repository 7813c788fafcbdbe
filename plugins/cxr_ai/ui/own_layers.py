"""``OwnLayers``: the plugin's layers on the view, and only those (Qt-free: the plugin API's layer calls only).

A reader study's AI marks are in group "ai" too, and only the study decides whether an arm shows them; so every
call here picks this plugin's layers by their id prefix (``cxr_ai.``), never by the group.

The bone-suppressed image and its on-film label are one thing to the reader: whichever of the two the layer list
shows or hides, the other follows, so the image is never on screen without the label that says what it is.
"""

from __future__ import annotations

from cxr_ai.layers import BONE_ID, BONE_LABEL_ID, restack
from cxr_viewer.plugin_api import Layer, ViewerHost


class OwnLayers:
    def __init__(self, host: ViewerHost, plugin_id: str) -> None:
        self._host = host
        self._prefix = f"{plugin_id}."

    def on_view(self) -> list[Layer]:
        return [layer for layer in self._host.layers() if layer.id.startswith(self._prefix)]

    def owns(self, layer_id: str) -> bool:
        return layer_id.startswith(self._prefix)

    def remove(self) -> list[Layer]:
        """Take every layer of ours off the view; hand back what they were (opacity and visibility the user set)."""
        previous = self.on_view()
        for layer in previous:
            self._host.remove_layer(layer.id)
        return previous

    def replace(self, fresh: list[Layer], hidden: bool) -> set[str]:
        """Draw ``fresh`` (bottom to top) instead of our layers, keeping what the user set on those replaced, all
        hidden while A hid the marks; hand back the ids on the view after (the host may refuse a layer)."""
        for layer in restack(self.remove(), fresh, hidden):
            self._host.add_layer(layer)
        return {layer.id for layer in self._host.layers()}

    def set_visible(self, visible: bool) -> None:
        for layer in self.on_view():
            self._host.set_layer_visible(layer.id, visible)

    def pair_bone_label(self, chosen: dict[str, bool]) -> None:
        """The user ticked the bone-suppressed image or its label in the layer list: the other follows."""
        for touched, partner in ((BONE_ID, BONE_LABEL_ID), (BONE_LABEL_ID, BONE_ID)):
            if touched in chosen and partner not in chosen:
                if any(layer.id == partner for layer in self.on_view()):
                    self._host.set_layer_visible(partner, chosen[touched])

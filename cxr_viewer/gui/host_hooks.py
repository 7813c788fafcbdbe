"""The plugins' callbacks the host keeps, and how the viewer's events reach them.

A plugin's hook or click handler runs inside the viewer's own signal handling, so each call goes through
:func:`cxr_viewer.plugins.guarded`: one that raises is listed in Messages and the others, and the viewer, go on.
Clicks are handed over in the plugin API's words ("left", ["shift"]), not Qt's, so plugins need not import Qt.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6 import QtCore

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.plugins import guarded

ClickHandler = Callable[[float, float, str, list[str]], bool]
Report = Callable[[str, str], None]
_BUTTONS = {QtCore.Qt.MouseButton.LeftButton: "left", QtCore.Qt.MouseButton.MiddleButton: "middle"}
_MODIFIERS = {
    "shift": QtCore.Qt.KeyboardModifier.ShiftModifier,
    "ctrl": QtCore.Qt.KeyboardModifier.ControlModifier,
    "alt": QtCore.Qt.KeyboardModifier.AltModifier,
}


class PluginHooks:
    def __init__(self, report: Report) -> None:
        self._report = report
        self.opened: list[Callable[[LoadedImage], None]] = []
        self.closed: list[Callable[[], None]] = []
        self.exclusive: list[Callable[[str | None], None]] = []
        self.visibility: list[Callable[[dict[str, bool]], None]] = []
        self.clicks: list[ClickHandler] = []
        self.pacs_nodes: list[Callable[[], None]] = []

    def guard(self, who: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """``func`` to be called later by the viewer, its exceptions reported as ``who``'s."""
        return lambda *args: guarded(self._report, who, func, *args)

    def notify_opened(self, image: LoadedImage) -> None:
        self._call("image-opened", self.opened, image)

    def notify_closed(self) -> None:
        self._call("image-closed", self.closed)

    def notify_exclusive(self, owner: str | None) -> None:
        self._call("exclusive-changed", self.exclusive, owner)

    def notify_visibility(self, chosen: dict[str, bool]) -> None:
        self._call("layer-visibility", self.visibility, chosen)

    def notify_pacs_nodes(self) -> None:
        self._call("PACS-nodes-changed", self.pacs_nodes)

    def _call(self, kind: str, hooks: list[Callable[..., None]], *args: Any) -> None:
        for hook in list(hooks):
            guarded(self._report, f"{kind} hook {_name(hook)}", hook, *args)

    def dispatch_click(self, x: float, y: float, button: Any, modifiers: Any) -> None:
        """Offer the click to each handler in turn until one returns True (it consumed the click)."""
        name = _BUTTONS.get(button, "other")
        held = [key for key, flag in _MODIFIERS.items() if modifiers & flag]
        for handler in list(self.clicks):
            if guarded(self._report, f"click handler {_name(handler)}", handler, x, y, name, held):
                return


def _name(func: Callable[..., Any]) -> str:
    """The callable with its module, which names the plugin: "image-opened hook P.activate.<locals>.<lambda>" left
    the user guessing which plugin had failed."""
    return f"{getattr(func, '__module__', None) or '?'}.{getattr(func, '__qualname__', func)}"

"""Ctrl+C (the platform's Copy key) for one list or tree, without a window-wide shortcut.

A QAction with the Copy key would be a window binding: F1 would list it once per dock, and the taken-check would
refuse Ctrl+C to any plugin. A key filter on the widget copies only while that widget has the focus, and replaces
the item view's own Copy, which puts just the current cell's shown (cut) text on the clipboard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets


class CopyKey(QtCore.QObject):
    """Calls ``copy`` when the Copy key is pressed in ``widget``; owned by the widget, so it lives as long."""

    def __init__(self, widget: QtWidgets.QWidget, copy: Callable[[], None]) -> None:
        super().__init__(widget)
        self._copy = copy
        widget.installEventFilter(self)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QtCore.QEvent.Type.KeyPress and event.matches(QtGui.QKeySequence.StandardKey.Copy):
            self._copy()
            return True
        return False

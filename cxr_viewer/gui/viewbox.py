"""The mouse grammar of the image pane, on top of pyqtgraph's ViewBox.

Radiologists expect right-drag to change the window, so right-drag must neither open pyqtgraph's
context menu nor zoom; left-drag pans unless a tool (measurement, marker editing) claims it; the
wheel zooms around the cursor (pyqtgraph's own behaviour, kept).
"""

from __future__ import annotations

from typing import Callable

import pyqtgraph as pg
from PySide6 import QtCore

DragHandler = Callable[[object], bool]  # gets pyqtgraph's MouseDragEvent, returns True if it used it


class ImageViewBox(pg.ViewBox):
    window_dragged = QtCore.Signal(float, float)  # dx, dy in screen pixels since the last move
    clicked = QtCore.Signal(object, object, object)  # scene position, button, modifiers

    def __init__(self) -> None:
        super().__init__(invertY=True, lockAspect=True, enableMenu=False)
        self.left_drag_handlers: list[DragHandler] = []

    def mouseDragEvent(self, ev, axis=None) -> None:  # noqa: N802 - Qt naming
        if ev.button() == QtCore.Qt.MouseButton.RightButton:
            ev.accept()
            delta = ev.screenPos() - ev.lastScreenPos()
            if delta.x() or delta.y():
                self.window_dragged.emit(float(delta.x()), float(delta.y()))
            return
        if ev.button() == QtCore.Qt.MouseButton.LeftButton:
            for handler in self.left_drag_handlers:
                if handler(ev):
                    ev.accept()
                    return
        super().mouseDragEvent(ev, axis)

    def wheelEvent(self, ev, axis=None) -> None:  # noqa: N802 - Qt naming
        """Zoom keeping the image point under the cursor fixed (the aspect lock alone lets it drift)."""
        factor = 1.02 ** (ev.delta() * self.state["wheelScaleFactor"])
        anchor = self.mapToView(ev.pos())
        rect = self.viewRect()
        self.setRange(
            QtCore.QRectF(
                anchor.x() - (anchor.x() - rect.left()) * factor,
                anchor.y() - (anchor.y() - rect.top()) * factor,
                rect.width() * factor,
                rect.height() * factor,
            ),
            padding=0,
        )
        drift = anchor - self.mapToView(ev.pos())
        self.translateBy(x=drift.x(), y=drift.y())
        ev.accept()
        self.sigRangeChangedManually.emit(self.state["mouseEnabled"])

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 - Qt naming
        ev.accept()
        if ev.button() != QtCore.Qt.MouseButton.RightButton:
            self.clicked.emit(ev.scenePos(), ev.button(), ev.modifiers())

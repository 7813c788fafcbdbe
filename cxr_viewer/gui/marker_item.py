"""A marker layer's ring: fixed screen size at an image position, dragged or clicked when its layer is editable.

Apart from building the layer's items (``overlays``) because it alone takes the mouse: a drag reports the marker's
new image position, a press released without a drag reports a click at the marker.
"""

from __future__ import annotations

from typing import Callable

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.label_item import cosmetic_pen
from cxr_viewer.plugin_api.layers import Marker

MarkerMoved = Callable[[int, float, float], None]  # marker index, new x, new y
MarkerClicked = Callable[[float, float, object, object], None]  # x, y, button, modifiers (no drag happened)


class MarkerItem(QtWidgets.QGraphicsEllipseItem):
    """A ring of fixed screen size at an image position; draggable when its layer is editable.

    Callbacks are deferred to the event loop: they usually rebuild the layer, which deletes this item,
    and an item must not be deleted inside its own event handler.
    """

    def __init__(self, marker: Marker, index: int, on_move: MarkerMoved | None, on_click: MarkerClicked | None) -> None:
        radius = marker.size / 2
        super().__init__(-radius, -radius, marker.size, marker.size)
        self.setPen(cosmetic_pen(marker.color, 2))
        self.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.index = index
        self._on_move = on_move
        self._on_click = on_click
        self._dragged = False
        if on_move is not None:
            self.setCursor(QtCore.Qt.CursorShape.SizeAllCursor)
        else:
            self.setAcceptedMouseButtons(QtCore.Qt.MouseButton.NoButton)

    def mousePressEvent(self, event: QtWidgets.QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self._dragged = False
        event.accept() if self._on_move is not None else event.ignore()

    def mouseMoveEvent(self, event: QtWidgets.QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self._dragged = True
        self.setPos(self.parentItem().mapFromScene(event.scenePos()))

    def mouseReleaseEvent(self, event: QtWidgets.QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        x, y = float(self.pos().x()), float(self.pos().y())
        if self._dragged and self._on_move is not None:
            index, on_move = self.index, self._on_move
            QtCore.QTimer.singleShot(0, lambda: on_move(index, x, y))
        elif not self._dragged and self._on_click is not None:
            button, modifiers, on_click = event.button(), event.modifiers(), self._on_click
            QtCore.QTimer.singleShot(0, lambda: on_click(x, y, button, modifiers))

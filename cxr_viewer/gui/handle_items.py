"""The small squares on the selected measurement's points, and which of them is under the pointer.

They keep their screen size whatever the zoom (they ignore the view's scale, turn and flip, as the arrow's head and
the marker rings do; on a display scaled 200 % they are twice as many device pixels, like the text beside them), and
sit on the film as children of the image item, so they follow it. They take no mouse button themselves: a press
goes on to the pane, whose drag handler asks ``at`` whether it fell on one, so a press anywhere else pans or draws
as before. Over one the pointer becomes the move cursor (Qt shows an item's cursor under the pointer).
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.label_item import cosmetic_pen

SIZE = 8.0  # screen (logical) pixels across
GRAB = SIZE / 2 + 3  # how far from a handle's centre a press still takes it, in screen pixels
FILL = "#ffffff"  # white on a dark outline: seen on lung and on bone, and apart from the red selected line
OUTLINE = "#000000"


class Handles:
    """The handles of at most one measurement (only the selected one shows them)."""

    def __init__(self, parent: QtWidgets.QGraphicsItem) -> None:
        self._parent = parent
        self.items: list[QtWidgets.QGraphicsRectItem] = []

    def show(self, points: list[QtCore.QPointF]) -> None:
        """One handle on each point (in the parent's image coordinates); none for an empty list."""
        while len(self.items) > len(points):
            item = self.items.pop()
            if item.scene() is not None:
                item.scene().removeItem(item)
        while len(self.items) < len(points):
            self.items.append(_handle(self._parent))
        for item, point in zip(self.items, points):
            item.setPos(point)

    def at(self, scene_pos: QtCore.QPointF, view: QtWidgets.QGraphicsView) -> int | None:
        """The index of the handle a press at ``scene_pos`` takes (the nearest within ``GRAB`` screen pixels)."""
        to_screen = view.viewportTransform()
        press = to_screen.map(scene_pos)
        near = []
        for index, item in enumerate(self.items):
            centre = to_screen.map(item.scenePos())
            dx, dy = abs(centre.x() - press.x()), abs(centre.y() - press.y())
            if max(dx, dy) <= GRAB:
                near.append((dx * dx + dy * dy, index))
        return min(near)[1] if near else None


def _handle(parent: QtWidgets.QGraphicsItem) -> QtWidgets.QGraphicsRectItem:
    item = QtWidgets.QGraphicsRectItem(-SIZE / 2, -SIZE / 2, SIZE, SIZE, parent)
    item.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    item.setAcceptedMouseButtons(QtCore.Qt.MouseButton.NoButton)  # the pane's drag handler takes the press
    item.setCursor(QtCore.Qt.CursorShape.SizeAllCursor)
    item.setPen(cosmetic_pen(OUTLINE, 1))
    item.setBrush(QtGui.QBrush(QtGui.QColor(FILL)))
    item.setZValue(102)  # over the lines (100) and labels (101): a handle under a label could not be grabbed
    return item

"""One arrow with a short note on the image: a radiologist points at a finding ("nodule?", "line tip") to show a
colleague or a tumour board.

Drawn with one drag from the tip (where the press is: the finding) to the tail, where the note's label sits, placed
by the pane's label layout like a measurement's (with a leader when it has to go farther). The shaft is a child of
the image item in image pixel coordinates, so it follows zoom, turns and flips; the head keeps its screen size, as
the lines' cosmetic pens keep their width, and points along the shaft as it lies on screen. Selection, removal and
picking are the shared ``OneShapeMeasurement``'s. The note is typed in place after the drag (``arrow_entry``).
"""

from __future__ import annotations

import math

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.core.gsps_marks import ARROW, arrow_text
from cxr_viewer.gui.distance_item import OneShapeMeasurement

HEAD_LENGTH = 14.0  # screen (logical) pixels from the tip back along the shaft
HEAD_HALF_WIDTH = 5.0


class ArrowHead(QtWidgets.QGraphicsItem):
    """A filled head at the tip (its position), of constant screen size: it ignores the view's scale, turn and flip,
    and works out at each paint which way the shaft runs on screen."""

    def __init__(self, shaft: QtWidgets.QGraphicsLineItem) -> None:
        super().__init__(shaft)
        self.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(QtCore.Qt.MouseButton.NoButton)  # a click on it is a click on the film

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802 - Qt naming
        reach = HEAD_LENGTH + 2
        return QtCore.QRectF(-reach, -reach, 2 * reach, 2 * reach)

    def paint(self, painter: QtGui.QPainter, _option, _widget=None) -> None:
        shaft = self.parentItem()
        views = self.scene().views() if self.scene() is not None else []
        if not views:
            return
        to_screen = shaft.deviceTransform(views[0].viewportTransform())
        line = shaft.line()  # tail, then tip
        back = to_screen.map(line.p1()) - to_screen.map(line.p2())  # from the tip towards the tail, on screen
        length = math.hypot(back.x(), back.y())
        if length < 1:
            return
        along = back * (HEAD_LENGTH / length)
        across = QtCore.QPointF(-back.y(), back.x()) * (HEAD_HALF_WIDTH / length)
        color = shaft.pen().color()
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setPen(QtGui.QPen(color, 1))
        painter.setBrush(color)
        painter.drawPolygon(QtGui.QPolygonF([QtCore.QPointF(0, 0), along + across, along * 0.75, along - across]))


class ArrowMeasurement(OneShapeMeasurement):
    """The tip and the tail in image pixels, and the reader's note (empty: an arrow alone, no label shown)."""

    def __init__(self, parent: QtWidgets.QGraphicsItem, tip: QtCore.QPointF) -> None:
        self.tip = QtCore.QPointF(tip)
        self.tail = QtCore.QPointF(tip)
        self.note = ""
        self.shaft = QtWidgets.QGraphicsLineItem(parent)
        self.head = ArrowHead(self.shaft)
        super().__init__(parent, tip, self.shaft)
        self.set_note("")

    def reshape(self, mark: tuple) -> None:
        """Tip, tail and note as ``mark`` has them (drawn again from the memory, or an end dragged)."""
        _tag, tip_x, tip_y, tail_x, tail_y, note = mark
        self.tip = QtCore.QPointF(tip_x, tip_y)
        self.drag_to(QtCore.QPointF(tail_x, tail_y))
        self.set_note(note)

    def drag_to(self, tail: QtCore.QPointF) -> None:
        self.tail = QtCore.QPointF(tail)
        self.shaft.setLine(QtCore.QLineF(self.tail, self.tip))
        self.head.setPos(self.tip)
        self.head.update()  # its direction changed, its box did not
        self.label.setPos(self.tail)
        self.label.box = QtCore.QRectF(self.tail, self.tail)

    def set_note(self, note: str) -> None:
        """The reader's words, shown at the tail; ``text`` (status bar, Ctrl+C, the saved label) says it is an arrow."""
        self.note = " ".join(note.split())
        self.text = arrow_text(self.note)
        self.label.setText(self.note)
        self.label.setVisible(bool(self.note))

    def set_selected(self, selected: bool) -> None:
        super().set_selected(selected)
        self.head.update()  # it takes the shaft's colour when painted

    @property
    def mark(self) -> tuple:
        """What the session's memory keeps of it: its tag, the tip, the tail and the note."""
        return ARROW, self.tip.x(), self.tip.y(), self.tail.x(), self.tail.y(), self.note

    @property
    def lines(self) -> list[tuple[QtCore.QPointF, QtCore.QPointF]]:
        return [(self.tail, self.tip)]

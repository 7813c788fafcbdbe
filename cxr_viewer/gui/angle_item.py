"""One angle on the image: two arms meeting at a vertex, and a label in degrees (figures from ``core.angle``).

Drawn with two drags, as the CTR is: the first drag draws the first arm from its free end to the vertex, the second
swings the other arm out of the vertex to where the drag ends. Where the second drag starts does not matter (the
arm always leaves the vertex), so the reader need not hit the vertex exactly. Like a distance, the arms are
children of the image item, in image pixel coordinates, and follow zoom, turns and flips.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.core.angle import angle_degrees, angle_text
from cxr_viewer.core.calibration import PixelSpacing
from cxr_viewer.gui.distance_item import OneShapeMeasurement

ANGLE = "angle"  # the tag of an angle's mark in the session's memory
SECOND_ARM_HINT = "Angle: now drag the second arm out of the vertex"


class AngleMeasurement(OneShapeMeasurement):
    """The first arm's end and the vertex, then (``start_second``) the second arm's end; in image pixels."""

    def __init__(self, parent: QtWidgets.QGraphicsItem, start: QtCore.QPointF) -> None:
        self.points = [QtCore.QPointF(start), QtCore.QPointF(start)]
        self.path = QtWidgets.QGraphicsPathItem(parent)
        super().__init__(parent, start, self.path)

    def reshape(self, mark: tuple, spacing: PixelSpacing) -> None:
        """Both arms as ``mark`` has them (drawn again from the memory, or a point dragged), the degrees again."""
        _tag, ax, ay, vx, vy, bx, by = mark
        self.points = [QtCore.QPointF(ax, ay), QtCore.QPointF(vx, vy), QtCore.QPointF(bx, by)]
        self.show(spacing)

    @property
    def waiting(self) -> bool:
        """The first arm is drawn, the second not yet begun."""
        return len(self.points) == 2

    def start_second(self, _start: QtCore.QPointF) -> None:
        self.points.append(QtCore.QPointF(self.points[1]))

    def drag_to(self, end: QtCore.QPointF, spacing: PixelSpacing) -> None:
        """Move the end being drawn (the vertex during the first drag, the second arm's end during the second)."""
        self.points[-1] = QtCore.QPointF(end)
        self.show(spacing)

    def show(self, spacing: PixelSpacing) -> None:
        path = QtGui.QPainterPath(self.points[0])
        for point in self.points[1:]:
            path.lineTo(point)
        self.path.setPath(path)
        if self.waiting:
            self.text = SECOND_ARM_HINT
        else:
            first, vertex, second = ((p.x(), p.y()) for p in self.points)
            self.text = angle_text(angle_degrees(first, vertex, second, spacing))
        self.label.setText(self.text)
        self.label.setPos(self.points[1])
        self.label.box = QtCore.QRectF(self.points[1], self.points[1])

    @property
    def mark(self) -> tuple:
        """What the session's memory keeps of it: its tag, then the first arm's end, the vertex, the second's end."""
        return (ANGLE, *(coordinate for p in self.points for coordinate in (p.x(), p.y())))

    @property
    def lines(self) -> list[tuple[QtCore.QPointF, QtCore.QPointF]]:
        return list(zip(self.points, self.points[1:]))

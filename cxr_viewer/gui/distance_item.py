"""One distance measurement on the image: its line and its label, and how near a click is to a drawn line.

Lines live in image pixel coordinates as children of the image item, so they stay on the anatomy under zoom,
rotation and flips. The length comes from the core spacing rules: mm when the file is calibrated, with what they
rest on where DICOM says it matters (``core.spacing.calibration_note``), otherwise pixels marked "uncalibrated".
"""

from __future__ import annotations

import math

from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.calibration import PixelSpacing
from cxr_viewer.core.spacing import calibration_note, distance
from cxr_viewer.gui.label_item import LabelItem, cosmetic_pen
from cxr_viewer.gui.measure_memory import Segment

LINE_COLOR = "#ffe14d"
SELECTED_COLOR = "#ff4d4d"


def format_distance(value: float, unit: str, spacing: PixelSpacing) -> str:
    """``20.0 mm``, ``20.0 mm (at detector, magnified)`` …, or ``100.0 px (uncalibrated)``."""
    note = calibration_note(spacing)
    return f"{value:.1f} {unit} ({note})" if note else f"{value:.1f} {unit}"


def screen_distance(item: QtWidgets.QGraphicsItem, start: QtCore.QPointF, end: QtCore.QPointF,
                    scene_pos: QtCore.QPointF, view: QtWidgets.QGraphicsView) -> float:
    """Distance from a scene point to the segment start→end (in ``item``'s coordinates), in screen pixels: picking
    must not depend on zoom."""
    p = view.mapFromScene(scene_pos)
    a = view.mapFromScene(item.mapToScene(start))
    b = view.mapFromScene(item.mapToScene(end))
    ax, ay, bx, by, px, py = a.x(), a.y(), b.x(), b.y(), p.x(), p.y()
    length_sq = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0.0 if length_sq == 0 else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length_sq))
    return math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)))


def remove_from_scene(*items: QtWidgets.QGraphicsItem) -> None:
    """Take a measurement's items off the film (those already off stay so)."""
    for item in items:
        if item.scene() is not None:
            item.scene().removeItem(item)


def measurement_label(parent: QtWidgets.QGraphicsItem, start: QtCore.QPointF) -> LabelItem:
    """A measurement's label, above its lines; the pane's label layout places it."""
    label = LabelItem("", LINE_COLOR, QtCore.QRectF(start, start))
    label.setParentItem(parent)
    label.setZValue(101)
    return label


class OneShapeMeasurement:
    """What a measurement drawn as one shape beside its label does alike (a distance's line, an angle's path, an ROI's
    ellipse): its colour when selected, leaving the film, and how near a click is to its ``lines``. The ratio, drawn
    as two widths in two colours, keeps its own."""

    label: LabelItem

    def __init__(self, parent: QtWidgets.QGraphicsItem, start: QtCore.QPointF,
                 shape: QtWidgets.QGraphicsLineItem | QtWidgets.QAbstractGraphicsShapeItem) -> None:
        self._shape = shape
        shape.setZValue(100)
        self.label = measurement_label(parent, start)
        self.text = ""
        self.set_selected(False)

    @property
    def lines(self) -> list[tuple[QtCore.QPointF, QtCore.QPointF]]:
        raise NotImplementedError

    def set_selected(self, selected: bool) -> None:
        self.selected = selected
        color = SELECTED_COLOR if selected else LINE_COLOR
        self._shape.setPen(cosmetic_pen(color, 2))
        self.label.setColor(color)

    def remove(self) -> None:
        remove_from_scene(self._shape, self.label)

    def screen_distance_to(self, scene_pos: QtCore.QPointF, view: QtWidgets.QGraphicsView) -> float:
        return min(screen_distance(self._shape, a, b, scene_pos, view) for a, b in self.lines)


class Measurement(OneShapeMeasurement):
    """One line with its label; endpoints in image pixel coordinates."""

    def __init__(self, parent: QtWidgets.QGraphicsItem, start: QtCore.QPointF) -> None:
        self.start = QtCore.QPointF(start)
        self.end = QtCore.QPointF(start)
        self.line = QtWidgets.QGraphicsLineItem(parent)
        super().__init__(parent, start, self.line)

    def reshape(self, mark: Segment, spacing: PixelSpacing) -> None:
        """Its ends where ``mark`` puts them (drawn again from the memory, or an end dragged), measured again."""
        self.start = QtCore.QPointF(mark[0], mark[1])
        self.update(QtCore.QPointF(mark[2], mark[3]), spacing)

    def update(self, end: QtCore.QPointF, spacing: PixelSpacing) -> None:
        self.end = QtCore.QPointF(end)
        self.line.setLine(QtCore.QLineF(self.start, self.end))
        value, unit = distance((self.start.x(), self.start.y()), (self.end.x(), self.end.y()), spacing)
        self.text = format_distance(value, unit, spacing)
        self.label.setText(self.text)
        self.label.setPos(self.end)
        self.label.box = QtCore.QRectF(self.end, self.end)

    @property
    def segment(self) -> Segment:
        return self.start.x(), self.start.y(), self.end.x(), self.end.y()

    @property
    def mark(self) -> Segment:
        """What the session's memory keeps of it."""
        return self.segment

    @property
    def lines(self) -> list[tuple[QtCore.QPointF, QtCore.QPointF]]:
        """The drawn segments in image pixels: labels keep clear of them."""
        return [(self.start, self.end)]

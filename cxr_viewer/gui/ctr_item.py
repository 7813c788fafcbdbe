"""One cardiothoracic ratio on the image: the heart's width, the chest's width and one label with the ratio.

Each width is drawn as what is measured (``core.ctr``): a line along the image's rows from the first end's column
to the second's, with an end marker at each end reaching the row the reader chose, so a diagonal drag visibly
counts only its horizontal extent. Heart and chest have their own colours; the label names both figures. Like a
distance, everything is a child of the image item and follows zoom, turns and flips.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.core.ctr import Width, ctr_text, heart_only_text
from cxr_viewer.core.calibration import PixelSpacing
from cxr_viewer.gui.distance_item import (
    LINE_COLOR, SELECTED_COLOR, measurement_label, remove_from_scene, screen_distance,
)
from cxr_viewer.gui.label_item import cosmetic_pen

HEART_COLOR = "#ff9f43"
CHEST_COLOR = "#4dd2ff"
Line = tuple[QtCore.QPointF, QtCore.QPointF]


def width_lines(width: Width, tick: float) -> list[Line]:
    """The measured extent at the first end's row, and the end markers (``tick`` image pixels past each end)."""
    x0, y0, x1, y1 = width
    point = QtCore.QPointF
    return [(point(x0, y0), point(x1, y0)),
            (point(x0, y0 - tick), point(x0, y0 + tick)),
            (point(x1, min(y0, y1) - tick), point(x1, max(y0, y1) + tick))]


class CtrMeasurement:
    """The heart's width first, then the chest's (``start_chest``). Whether the ratio is finished is the tool's to
    know (``MeasureTool._current`` is the only one that is not), so it is not kept here as well."""

    def __init__(self, parent: QtWidgets.QGraphicsItem, start: QtCore.QPointF, tick: float) -> None:
        self.tick = tick
        self.widths: list[Width] = [(start.x(), start.y(), start.x(), start.y())]
        self.paths = [QtWidgets.QGraphicsPathItem(parent), QtWidgets.QGraphicsPathItem(parent)]
        for path in self.paths:
            path.setZValue(100)
        self.label = measurement_label(parent, start)
        self.text = ""
        self.set_selected(False)

    def reshape(self, mark: tuple[Width, Width], spacing: PixelSpacing, view_position: str | None) -> None:
        """Both widths as ``mark`` has them (drawn again from the memory, or an end dragged), the ratio again."""
        self.widths = list(mark)
        self.show(spacing, view_position)

    def start_chest(self, start: QtCore.QPointF) -> None:
        self.widths.append((start.x(), start.y(), start.x(), start.y()))

    def drag_to(self, end: QtCore.QPointF, spacing: PixelSpacing, view_position: str | None) -> None:
        """Move the far end of the width being drawn and say what it now reads."""
        x0, y0 = self.widths[-1][:2]
        self.widths[-1] = (x0, y0, end.x(), end.y())
        self.show(spacing, view_position)

    def show(self, spacing: PixelSpacing, view_position: str | None) -> None:
        for path_item, width in zip(self.paths, self.widths):
            path = QtGui.QPainterPath()
            for a, b in width_lines(width, self.tick):
                path.moveTo(a)
                path.lineTo(b)
            path_item.setPath(path)
        if len(self.widths) == 1:
            self.text = heart_only_text(self.widths[0], spacing)
        else:
            self.text = ctr_text(self.widths[0], self.widths[1], spacing, view_position)
        self.label.setText(self.text)
        x0, y0, x1, _ = self.widths[-1]
        self.label.setPos(QtCore.QPointF((x0 + x1) / 2, y0))
        self.label.box = QtCore.QRectF(QtCore.QPointF(min(x0, x1), y0), QtCore.QPointF(max(x0, x1), y0))

    @property
    def mark(self) -> tuple[Width, Width]:
        """What the session's memory keeps of it: the heart's and the chest's width."""
        return self.widths[0], self.widths[1]

    @property
    def lines(self) -> list[Line]:
        return [line for width in self.widths for line in width_lines(width, self.tick)]

    def set_selected(self, selected: bool) -> None:
        self.selected = selected
        for path, color in zip(self.paths, (HEART_COLOR, CHEST_COLOR)):
            path.setPen(cosmetic_pen(SELECTED_COLOR if selected else color, 2))
        self.label.setColor(SELECTED_COLOR if selected else LINE_COLOR)

    def remove(self) -> None:
        remove_from_scene(*self.paths, self.label)

    def screen_distance_to(self, scene_pos: QtCore.QPointF, view: QtWidgets.QGraphicsView) -> float:
        return min(screen_distance(self.paths[0], a, b, scene_pos, view) for a, b in self.lines)

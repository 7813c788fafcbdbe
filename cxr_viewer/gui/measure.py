"""Distance measurements drawn on the image.

Lines live in image pixel coordinates as children of the image item, so they stay on the anatomy
under zoom, rotation and flips. The length comes from the core spacing rules: mm when the file is calibrated, with
what they rest on where DICOM says it matters ("at detector, magnified", "calibrated: FIDUCIAL", …,
``core.spacing.calibration_note``), since a detector-plane figure overstates the anatomy by its magnification;
otherwise pixels marked "uncalibrated" so nobody mistakes them for millimetres. Every change is written through to
the session's ``MeasurementMemory`` under the image's key, so stepping away and back to a film brings its
measurements back (``show_image``).
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.image import PixelSpacing
from cxr_viewer.core.spacing import UNCALIBRATED, calibration_note, distance
from cxr_viewer.gui.measure_memory import MeasurementMemory, Segment
from cxr_viewer.gui.label_item import LabelItem, cosmetic_pen

LINE_COLOR = "#ffe14d"
SELECTED_COLOR = "#ff4d4d"
PICK_RADIUS_SCREEN_PX = 8.0


def format_distance(value: float, unit: str, spacing: PixelSpacing) -> str:
    """``20.0 mm``, ``20.0 mm (at detector, magnified)`` …, or ``100.0 px (uncalibrated)``."""
    note = calibration_note(spacing) if unit == "mm" else "uncalibrated"
    return f"{value:.1f} {unit} ({note})" if note else f"{value:.1f} {unit}"


class Measurement:
    """One line with its label; endpoints in image pixel coordinates."""

    def __init__(self, parent: QtWidgets.QGraphicsItem, start: QtCore.QPointF) -> None:
        self.start = QtCore.QPointF(start)
        self.end = QtCore.QPointF(start)
        self.line = QtWidgets.QGraphicsLineItem(parent)
        self.line.setZValue(100)
        self.label = LabelItem("", LINE_COLOR, QtCore.QRectF(start, start))  # the pane's label layout places it
        self.label.setParentItem(parent)
        self.label.setZValue(101)
        self.text = ""
        self.set_selected(False)

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

    def set_selected(self, selected: bool) -> None:
        self.selected = selected
        color = SELECTED_COLOR if selected else LINE_COLOR
        self.line.setPen(cosmetic_pen(color, 2))
        self.label.setColor(color)

    def remove(self) -> None:
        for item in (self.line, self.label):
            if item.scene() is not None:
                item.scene().removeItem(item)

    def screen_distance_to(self, scene_pos: QtCore.QPointF, view: QtWidgets.QGraphicsView) -> float:
        """Distance from a scene point to the segment, in screen pixels (picking must not depend on zoom)."""
        p = view.mapFromScene(scene_pos)
        a = view.mapFromScene(self.line.mapToScene(self.start))
        b = view.mapFromScene(self.line.mapToScene(self.end))
        ax, ay, bx, by, px, py = a.x(), a.y(), b.x(), b.y(), p.x(), p.y()
        length_sq = (bx - ax) ** 2 + (by - ay) ** 2
        t = 0.0 if length_sq == 0 else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length_sq))
        return math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)))


class MeasureTool(QtCore.QObject):
    """Creates measurements on left-drag while active; selects by click; deletes the selected one.

    ``key`` names the image on screen in ``memory`` (None: nothing is kept, e.g. a blinded case).
    """

    measured = QtCore.Signal(str)  # the label of a finished measurement
    deleted = QtCore.Signal(list)  # the labels of the measurements just removed (Delete, Shift+Delete, a new image)

    def __init__(self, image_item: pg.ImageItem, view: QtWidgets.QGraphicsView,
                 memory: MeasurementMemory | None = None) -> None:
        super().__init__()
        self._image_item = image_item
        self._view = view
        self.memory = memory if memory is not None else MeasurementMemory()
        self.key: str | None = None
        self.spacing = UNCALIBRATED
        self.active = False
        self.measurements: list[Measurement] = []
        self._current: Measurement | None = None

    def show_image(self, key: str | None, spacing: PixelSpacing = UNCALIBRATED) -> None:
        """Take the lines of the image shown before off the screen (they stay kept for it) and draw those kept for
        ``key``, with their lengths from ``spacing``: the same film gives the same figures."""
        self._take_down()
        self.key, self.spacing = key, spacing
        for x0, y0, x1, y1 in self.memory.recall(key):
            measurement = Measurement(self._image_item, QtCore.QPointF(x0, y0))
            measurement.update(QtCore.QPointF(x1, y1), spacing)
            self.measurements.append(measurement)

    def _remember(self) -> None:
        self.memory.keep(self.key, [m.segment for m in self.measurements if m is not self._current])

    def handle_drag(self, ev) -> bool:
        if not self.active:
            return False
        position = self._image_item.mapFromScene(ev.scenePos())
        if ev.isStart():
            self.select(None)
            self._current = Measurement(self._image_item, self._image_item.mapFromScene(ev.buttonDownScenePos()))
            self.measurements.append(self._current)
        if self._current is None:
            return True
        self._current.update(position, self.spacing)
        if ev.isFinish():
            finished, self._current = self._current, None
            self._remember()
            self.select(finished)
            self.measured.emit(finished.text)
        return True

    def pick(self, scene_pos: QtCore.QPointF) -> Measurement | None:
        near = [(m.screen_distance_to(scene_pos, self._view), m) for m in self.measurements]
        near = [pair for pair in near if pair[0] <= PICK_RADIUS_SCREEN_PX]
        return min(near, key=lambda pair: pair[0])[1] if near else None

    def select(self, measurement: Measurement | None) -> None:
        for m in self.measurements:
            m.set_selected(m is measurement)

    def delete_selected(self) -> int:
        doomed = [m for m in self.measurements if m.selected]
        for m in doomed:
            m.remove()
            self.measurements.remove(m)
        if doomed:
            self._remember()
            self.deleted.emit([m.text for m in doomed])
        return len(doomed)

    def clear(self) -> None:
        """Delete every measurement of this image (the user's Shift+Delete): it is forgotten too."""
        self._take_down()
        self._remember()

    def _take_down(self) -> None:
        doomed = [m.text for m in self.measurements]
        for m in self.measurements:
            m.remove()
        self.measurements.clear()
        self._current = None
        if doomed:
            self.deleted.emit(doomed)

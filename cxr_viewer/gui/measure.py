"""The measuring tools on the image: distances (M), the cardiothoracic ratio (C), angles (G), ROIs (E), arrows (N).

A left-drag draws while a tool is on; what each kind draws, and which take two drags (a ratio's heart then chest, an
angle's first arm then second), is in ``measure_tools``. Everything drawn is a child of the image item, in image
pixel coordinates, so it stays on the anatomy under zoom, rotation and flips. Every change is written through to the
session's ``MeasurementMemory`` under the image's key, so stepping away and back to a film brings its measurements
back (``show_image``); one waiting for its second drag is not kept. Click-selection, the selected one's handles
(``measure_adjust``: a drag on one moves that point), Delete/Shift+Delete and Ctrl+Z (the last deletion or
adjustment undone) treat every kind alike.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.calibration import PixelSpacing
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.spacing import UNCALIBRATED
from cxr_viewer.gui.arrow_entry import NoteEditing
from cxr_viewer.gui.measure_adjust import Adjuster
from cxr_viewer.gui.measure_edits import MeasurementEdits
from cxr_viewer.gui.measure_memory import MeasurementMemory
from cxr_viewer.gui.measure_tools import KINDS, TOOLS, Item, redraw

PICK_RADIUS_SCREEN_PX = 8.0


class MeasureTool(MeasurementEdits, QtCore.QObject):
    """Creates measurements on left-drag while a tool is on; selects by click (deleting and undoing: the base).

    ``key`` names the image on screen in ``memory`` (None: nothing is kept, e.g. a blinded case); ``image`` gives
    the film on screen, whose values an ROI's figures come from.
    """

    measured = QtCore.Signal(str)  # the label of a finished measurement (or of a CTR's heart, asking for the chest)
    deleted = QtCore.Signal(list)  # the labels of the measurements just removed (Delete, Shift+Delete, a new image)

    def __init__(self, image_item: pg.ImageItem, view: QtWidgets.QGraphicsView, memory: MeasurementMemory | None = None,
                 image: Callable[[], LoadedImage | None] = lambda: None) -> None:
        super().__init__()
        self.image_item = image_item
        self.image = image
        self.view = view
        self.memory = memory if memory is not None else MeasurementMemory()
        self.key: str | None = None
        self.spacing = UNCALIBRATED
        self.view_position = ""  # the film's View Position: the CTR's label says when it is not PA
        self.mode = ""
        self.measurements: list[Item] = []
        self._current: Item | None = None  # being dragged, or one of two drags waiting for its second
        self.adjuster = Adjuster(self, view)
        NoteEditing(self)  # a double-click on an arrow opens its note

    def set_mode(self, mode: str) -> None:
        """Switch to a tool ("" for none); a CTR left without its chest (an angle without its second arm) is dropped."""
        if mode not in TOOLS:
            raise ValueError(f"unknown measuring tool {mode!r}")
        self._drop_unfinished()
        self.mode = mode

    def show_image(self, key: str | None, spacing: PixelSpacing = UNCALIBRATED,
                   view_position: str | None = None) -> None:
        """Take the measurements of the image shown before off the screen (they stay kept for it) and draw those
        kept for ``key``, with their figures from ``spacing``: the same film gives the same figures.
        ``view_position`` None keeps the one known (the same film drawn again after a blinded read)."""
        self._take_down()
        self.key, self.spacing = key, spacing
        if view_position is not None:
            self.view_position = view_position
        self.measurements.extend(redraw(self, mark) for mark in self.memory.recall(key))

    @property
    def unfinished(self) -> Item | None:
        """The measurement being dragged, or one waiting for its second drag: no figure to report yet."""
        return self._current

    def remember(self) -> None:
        self.memory.keep(self.key, [m.mark for m in self.measurements if m is not self._current])

    def handle_drag(self, ev) -> bool:
        if self.adjuster.handle_drag(ev):  # a press on the selected one's handle moves that point, tool on or off
            return True
        if not self.mode:
            return False
        kind = KINDS[self.mode]
        position = self.image_item.mapFromScene(ev.scenePos())
        if ev.isStart():
            start = self.image_item.mapFromScene(ev.buttonDownScenePos())
            self.select(None)
            if self._current is not None and kind.waiting(self._current):  # set_mode dropped other kinds' waiting
                kind.next_drag(self._current, start)  # the second drag: a ratio's chest, an angle's second arm
            else:
                self._drop_unfinished()
                self._current = kind.new(self, start)
                self.measurements.append(self._current)
        current = self._current
        if current is None:
            return True
        kind.drag(current, position, self)
        if ev.isFinish():
            kind.finish(current, self)
            if kind.waiting(current):
                self.measured.emit(current.text)  # the first drag is done: the label asks for the second
                return True
            self._current = None
            self.remember()
            self.select(current)
            self.measured.emit(current.text)
        return True

    def pick(self, scene_pos: QtCore.QPointF) -> Item | None:
        near = [(m.screen_distance_to(scene_pos, self.view), m) for m in self.measurements]
        near = [pair for pair in near if pair[0] <= PICK_RADIUS_SCREEN_PX]
        return min(near, key=lambda pair: pair[0])[1] if near else None

    def select(self, measurement: Item | None) -> None:
        for m in self.measurements:
            m.set_selected(m is measurement)
        self.adjuster.show_for(None if measurement is self._current else measurement)  # no handles half drawn

    def _drop_unfinished(self) -> None:
        if self._current is not None:
            self._current.remove()
            self.measurements.remove(self._current)
            self.deleted.emit([self._current.text])
            self._current = None

    def _take_down(self) -> None:
        doomed = [m.text for m in self.measurements]
        for m in self.measurements:
            m.remove()
        self.measurements.clear()
        self._current = None
        self.adjuster.show_for(None)
        if doomed:
            self.deleted.emit(doomed)

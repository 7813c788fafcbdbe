"""A point of the selected measurement dragged by its handle, the figure worked out again as it moves.

A radiologist nearly always nudges a caliper end after drawing it; deleting and drawing again lost the other end too.
As in most PACS viewers, the selected measurement (a click on it, or the one just drawn) shows a handle on each of
its points (``mark_handles`` says which) and a left-drag that starts on one moves that point alone: the point keeps
its offset from the pointer, so the press need not hit its centre. Each move reshapes the measurement from the moved
mark by the path that draws a kept one (``measure_tools.reshape``), so the label reads what it would if drawn so (an
ROI's figures estimated from a sample as while drawing, made exact on release: ``measure_tools.settle``). Release
keeps the new mark in the session's memory, so it stays with the film and is what a presentation state saves, and
notes the change for Ctrl+Z; Escape during the drag puts the measurement back as it was, and the rest of that drag
does nothing. A press off the handles is not taken: it pans, or draws with a tool on, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.handle_items import Handles
from cxr_viewer.gui.mark_handles import handle_points, moved
from cxr_viewer.gui.measure_memory import Mark
from cxr_viewer.gui.measure_tools import Item, reshape, settle

if TYPE_CHECKING:
    from cxr_viewer.gui.measure import MeasureTool

KEYS = (QtCore.QEvent.Type.ShortcutOverride, QtCore.QEvent.Type.KeyPress)


class Adjuster(QtCore.QObject):
    """The handles of one measuring tool's selected measurement, and the drag of one of them."""

    def __init__(self, tool: "MeasureTool", view: QtWidgets.QGraphicsView) -> None:
        super().__init__(tool)
        self._tool = tool
        self._view = view
        self.handles = Handles(tool.image_item)
        self._shown: Item | None = None
        self._drag: tuple[Item, int, Mark] | None = None  # the measurement, its handle, its mark when the drag began
        self._cancelled = False

    def show_for(self, item: Item | None) -> None:
        """Handles on ``item``'s points, or on nothing."""
        self._shown = item
        self.handles.show([QtCore.QPointF(*point) for point in handle_points(item.mark)] if item is not None else [])

    def handle_drag(self, ev) -> bool:
        """Take a left-drag that starts on a handle (pyqtgraph's drag event); False for any other."""
        if ev.isStart():
            self._begin(ev.buttonDownScenePos())
        if self._drag is None:
            return False
        item, index, before = self._drag
        if not self._cancelled and item in self._tool.measurements:
            image_item = self._tool.image_item
            shift = image_item.mapFromScene(ev.scenePos()) - image_item.mapFromScene(ev.buttonDownScenePos())
            x, y = handle_points(before)[index]
            self._reshape(item, moved(before, index, (x + shift.x(), y + shift.y())))
        if ev.isFinish():
            self._end()
        return True

    def _begin(self, scene_pos: QtCore.QPointF) -> None:
        self._drag = None
        item = self._shown
        index = self.handles.at(scene_pos, self._view) if item in self._tool.measurements else None
        if index is None:
            return
        self._drag, self._cancelled = (item, index, item.mark), False
        item.label.place_at(None)  # it follows its point as while drawing; the layout places it again on release
        item.label.lead_to(None)
        QtWidgets.QApplication.instance().installEventFilter(self)  # Escape, wherever the keyboard is

    def _reshape(self, item: Item, mark: Mark, exact: bool = False) -> None:
        reshape(self._tool, item, mark, exact)
        self.show_for(item)

    def _end(self) -> None:
        QtWidgets.QApplication.instance().removeEventFilter(self)
        item, _index, before = self._drag
        self._drag = None
        if item not in self._tool.measurements:  # taken down during the drag (another film)
            return
        if not self._cancelled:
            settle(self._tool, item)  # the handles stay where the last move put them
            self._tool.remember()
            self._tool.memory.adjusted(self._tool.key, before, item.mark)
        self._tool.measured.emit(item.text)  # the status bar's figure, and the labels placed again

    def eventFilter(self, _watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt naming
        """Escape during a drag puts the measurement back; it is this drag's, not the window's shortcut."""
        if event.type() not in KEYS or not isinstance(event, QtGui.QKeyEvent) or self._drag is None:
            return False
        if event.key() != QtCore.Qt.Key.Key_Escape:
            return False
        event.accept()  # a ShortcutOverride accepted keeps the window's Escape shortcut from firing
        item, _index, before = self._drag
        if event.type() == QtCore.QEvent.Type.KeyPress and not self._cancelled:
            self._cancelled = True
            if item in self._tool.measurements:
                self._reshape(item, before, exact=True)
        return True

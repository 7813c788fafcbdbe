"""The mouse grammar of the image pane, on top of pyqtgraph's ViewBox.

Radiologists expect right-drag to change the window, so right-drag must neither open pyqtgraph's
context menu nor zoom; left-drag pans unless a tool (measurement, marker editing) claims it; the
wheel zooms around the cursor, and stops at the zoom limits (``zoom_limits``) of this pane and of the pane linked
to it, so that a linked pair stays together. pyqtgraph's other zooms are off: right-drag is the window, the box
zoom (``RectMode``) is never switched on, and its +/- keys only replay box zooms, of which there are none.

Linked views (1×2, Link zoom/pan) follow each other relative to their own films, not by image pixel: a prior from
another detector (another matrix size and pixel spacing) linked by pixel shrank to a corner of its pane and showed
other anatomy than today's film. Fitted follows fitted, the same share of each film sits in the middle of its pane,
and each film is magnified by the same factor over its own fit; two films of one size still show the same pixels.
"""

from __future__ import annotations

import math
from typing import Callable

import pyqtgraph as pg
from PySide6 import QtCore

from cxr_viewer.gui.zoom_limits import clamp_factor, factor_bounds, zoom_range

DragHandler = Callable[[object], bool]  # gets pyqtgraph's MouseDragEvent, returns True if it used it
FilmRect = Callable[[], "QtCore.QRectF | None"]  # the film's rectangle in view coordinates, None with no film


class ImageViewBox(pg.ViewBox):
    window_dragged = QtCore.Signal(float, float)  # dx, dy in screen pixels since the last move
    clicked = QtCore.Signal(object, object, object)  # scene position, button, modifiers

    def __init__(self, film_rect: FilmRect = lambda: None) -> None:
        """``film_rect`` tells where the film lies: the zoom limits are measured from its fitted size."""
        super().__init__(invertY=True, lockAspect=True, enableMenu=False)
        self.left_drag_handlers: list[DragHandler] = []
        self._film_rect = film_rect

    def zoom(self) -> float:
        """Screen pixels per image pixel (the aspect lock makes both axes agree)."""
        shown = self.viewRect().width()
        return self.width() / shown if shown > 0 else 1.0

    def zoom_range(self) -> tuple[float, float] | None:
        """The lowest and highest zoom for the film shown at this pane's present size; None without a film."""
        rect = self._film_rect()
        if rect is None or rect.width() <= 0 or rect.height() <= 0 or self.width() <= 0 or self.height() <= 0:
            return None
        return zoom_range(min(self.width() / rect.width(), self.height() / rect.height()), self.one_to_one_zoom())

    def one_to_one_zoom(self) -> float:
        """The zoom (screen pixels per image pixel) that shows one image pixel per device pixel: 1 / the display's
        scaling, so that 1:1 on a 150 % or 200 % display neither doubles nor unevenly repeats the film's pixels."""
        widget = self.getViewWidget()
        return 1.0 / widget.devicePixelRatioF() if widget is not None else 1.0

    def allowed_factor(self, factor: float) -> float:
        """``factor`` (range scale, above 1 zooms out) cut so that neither this pane nor one linked to it passes a
        zoom limit; 1.0 when one already stands at it."""
        bounds = []
        for view in (self, *self.linked_views()):
            limits = view.zoom_range()
            bounds.append(factor_bounds(view.zoom(), *limits) if limits else (0.0, math.inf))
        return clamp_factor(factor, bounds)

    def allowed_zoom(self, zoom: float) -> float:
        """The zoom nearest to ``zoom`` that ``allowed_factor`` lets this pane reach from where it is."""
        current = self.zoom()
        return current / self.allowed_factor(current / zoom) if current > 0 else zoom

    def linked_views(self) -> list["ImageViewBox"]:
        """The shown panes whose range follows this one's or that this one follows (1×2 with linked zoom/pan; the
        hidden comparison pane of 1×1 limits nothing); pyqtgraph keeps only the follower's side of a link, so the
        leader looks through all views."""
        linked = {self.linkedView(axis) for axis in (0, 1)}
        linked.update(view for view in pg.ViewBox.AllViews if self in (view.linkedView(0), view.linkedView(1)))
        return [view for view in linked if isinstance(view, ImageViewBox) and view is not self and view.shown()]

    def shown(self) -> bool:
        """Whether the pane holding this view is on screen (a hidden pane stays linked, and must not limit)."""
        widget = self.getViewWidget()
        return widget is not None and widget.isVisible()

    def linkedViewChanged(self, view, axis) -> None:  # noqa: N802 - pyqtgraph naming
        """Follow ``view`` (pyqtgraph calls this on either side of a link) relative to each pane's film. A pane without
        a film leads nothing: its auto-range to an empty picture had zoomed the current film to 516× (a black pane);
        an empty pane follows pixel for pixel, as pyqtgraph does."""
        if self.linksBlocked or view is None:
            return
        if isinstance(view, ImageViewBox) and view._film_rect() is None:
            return
        target = self._follow_rect(view) if isinstance(view, ImageViewBox) else None
        if target is None:
            super().linkedViewChanged(view, axis)
            return
        view.blockLink(True)  # this change must not come back to ``view`` through the link
        try:
            self.enableAutoRange(self.XYAxes, False)
            self.setRange(target, padding=0)
        finally:
            view.blockLink(False)

    def _follow_rect(self, leader: "ImageViewBox") -> QtCore.QRectF | None:
        """The range showing this pane's film as ``leader`` shows its own; None without two films and sizes."""
        mine, theirs, shown = self._film_rect(), leader._film_rect(), leader.viewRect()
        if mine is None or theirs is None or mine.isEmpty() or theirs.isEmpty() or shown.isEmpty():
            return None
        if min(self.width(), self.height(), leader.width(), leader.height()) <= 0:
            return None
        fit_mine = min(self.width() / mine.width(), self.height() / mine.height())
        fit_theirs = min(leader.width() / theirs.width(), leader.height() / theirs.height())
        zoom = leader.zoom() * fit_mine / fit_theirs
        share_x = (shown.center().x() - theirs.left()) / theirs.width()
        share_y = (shown.center().y() - theirs.top()) / theirs.height()
        width, height = self.width() / zoom, self.height() / zoom
        return QtCore.QRectF(mine.left() + share_x * mine.width() - width / 2,
                             mine.top() + share_y * mine.height() - height / 2, width, height)

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
        """Zoom keeping the image point under the cursor fixed (the aspect lock alone lets it drift); at a zoom
        limit the last notch stops there and further ones do nothing, so the view neither pans nor jumps."""
        ev.accept()
        factor = self.allowed_factor(1.02 ** (ev.delta() * self.state["wheelScaleFactor"]))
        if factor == 1.0:
            return
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
        self.sigRangeChangedManually.emit(self.state["mouseEnabled"])

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 - Qt naming
        ev.accept()
        if ev.button() != QtCore.Qt.MouseButton.RightButton:
            self.clicked.emit(ev.scenePos(), ev.button(), ev.modifiers())

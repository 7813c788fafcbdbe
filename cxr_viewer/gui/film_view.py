"""A view of one film that the reader can turn, flip, fit, zoom and centre: the geometry half of an image pane.

The turn and the flips are one transform on the image item, so whatever is drawn as its child (overlays,
measurements) turns and flips with the film and stays on the anatomy; zoom and pan are only the view box's range. A
zoom is screen pixels per image pixel, measured on the pixel's height, so the keys (F, 0) and the plugins'
``center_on``/``zoom_to`` mean the same on a film with non-square pixels. The wheel and ``center_on`` (a plugin's
zoom to a finding) stop at the zoom limits (``zoom_limits``); fit and 1:1 lie inside them by definition.
``WindowedView`` adds the window/level and ``ImagePane`` overlays, measurements and text; nothing here knows of them.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.spacing import display_aspect
from cxr_viewer.gui.viewbox import ImageViewBox


class FilmView(pg.GraphicsView):
    transformed = QtCore.Signal()  # after every turn or flip of the film

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent, background="k")
        self.image: LoadedImage | None = None  # the film shown, set by the pane; None while it is empty
        self.layout_item = pg.GraphicsLayout()
        self.layout_item.setContentsMargins(0, 0, 0, 0)
        self.setCentralItem(self.layout_item)
        self.viewbox = ImageViewBox(self._film_rect)
        self.layout_item.addItem(self.viewbox, 0, 0)
        self.image_item = pg.ImageItem(axisOrder="row-major")
        self.viewbox.addItem(self.image_item)
        self.rotation = 0  # quarter turns clockwise
        self.flip_h = False
        self.flip_v = False

    def upright(self) -> None:
        """No turn and no flip: how a film opens, and what R returns to."""
        self.rotation, self.flip_h, self.flip_v = 0, False, False
        self._apply_transform()

    def _apply_transform(self) -> None:
        if self.image is None:
            return
        height, width = self.image.shape
        transform = QtGui.QTransform()
        transform.translate(width / 2, height / 2)
        transform.scale(-1 if self.flip_h else 1, -1 if self.flip_v else 1)  # flips act on the screen axes
        transform.rotate(90 * self.rotation)
        transform.scale(display_aspect(self.image.spacing, self.image.dataset), 1)  # non-square pixels
        transform.translate(-width / 2, -height / 2)
        self.image_item.setTransform(transform)
        self.transformed.emit()

    def rotate(self, quarter_turns: int) -> None:
        """Turn what is on screen clockwise; the transform rotates before it flips, so under one flip the
        image's own rotation runs the other way."""
        if self.flip_h != self.flip_v:
            quarter_turns = -quarter_turns
        self.rotation = (self.rotation + quarter_turns) % 4
        self._apply_transform()
        self.fit()

    def flip(self, horizontal: bool) -> None:
        if horizontal:
            self.flip_h = not self.flip_h
        else:
            self.flip_v = not self.flip_v
        self._apply_transform()

    def image_rect_in_view(self) -> QtCore.QRectF:
        return self.image_item.mapRectToParent(self.image_item.boundingRect())

    def _film_rect(self) -> QtCore.QRectF | None:
        return self.image_rect_in_view() if self.image is not None else None

    def fit(self) -> None:
        if self.image is not None:
            self.viewbox.setRange(self.image_rect_in_view(), padding=0.0)

    @property
    def zoom(self) -> float:
        """Screen pixels per image pixel."""
        return self.viewbox.zoom()

    def center_on(self, x: float, y: float, zoom: float | None = None) -> None:
        """Centre on image point (x, y); ``zoom`` in screen pixels per image pixel (None keeps the zoom), cut to the
        zoom limits of this pane and of one linked to it, as the wheel is."""
        centre = self.image_item.mapToParent(QtCore.QPointF(x, y))
        box = self.viewbox.rect()
        scale = self.viewbox.allowed_zoom(zoom) if zoom else self.zoom
        half_w, half_h = box.width() / (2 * scale), box.height() / (2 * scale)
        self.viewbox.setRange(
            xRange=(centre.x() - half_w, centre.x() + half_w), yRange=(centre.y() - half_h, centre.y() + half_h), padding=0
        )

    def zoom_to(self, x: float, y: float, field: float) -> None:
        """Centre on image point (x, y) with ``field`` image pixels across the shorter side of the view, or at the
        present zoom when that is closer already (the user's detail is never lost)."""
        box = self.viewbox.rect()
        wanted = min(box.width(), box.height()) / max(field, 1.0)
        self.center_on(x, y, max(wanted, self.zoom))

    def one_to_one(self) -> None:
        centre = self.image_item.mapFromParent(self.viewbox.viewRect().center())
        self.center_on(centre.x(), centre.y(), zoom=self.viewbox.one_to_one_zoom())

    def image_point_at(self, scene_pos: QtCore.QPointF) -> QtCore.QPointF:
        self.viewbox.updateMatrix()  # pyqtgraph defers the view transform until the next paint
        return self.image_item.mapFromScene(scene_pos)

"""Drawing plugin layers as graphics items parented to the image item.

Because every layer item is a child of the image item, it inherits the image's transform: zoom,
pan, rotation and flips move image and overlays together, so alignment cannot drift. Markers and
labels ignore the transform for their *size* (they stay readable) but not for their position.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.plugin_api.layers import BoxLayer, ContourLayer, HeatmapLayer, Layer, Marker, MarkerLayer

MarkerMoved = Callable[[int, float, float], None]  # marker index, new x, new y
MarkerClicked = Callable[[float, float, object, object], None]  # x, y, button, modifiers (no drag happened)


class LayerGroupItem(QtWidgets.QGraphicsObject):
    """An empty parent carrying one layer's visibility and opacity for all its child items."""

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802 - Qt naming
        return QtCore.QRectF()

    def paint(self, *args) -> None:
        pass


def cosmetic_pen(color: str, width: float) -> QtGui.QPen:
    pen = QtGui.QPen(QtGui.QColor(color), width)
    pen.setCosmetic(True)  # width in screen pixels whatever the zoom
    return pen


def _label(text: str, color: str, parent: QtWidgets.QGraphicsItem, x: float, y: float) -> pg.TextItem:
    item = pg.TextItem(text, color=color, anchor=(0, 1), fill=pg.mkBrush(0, 0, 0, 140))
    item.setParentItem(parent)
    item.setPos(x, y)
    return item


def colormap(name: str) -> pg.ColorMap:
    """pyqtgraph's bundled maps (viridis, inferno, turbo …), else matplotlib's by the same name (jet, hot …)."""
    try:
        return pg.colormap.get(name)
    except (FileNotFoundError, KeyError, ValueError):
        return pg.colormap.get(name, source="matplotlib")


def heatmap_lut(layer: HeatmapLayer, size: int = 256) -> np.ndarray:
    """RGBA lookup table of the colour map, fully transparent below ``transparent_below``."""
    lut = colormap(layer.colormap).getLookupTable(0.0, 1.0, size, alpha=True)
    if layer.transparent_below is not None and layer.vmax > layer.vmin:
        cut = (layer.transparent_below - layer.vmin) / (layer.vmax - layer.vmin)
        lut[: int(np.clip(cut, 0, 1) * size), 3] = 0
    return lut


class MarkerItem(QtWidgets.QGraphicsEllipseItem):
    """A ring of fixed screen size at an image position; draggable when its layer is editable.

    Callbacks are deferred to the event loop: they usually rebuild the layer, which deletes this item,
    and an item must not be deleted inside its own event handler.
    """

    def __init__(self, marker: Marker, index: int, on_move: MarkerMoved | None, on_click: MarkerClicked | None) -> None:
        radius = marker.size / 2
        super().__init__(-radius, -radius, marker.size, marker.size)
        self.setPen(cosmetic_pen(marker.color, 2))
        self.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.index = index
        self._on_move = on_move
        self._on_click = on_click
        self._dragged = False
        if on_move is not None:
            self.setCursor(QtCore.Qt.CursorShape.SizeAllCursor)
        else:
            self.setAcceptedMouseButtons(QtCore.Qt.MouseButton.NoButton)

    def mousePressEvent(self, event: QtWidgets.QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self._dragged = False
        event.accept() if self._on_move is not None else event.ignore()

    def mouseMoveEvent(self, event: QtWidgets.QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self._dragged = True
        self.setPos(self.parentItem().mapFromScene(event.scenePos()))

    def mouseReleaseEvent(self, event: QtWidgets.QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        x, y = float(self.pos().x()), float(self.pos().y())
        if self._dragged and self._on_move is not None:
            index, on_move = self.index, self._on_move
            QtCore.QTimer.singleShot(0, lambda: on_move(index, x, y))
        elif not self._dragged and self._on_click is not None:
            button, modifiers, on_click = event.button(), event.modifiers(), self._on_click
            QtCore.QTimer.singleShot(0, lambda: on_click(x, y, button, modifiers))


def build_layer_items(
    layer: Layer,
    parent: LayerGroupItem,
    image_shape: tuple[int, int],
    on_move: MarkerMoved | None = None,
    on_click: MarkerClicked | None = None,
) -> None:
    """Create the child items of ``parent`` for one layer."""
    if isinstance(layer, HeatmapLayer):
        item = pg.ImageItem(np.asarray(layer.data, dtype=np.float32), axisOrder="row-major")
        item.setParentItem(parent)
        item.setLookupTable(heatmap_lut(layer))
        item.setLevels((layer.vmin, layer.vmax))
        width, height = layer.extent if layer.extent is not None else (image_shape[1], image_shape[0])
        item.setRect(QtCore.QRectF(0, 0, width, height))
    elif isinstance(layer, ContourLayer):
        for contour in layer.contours:
            points = np.asarray(contour.points, dtype=float)
            if len(points) < 2:
                continue
            polygon = QtGui.QPolygonF([QtCore.QPointF(x, y) for x, y in points])
            path = QtGui.QPainterPath()
            path.addPolygon(polygon)
            path.closeSubpath()
            item = QtWidgets.QGraphicsPathItem(path, parent)
            item.setPen(cosmetic_pen(contour.color, layer.line_width))
            if contour.label:
                top = points[np.argmin(points[:, 1])]
                _label(contour.label, contour.color, parent, top[0], top[1])
    elif isinstance(layer, MarkerLayer):
        for index, marker in enumerate(layer.markers):
            item = MarkerItem(marker, index, on_move, on_click)
            item.setParentItem(parent)
            item.setPos(marker.x, marker.y)
            if marker.label:
                _label(marker.label, marker.color, parent, marker.x, marker.y)
    elif isinstance(layer, BoxLayer):
        for x0, y0, x1, y1, text in layer.boxes:
            rect = QtWidgets.QGraphicsRectItem(QtCore.QRectF(QtCore.QPointF(x0, y0), QtCore.QPointF(x1, y1)), parent)
            rect.setPen(cosmetic_pen(layer.color, 2))
            if text:
                _label(text, layer.color, parent, min(x0, x1), min(y0, y1))

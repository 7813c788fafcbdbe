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

from cxr_viewer.plugin_api.layers import BoxLayer, ContourLayer, HeatmapLayer, Layer, Marker, MarkerLayer, MaskLayer

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


LABEL_FILL = (0, 0, 0, 210)  # nearly opaque: on a bright film a lighter box turns mid-grey and coloured text fades


class LabelItem(pg.TextItem):
    """Text of fixed screen size on a dark box, naming something at an image position.

    ``box`` is what the label names, in its parent's (image) coordinates, and ``clearance`` its margin in screen
    pixels (a marker's ring); the pane's label layout (``label_layout``) reads both and moves the text beside it
    with ``place_at``. Until then the text sits above and to the right of the position, as before any layout.
    """

    def __init__(self, text: str, color: str, box: QtCore.QRectF | None = None, clearance: float = 0.0) -> None:
        super().__init__(text, color=color, anchor=(0, 1), fill=pg.mkBrush(*LABEL_FILL))
        self.box = box
        self.clearance = clearance
        self._top_left: QtCore.QPointF | None = None  # screen offset of the text from the position, once placed

    def place_at(self, top_left: QtCore.QPointF | None) -> None:
        """Put the text's top-left corner this many screen pixels from the label's position (None: the default)."""
        self._top_left = top_left
        self.updateTextPos()

    def updateTextPos(self) -> None:  # noqa: N802 - pyqtgraph naming
        if getattr(self, "_top_left", None) is None:
            super().updateTextPos()
        else:
            self.textItem.setPos(self._top_left)

    def text_size(self) -> QtCore.QSizeF:
        """Width and height in screen pixels (the item cancels the view's scale)."""
        return self.textItem.boundingRect().size()


def _label(text: str, color: str, parent: QtWidgets.QGraphicsItem, x: float, y: float,
           box: QtCore.QRectF | None = None, clearance: float = 0.0) -> LabelItem:
    item = LabelItem(text, color, box if box is not None else QtCore.QRectF(x, y, 0, 0), clearance)
    item.setParentItem(parent)
    item.setPos(x, y)
    return item


class SmoothImageItem(pg.ImageItem):
    """An image drawn with bilinear filtering: a model's coarse probability grid, stretched over the film, would
    otherwise show as blocks of several screen pixels, edges that are artefacts of the grid, not of the map."""

    def paint(self, painter: QtGui.QPainter, *args) -> None:
        painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, True)
        super().paint(painter, *args)


def colormap(name: str) -> pg.ColorMap:
    """pyqtgraph's bundled maps (viridis, inferno, turbo …), else matplotlib's by the same name (jet, hot …)."""
    try:
        return pg.colormap.get(name)
    except (FileNotFoundError, KeyError, ValueError):
        return pg.colormap.get(name, source="matplotlib")


def heatmap_lut(layer: HeatmapLayer, size: int = 256) -> np.ndarray:
    """RGBA lookup table of the colour map, fully transparent below ``transparent_below``; with ``opaque_from``
    the opacity then rises linearly to full at that value."""
    lut = colormap(layer.colormap).getLookupTable(0.0, 1.0, size, alpha=True)
    cut = 0.0
    if layer.transparent_below is not None and layer.vmax > layer.vmin:
        cut = float(np.clip((layer.transparent_below - layer.vmin) / (layer.vmax - layer.vmin), 0, 1))
        lut[: int(cut * size), 3] = 0
    if layer.opaque_from is not None and layer.vmax > layer.vmin:
        full = (layer.opaque_from - layer.vmin) / (layer.vmax - layer.vmin)
        ramp = np.clip((np.linspace(0.0, 1.0, size) - cut) / max(full - cut, 1e-6), 0.0, 1.0)
        lut[:, 3] = np.rint(lut[:, 3] * ramp).astype(lut.dtype)
    return lut


def mask_lut(color: str) -> np.ndarray:
    """Two RGBA entries: 0 transparent, 1 the colour at full opacity (the layer's opacity then scales it)."""
    rgba = QtGui.QColor(color)
    return np.array([[0, 0, 0, 0], [rgba.red(), rgba.green(), rgba.blue(), 255]], dtype=np.uint8)


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
        item = SmoothImageItem(np.asarray(layer.data, dtype=np.float32), axisOrder="row-major")
        item.setParentItem(parent)
        item.setLookupTable(heatmap_lut(layer))
        item.setLevels((layer.vmin, layer.vmax))
        width, height = layer.extent if layer.extent is not None else (image_shape[1], image_shape[0])
        item.setRect(QtCore.QRectF(0, 0, width, height))
    elif isinstance(layer, MaskLayer):
        mask = np.asarray(layer.mask, dtype=bool).view(np.uint8)
        item = pg.ImageItem(mask, axisOrder="row-major")  # nearest pixel: a shutter edge stays on a pixel border
        item.setParentItem(parent)
        item.setLookupTable(mask_lut(layer.color))
        item.setLevels((0, 1))
        item.setRect(QtCore.QRectF(layer.origin[0], layer.origin[1], mask.shape[1], mask.shape[0]))
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
                _label(contour.label, contour.color, parent, top[0], top[1], polygon.boundingRect())
    elif isinstance(layer, MarkerLayer):
        for index, marker in enumerate(layer.markers):
            item = MarkerItem(marker, index, on_move, on_click)
            item.setParentItem(parent)
            item.setPos(marker.x, marker.y)
            if marker.label:  # beside the ring, not over it
                _label(marker.label, marker.color, parent, marker.x, marker.y, clearance=marker.size / 2 + 1)
    elif isinstance(layer, BoxLayer):
        for x0, y0, x1, y1, text in layer.boxes:
            rect = QtWidgets.QGraphicsRectItem(QtCore.QRectF(QtCore.QPointF(x0, y0), QtCore.QPointF(x1, y1)), parent)
            rect.setPen(cosmetic_pen(layer.color, 2))
            if text:
                _label(text, layer.color, parent, min(x0, x1), min(y0, y1), rect.rect())

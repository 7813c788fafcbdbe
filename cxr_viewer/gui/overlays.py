"""Drawing plugin layers as graphics items parented to the image item.

Because every layer item is a child of the image item, it inherits the image's transform: zoom,
pan, rotation and flips move image and overlays together, so alignment cannot drift. Markers and
labels ignore the transform for their *size* (they stay readable) but not for their position.
The items themselves (``label_item``, ``marker_item``) and the colour tables (``layer_luts``) live beside this.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.gui.label_item import LabelItem, cosmetic_pen
from cxr_viewer.gui.layer_luts import colormap, heatmap_lut, mask_lut
from cxr_viewer.gui.marker_item import MarkerClicked, MarkerItem, MarkerMoved
from cxr_viewer.plugin_api.layers import BoxLayer, ContourLayer, HeatmapLayer, Layer, MarkerLayer, MaskLayer


class LayerGroupItem(QtWidgets.QGraphicsObject):
    """An empty parent carrying one layer's visibility and opacity for all its child items."""

    def boundingRect(self) -> QtCore.QRectF:  # noqa: N802 - Qt naming
        return QtCore.QRectF()

    def paint(self, *args) -> None:
        pass


def _label(text: str, color: str, parent: QtWidgets.QGraphicsItem, x: float, y: float,
           box: QtCore.QRectF | None = None, clearance: float = 0.0, outline: QtGui.QPolygonF | None = None) -> LabelItem:
    item = LabelItem(text, color, box if box is not None else QtCore.QRectF(x, y, 0, 0), clearance, outline)
    item.setParentItem(parent)
    item.setPos(x, y)
    return item


class SmoothImageItem(pg.ImageItem):
    """An image drawn with bilinear filtering: a model's coarse probability grid, stretched over the film, would
    otherwise show as blocks of several screen pixels, edges that are artefacts of the grid, not of the map."""

    def paint(self, painter: QtGui.QPainter, *args) -> None:
        painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, True)
        super().paint(painter, *args)


def _check_colours(layer: Layer) -> None:
    """Qt took a colour it cannot read ("reddish") as black, without a word; an unknown colour map failed in
    pyqtgraph's words. Both are said here, naming the layer."""
    where = f"{type(layer).__name__} {layer.id!r}"
    colours = {"color": getattr(layer, "color", None)}
    colours.update({f"marker {i} color": m.color for i, m in enumerate(getattr(layer, "markers", []))})
    colours.update({f"contour {i} color": c.color for i, c in enumerate(getattr(layer, "contours", []))})
    for name, colour in colours.items():
        if colour is not None and not (isinstance(colour, str) and QtGui.QColor(colour).isValid()):
            raise ValueError(f"{where}: {name} {colour!r} is not a colour (\"#rrggbb\", \"#aarrggbb\" or a name "
                             "such as \"red\")")
    if isinstance(layer, HeatmapLayer):
        try:
            colormap(layer.colormap)
        except Exception as exc:  # noqa: BLE001 - pyqtgraph and matplotlib each refuse a name in their own way
            raise ValueError(f"{where}: colormap {layer.colormap!r} is not a pyqtgraph or matplotlib colour map "
                             "(\"inferno\", \"viridis\", \"gray\", \"jet\" …)") from exc


def build_layer_items(
    layer: Layer,
    parent: LayerGroupItem,
    image_shape: tuple[int, int],
    on_move: MarkerMoved | None = None,
    on_click: MarkerClicked | None = None,
) -> None:
    """Create the child items of ``parent`` for one layer (its data checked by ``check_layer`` before)."""
    _check_colours(layer)
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
                _label(contour.label, contour.color, parent, top[0], top[1], polygon.boundingRect(), outline=polygon)
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


def discard_items(group: LayerGroupItem | None) -> None:
    """Take a layer's items out of the picture (the undoing of ``build_layer_items``)."""
    if group is not None and group.scene() is not None:
        group.scene().removeItem(group)
    if group is not None:
        group.setParentItem(None)

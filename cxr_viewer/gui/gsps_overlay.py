"""Another vendor's presentation-state annotations drawn over their film, read-only (``core.gsps_annotations``).

They are one entry in the pane's layer list, "Presentation state annotations", so the reader toggles them like a
plugin's results, and like those they stay with the film as opened: a new film or frame clears them (opening the
presentation state again brings them back). The layer is a ContourLayer without contours, carrying the toggle,
opacity, stacking and clearing the overlay manager gives every layer; its items are built here, under the layer's
group, because no plugin layer kind draws an open line or free text: lines and rings at cosmetic width, point
markers, and texts as the pane's labels, which the label layout keeps legible beside the box or anchor they name.
Each graphic layer is drawn in its own colour, in its recommended order. A blinded read hides them, as it does
measurements (``view_hold``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.core.gsps_annotations import Annotations
from cxr_viewer.core.gsps_objects import Note
from cxr_viewer.gui.label_item import LabelItem, cosmetic_pen
from cxr_viewer.gui.marker_item import MarkerItem
from cxr_viewer.plugin_api.layers import ContourLayer, Marker

if TYPE_CHECKING:
    from cxr_viewer.gui.image_view import ImagePane

LAYER_ID = "gsps.annotations"
NAME = "Presentation state annotations"
POINT_SIZE = 8.0  # screen pixels: a POINT's ring, smaller than a plugin's finding marker


def show_annotations(pane: "ImagePane", annotations: Annotations) -> None:
    """Draw ``annotations`` over the pane's film as its layer (replacing one drawn before); none: no layer."""
    if not annotations.drawings:
        pane.overlays.remove(LAYER_ID)
        return
    pane.overlays.add(ContourLayer(id=LAYER_ID, name=NAME))
    group = pane.overlays.item(LAYER_ID)
    for level, drawing in enumerate(annotations.drawings):  # lowest first: a later layer is drawn over it
        colour = drawing.layer.colour
        for line in drawing.lines:
            item = _point(line[0], colour) if len(line) == 1 else _line(line, colour)
            item.setParentItem(group)
            item.setZValue(level)
        for note in drawing.notes:
            label = _label(note, colour)
            label.setParentItem(group)
            label.setPos(*note.position)
            label.setZValue(level)
    pane.layout_labels()  # the layer's ``changed`` came before its labels existed


def _line(points: tuple[tuple[float, float], ...], colour: str) -> QtWidgets.QGraphicsPathItem:
    path = QtGui.QPainterPath()
    path.addPolygon(QtGui.QPolygonF([QtCore.QPointF(x, y) for x, y in points]))  # open: closed ones end at the start
    item = QtWidgets.QGraphicsPathItem(path)
    item.setPen(cosmetic_pen(colour, 2))
    item.setAcceptedMouseButtons(QtCore.Qt.MouseButton.NoButton)  # read-only: a click is a click on the film
    return item


def _point(point: tuple[float, float], colour: str) -> MarkerItem:
    item = MarkerItem(Marker(point[0], point[1], color=colour, size=POINT_SIZE), 0, None, None)
    item.setPos(*point)
    return item


def _label(note: Note, colour: str) -> LabelItem:
    """The note's text, naming its bounding box (else its anchor point) in image pixels."""
    if note.box is not None:
        x0, y0, x1, y1 = note.box
        box = QtCore.QRectF(QtCore.QPointF(x0, y0), QtCore.QPointF(x1, y1))
    else:
        box = QtCore.QRectF(note.position[0], note.position[1], 0, 0)
    return LabelItem(note.text, colour, box)

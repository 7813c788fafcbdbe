"""Another vendor's presentation-state annotations drawn over their film, read-only (``core.gsps_annotations``).

They are one entry in the pane's layer list, "Presentation state annotations", so the reader toggles them like a
plugin's results; a new film or frame clears the layer, and ``gsps_session`` draws again the annotations an opened
presentation state holds for whatever film and frame the pane then shows. The layer is a ContourLayer without
contours, carrying the toggle, opacity, stacking and clearing the overlay manager gives every layer; its items are
built here, under the layer's group, because no plugin layer kind draws an open line or free text: lines and rings
at cosmetic width, point markers, a text with a bounding box in that box (along its top edge, left, right or centred
as the file says, at a fixed screen size on a dark ground, with a line to its anchor point when the file asks for
one), and a text with only an anchor point as the pane's labels, which the label layout keeps legible beside it.
Each graphic layer is drawn in its own colour, in its recommended order. A blinded read hides them, as it does
measurements (``view_hold``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.core.gsps_annotations import Annotations
from cxr_viewer.core.gsps_objects import Note
from cxr_viewer.gui.label_item import LABEL_FILL, LabelItem, cosmetic_pen
from cxr_viewer.gui.marker_item import MarkerItem
from cxr_viewer.plugin_api.layers import ContourLayer, Marker

if TYPE_CHECKING:
    from cxr_viewer.gui.image_view import ImagePane

LAYER_ID = "gsps.annotations"
NAME = "Presentation state annotations"
POINT_SIZE = 8.0  # screen pixels: a POINT's ring, smaller than a plugin's finding marker
_ALONG = {"LEFT": 0.0, "CENTER": 0.5, "RIGHT": 1.0}  # where in the box's width the text is pinned, and by which end


def show_annotations(pane: "ImagePane", annotations: Annotations, visible: bool = True) -> None:
    """Draw ``annotations`` over the pane's film as its layer (replacing one drawn before); none: no layer.
    Hidden (``visible`` False) during a blinded read, to be shown when it ends."""
    if not annotations.drawings:
        pane.overlays.remove(LAYER_ID)
        return
    pane.overlays.add(ContourLayer(id=LAYER_ID, name=NAME, visible=visible))
    group = pane.overlays.item(LAYER_ID)
    for level, drawing in enumerate(annotations.drawings):  # lowest first: a later layer is drawn over it
        colour = drawing.layer.colour
        for line in drawing.lines:
            item = _point(line[0], colour) if len(line) == 1 else _line(line, colour)
            item.setParentItem(group)
            item.setZValue(level)
        for note in drawing.notes:
            items = [_boxed(note, colour)] if note.box is not None else [_label(note, colour)]
            if note.box is not None and note.anchor is not None:
                items.append(_anchor_line(note.box, note.anchor, colour))
            for item in items:
                item.setParentItem(group)
                item.setZValue(level)
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
    """A note with only an anchor point: a label the layout places beside it."""
    label = LabelItem(note.text, colour, QtCore.QRectF(note.position[0], note.position[1], 0, 0))
    label.setPos(*note.position)
    return label


def _boxed(note: Note, colour: str) -> pg.TextItem:
    """A note in its bounding box, hanging from the top edge at the left, the middle or the right as justified; not a
    label, so the layout leaves it where the file puts it."""
    x0, y0, x1, _y1 = note.box
    along = _ALONG[note.justify]
    item = pg.TextItem(note.text, color=colour, anchor=(along, 0.0), fill=pg.mkBrush(*LABEL_FILL))
    item.setPos(x0 + along * (x1 - x0), y0)
    return item


def _anchor_line(box: tuple[float, float, float, float], anchor: tuple[float, float],
                 colour: str) -> QtWidgets.QGraphicsPathItem:
    """From the box's nearest point to the anchor point (nothing to see when the anchor lies in the box)."""
    near = (min(max(anchor[0], box[0]), box[2]), min(max(anchor[1], box[1]), box[3]))
    return _line((near, anchor), colour)

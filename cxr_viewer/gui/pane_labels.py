"""The labels of one pane: which take part, in which order they choose their spots, and where they go on screen.

Labels of overlays and measurements keep their screen size while the film zooms, so where they fit changes with
every zoom, pan, resize, turn and new label; the pane asks for a new layout after each. ``label_layout`` does the
placing on plain rectangles (Qt-free); this helper gathers them from the scene: each label's size and the box it
names, the corner texts, edge letters and measurement lines to keep clear of, all in scene units, which are screen
pixels; and, for a label placed farther off, the leader line back to what it names (``label_leader``).
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.corner_text import CornerText
from cxr_viewer.gui.label_geometry import Rect, Segment, meets, overlap
from cxr_viewer.gui.label_layout import LabelRequest, place_labels
from cxr_viewer.gui.label_leader import box_outline, leader, ring
from cxr_viewer.gui.label_notice import HiddenLabelsNotice
from cxr_viewer.gui.measure import MeasureTool
from cxr_viewer.gui.label_item import LabelItem
from cxr_viewer.gui.viewbox import ImageViewBox


class LabelPlacer:
    def __init__(self, view: QtWidgets.QGraphicsView, viewbox: ImageViewBox, image_item: QtWidgets.QGraphicsItem,
                 measure: MeasureTool, corners: CornerText) -> None:
        self._view = view
        self._viewbox = viewbox
        self._image_item = image_item
        self._measure = measure
        self._corners = corners
        corners.on_moved = self.place  # O, or a corner text grown wider, may now cover a label
        self.notice = HiddenLabelsNotice(view, lambda: view.mapFromScene(viewbox.sceneBoundingRect()).boundingRect(),
                                         self._corner_rects)

    def labels(self) -> list[LabelItem]:
        """The visible overlay and measurement labels, the topmost layer's first (the latest and most direct, such
        as a reader's own marks over the AI's findings) and measurements last: the layout gives earlier labels
        the better spots."""
        measurement_labels = [m.label for m in self._measure.measurements]
        found, pending = [], sorted(self._image_item.childItems(), key=lambda item: -item.zValue())
        while pending:
            item = pending.pop(0)
            if isinstance(item, LabelItem):
                if item.isVisible() and item not in measurement_labels:
                    found.append(item)
            else:
                pending.extend(item.childItems())
        return found + [label for label in measurement_labels if label.isVisible()]

    def place(self) -> None:
        """Place each visible label beside what it names, inside the view and clear of the other labels, the
        labelled outlines, the measurement lines, the corner text and the edge letters. A label with no free spot in
        view is made transparent rather than hidden, so the next layout still sees it and brings it back; so is one
        with no room anywhere, and the notice under the film counts those (the labels then keep off it too)."""
        labels = self.labels()
        if not labels:
            self.notice.show_count(0)
            return
        self._viewbox.updateMatrix()  # pyqtgraph defers the view transform until the next paint
        requests, anchors, outlines = [], [], []
        measured = {m.label: [_segment(self._image_item.mapToScene(start), self._image_item.mapToScene(end))
                              for start, end in m.lines] for m in self._measure.measurements}
        view = _rect(self._viewbox.sceneBoundingRect())
        for label in labels:
            label.wrap_to(view[2] - view[0] - 4)
            label.updateTransform()  # pyqtgraph re-cancels the view's scale and turn only at the next paint
            parent = label.parentItem()
            anchor = parent.mapToScene(label.pos())
            box = parent.mapRectToScene(label.box).adjusted(-label.clearance, -label.clearance,
                                                            label.clearance, label.clearance)
            size = label.text_size()
            requests.append(LabelRequest(size.width(), size.height(), _rect(box), anchor.x()))
            anchors.append(anchor)
            outlines.append(measured.get(label) or _outline(label, parent, box.center()))
        corners = [self._scene_rect(rect) for rect in self._corner_rects()]
        lines = [line for lines in measured.values() for line in lines]
        placed = place_labels(requests, view, corners, lines)
        notice = self.notice.show_count(_hidden(requests, placed, view))
        if notice is not None and any(rect and overlap(rect, self._scene_rect(notice)) for rect in placed):
            # placed again clear of it (only then: with no label under it, keeping off it would change nothing)
            placed = place_labels(requests, view, [*corners, self._scene_rect(notice)], lines)
            self.notice.show_count(_hidden(requests, placed, view))
        for label, anchor, rect, outline in zip(labels, anchors, placed, outlines):
            label.setOpacity(0.0 if rect is None else 1.0)
            line = None if rect is None else leader(rect, outline)
            label.lead_to(None if line is None else QtCore.QLineF(*line))
            if rect is not None:
                label.place_at(QtCore.QPointF(rect[0] - anchor.x(), rect[1] - anchor.y()))

    def _corner_rects(self) -> list[QtCore.QRect]:
        """Where the corner texts and edge letters shown lie, in the pane's coordinates."""
        texts = [*self._corners.labels.values(), *self._corners.edges.labels.values()]
        return [text.geometry() for text in texts if text.isVisible()]

    def _scene_rect(self, rect: QtCore.QRect) -> Rect:
        return _rect(self._view.mapToScene(rect).boundingRect())


def _hidden(requests: list[LabelRequest], placed: list[Rect | None], view: Rect) -> int:
    """The labels left out for want of room: no spot, though what they name is in view."""
    return sum(rect is None and meets(request.box, view) for request, rect in zip(requests, placed))


def _outline(label: LabelItem, parent: QtWidgets.QGraphicsItem, centre: QtCore.QPointF) -> list[Segment]:
    """What an overlay's label names, in scene units, for its leader: the contour, else the ring round a marker
    (``clearance`` round a point: the ring within a pixel), else the box's edges."""
    if label.outline is not None:
        points = list(parent.mapToScene(label.outline))
        return [_segment(a, b) for a, b in zip(points, points[1:] + points[:1])]
    if label.clearance > 0 and label.box.width() == label.box.height() == 0:
        return ring(centre.x(), centre.y(), label.clearance)
    return box_outline(_rect(parent.mapRectToScene(label.box)))


def _rect(rect: QtCore.QRectF) -> Rect:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def _segment(start: QtCore.QPointF, end: QtCore.QPointF) -> Segment:
    return start.x(), start.y(), end.x(), end.y()

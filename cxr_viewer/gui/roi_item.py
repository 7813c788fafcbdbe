"""One elliptical region of interest on the image: its outline and a label with its area and value statistics.

Drawn with one drag, corner to corner of the box the ellipse fits in; the figures (``core.roi_stats``) are worked
out again at each step of the drag from the film's modality values, so the reader sees the mean settle while placing
it. A move reads at most ``DRAG_SAMPLE`` pixels (a big box's figures are then marked as estimates, ``≈``) so the
drag keeps up with the mouse; ``settle`` puts the exact figures in when the drag ends. Like a distance, it is a
child of the image item, in image pixel coordinates, and follows zoom, turns and flips.
"""

from __future__ import annotations

import math

from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.calibration import PixelSpacing
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.roi_stats import RoiStats, roi_stats, roi_text
from cxr_viewer.gui.distance_item import OneShapeMeasurement

ROI = "roi"  # the tag of an ROI's mark in the session's memory
OUTLINE_STEPS = 48  # segments of the outline that picking and the label layout see
DRAG_SAMPLE = 250_000  # pixels a drag's move reads at most: a few ms, where a 2800 × 2800 box took ~170 ms


class RoiMeasurement(OneShapeMeasurement):
    """The box's two corners in image pixels; the ellipse is inscribed in it."""

    def __init__(self, parent: QtWidgets.QGraphicsItem, start: QtCore.QPointF) -> None:
        self.start = QtCore.QPointF(start)
        self.end = QtCore.QPointF(start)
        self.outline = QtWidgets.QGraphicsEllipseItem(parent)
        self.stats = RoiStats(0)
        super().__init__(parent, start, self.outline)

    def reshape(self, mark: tuple, spacing: PixelSpacing, image: LoadedImage | None, exact: bool) -> None:
        """The box ``mark`` gives (drawn again from the memory, or a side dragged), its figures from the film shown:
        estimated as during a drag unless ``exact``."""
        _tag, x0, y0, x1, y1 = mark
        self.start = QtCore.QPointF(x0, y0)
        self.drag_to(QtCore.QPointF(x1, y1), spacing, image, exact)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.start.x(), self.start.y(), self.end.x(), self.end.y()

    def drag_to(self, end: QtCore.QPointF, spacing: PixelSpacing, image: LoadedImage | None,
                exact: bool = False) -> None:
        """Move the free corner; the figures are estimates from ``DRAG_SAMPLE`` pixels unless ``exact``."""
        self.end = QtCore.QPointF(end)
        rect = QtCore.QRectF(self.start, self.end).normalized()
        self.outline.setRect(rect)
        self.stats = roi_stats(image, self.box, None if exact else DRAG_SAMPLE) if image is not None else RoiStats(0)
        self.text = roi_text(self.box, spacing, self.stats)
        self.label.setText(self.text)
        self.label.setPos(rect.topRight())
        self.label.box = rect

    def settle(self, spacing: PixelSpacing, image: LoadedImage | None) -> None:
        """The drag has ended: the exact figures, from every pixel inside, in place of the drag's estimates."""
        if self.stats.estimated:
            self.drag_to(self.end, spacing, image, exact=True)

    @property
    def mark(self) -> tuple:
        """What the session's memory keeps of it: its tag and the box's corners (the figures follow from the film)."""
        return (ROI, *self.box)

    @property
    def lines(self) -> list[tuple[QtCore.QPointF, QtCore.QPointF]]:
        """The outline as short segments: labels keep clear of it and a click near it picks it."""
        rect = QtCore.QRectF(self.start, self.end).normalized()
        centre, a, b = rect.center(), rect.width() / 2, rect.height() / 2
        points = [centre + QtCore.QPointF(a * math.cos(t), b * math.sin(t))
                  for t in (2 * math.pi * i / OUTLINE_STEPS for i in range(OUTLINE_STEPS + 1))]
        return list(zip(points, points[1:]))

"""One image pane: display, window/level, geometry (zoom, pan, rotate, flip), overlays, measurements.

The image item carries the rotation/flip transform; overlays and measurements are its children and
therefore follow it. The pane knows nothing about files, studies or plugins: the main window feeds it
``LoadedImage`` objects and wires its signals.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.spacing import display_aspect
from cxr_viewer.gui.colour_bar import ColourBarSlot
from cxr_viewer.gui.corner_text import CornerText
from cxr_viewer.gui.file_layers import file_layers
from cxr_viewer.gui.label_layout import LabelRequest, Rect, Segment, place_labels
from cxr_viewer.gui.measure import MeasureTool
from cxr_viewer.gui.measure_memory import MeasurementMemory, image_key
from cxr_viewer.gui.overlay_manager import OverlayManager
from cxr_viewer.gui.overlays import LabelItem
from cxr_viewer.gui.viewbox import ImageViewBox
from cxr_viewer.gui.window_level import (
    DisplayPipeline,
    WindowState,
    auto_window,
    carried_state,
    follow_window,
    initial_state,
    presets_for,
)


class ImagePane(pg.GraphicsView):
    window_changed = QtCore.Signal(object)  # WindowState, after every change
    cursor_text = QtCore.Signal(str)
    clicked = QtCore.Signal(float, float, object, object)  # image x, y, button, modifiers

    def __init__(self, parent: QtWidgets.QWidget | None = None, memory: MeasurementMemory | None = None) -> None:
        """``memory`` holds the session's measurements per image; panes that show the same films share one."""
        super().__init__(parent, background="k")
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)  # a click gives the image the keyboard (arrow keys)
        self.layout_item = pg.GraphicsLayout()
        self.layout_item.setContentsMargins(0, 0, 0, 0)
        self.setCentralItem(self.layout_item)
        self.viewbox = ImageViewBox()
        self.layout_item.addItem(self.viewbox, 0, 0)
        self.image_item = pg.ImageItem(axisOrder="row-major")
        self.viewbox.addItem(self.image_item)
        self.overlays = OverlayManager(self.image_item)
        self.colour_bar = ColourBarSlot(self.layout_item, column=1)
        self.overlays.colorbar_changed.connect(self.colour_bar.show_for)
        self.overlays.marker_clicked.connect(self.clicked)  # editable markers take the press; pass clicks on
        self.measure = MeasureTool(self.image_item, self, memory)
        self.viewbox.left_drag_handlers.append(self.measure.handle_drag)
        self.viewbox.window_dragged.connect(self._on_window_drag)
        self.viewbox.clicked.connect(self._on_click)
        self.viewbox.sigRangeChanged.connect(lambda *_: self.refresh_text())
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.corners = CornerText(self, self._image_area)
        self.viewbox.sigResized.connect(lambda *_: self.corners.place())
        # labels keep their screen size, so where they fit changes with every zoom, pan, resize and new label
        self.viewbox.sigRangeChanged.connect(lambda *_: self.layout_labels())
        self.viewbox.sigResized.connect(lambda *_: self.layout_labels())
        self.overlays.changed.connect(self.layout_labels)
        self.measure.measured.connect(lambda _text: self.layout_labels())
        self.image: LoadedImage | None = None
        self.pipeline: DisplayPipeline | None = None
        self.state: WindowState | None = None
        self.rotation = 0  # quarter turns clockwise
        self.flip_h = False
        self.flip_v = False
        self.blinded = False
        self.position_text = ""

    # --- image and window ----------------------------------------------------------------------------
    def set_image(self, image: LoadedImage, keep_series_window: bool = False) -> None:
        """Show ``image`` fitted and unrotated with its own window; with ``keep_series_window`` (the main pane's
        navigation) the window chosen on the image it replaces is kept when both belong to one series
        (``carried_state``). ``start_state`` stays the file's own window either way."""
        carried = carried_state(self.image, self.start_state, self.state, image) if keep_series_window else None
        self.image = image
        self.cursor_text.emit("")  # the last film's pixel values must not stand beside this one
        self.pipeline = DisplayPipeline(image)
        self.overlays.clear()
        self.overlays.image_shape = image.shape
        for layer in file_layers(image):  # the file's own shutter and overlay planes, under plugin layers
            self.overlays.add(layer)
        self.measure.show_image(image_key(image), image.spacing)  # the ones drawn on it earlier in the session
        self._start_state = initial_state(image)
        self.state = carried or self._start_state
        self._show(self.state)
        self.rotation, self.flip_h, self.flip_v = 0, False, False
        self._apply_transform()
        self.fit()
        self.refresh_text()

    def clear_image(self) -> None:
        self.image = self.pipeline = self.state = None
        self.cursor_text.emit("")
        self.image_item.clear()
        self.overlays.clear()
        self.measure.show_image(None)  # off the screen, still kept for their image
        self.refresh_text()

    def show_kept_measurements(self) -> None:
        """Draw again what the memory holds for the image on screen (after a blinded read suspended or resumed it)."""
        self.measure.show_image(image_key(self.image), self.measure.spacing)
        self.layout_labels()

    def set_window_state(self, state: WindowState) -> None:
        if self.pipeline is None:
            return
        self.state = state
        self._show(state)
        self.refresh_text()
        self.window_changed.emit(state)

    def _show(self, state: WindowState) -> None:
        # one uint8 picture per change (the LUT applied on a few threads); levels 0–255 with no LUT of its own
        # make pyqtgraph show it as is
        self.image_item.setImage(self.pipeline.render(state), autoLevels=False, levels=(0, 255), lut=None)
        self.overlays.follow_film_window(self._start_state, state, self.image.default_invert)

    def set_window(self, center: float, width: float) -> None:
        """An explicit window (linked panes, ``--window``, plugins) replaces a VOI LUT, which would hide it."""
        if self.state is not None:
            self.set_window_state(replace(self.state, center=float(center), width=max(1.0, float(width)), voi_lut=None))

    @property
    def start_state(self) -> WindowState | None:
        """The window the image opened with: what derived pictures and linked panes measure changes from."""
        return self._start_state if self.image is not None else None

    def follow_window_of(self, source: "ImagePane") -> None:
        """Linked W/L: take the source's change from its opening window in proportion to this film's own opening
        window, so a prior from another detector (another value range) stays readable."""
        if self.state is None or source.state is None or self.image is None or source.image is None:
            return
        mine = self._start_state
        followed = follow_window((mine.center - mine.width / 2, mine.center + mine.width / 2), source.start_state,
                                 source.state, source.image.default_invert, self.image.default_invert)
        self.set_window_state(replace(self.state, center=(followed.low + followed.high) / 2,
                                      width=max(1.0, followed.high - followed.low), voi_lut=None,
                                      invert=self.image.default_invert != followed.reversed))

    def toggle_invert(self) -> None:
        if self.state is not None:
            self.set_window_state(replace(self.state, invert=not self.state.invert))

    def apply_preset(self, number: int) -> bool:
        """Key ``number`` (1-based): the file's windows first, then the defaults; False if there is none."""
        if self.image is None or self.state is None:
            return False
        presets = presets_for(self.image)
        if not 1 <= number <= len(presets):
            return False
        self.set_window_state(self.state.with_preset(presets[number - 1]))
        return True

    def apply_auto_window(self) -> None:
        if self.image is not None and self.state is not None and not self.image.is_rgb:
            self.set_window_state(self.state.with_preset(auto_window(self.image)))

    def _on_window_drag(self, dx: float, dy: float) -> None:
        if self.state is not None and self.pipeline is not None and not self.image.is_rgb:
            self.set_window_state(self.state.dragged(dx, dy, self.pipeline.value_range))

    # --- geometry -------------------------------------------------------------------------------------
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
        self.layout_labels()

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

    def fit(self) -> None:
        if self.image is not None:
            self.viewbox.setRange(self.image_rect_in_view(), padding=0.0)

    @property
    def zoom(self) -> float:
        """Screen pixels per image pixel."""
        shown = self.viewbox.viewRect().width()
        return self.viewbox.width() / shown if shown > 0 else 1.0

    def center_on(self, x: float, y: float, zoom: float | None = None) -> None:
        """Centre on image point (x, y); ``zoom`` in screen pixels per image pixel (None keeps the zoom)."""
        centre = self.image_item.mapToParent(QtCore.QPointF(x, y))
        box = self.viewbox.rect()
        scale = zoom if zoom else self.zoom
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
        self.center_on(centre.x(), centre.y(), zoom=1.0)

    def reset(self) -> None:
        """Back to the file's window, no rotation or flip, fitted; overlays and measurements stay."""
        if self.image is None:
            return
        self.rotation, self.flip_h, self.flip_v = 0, False, False
        self._apply_transform()
        self.set_window_state(initial_state(self.image))
        self.fit()

    def image_point_at(self, scene_pos: QtCore.QPointF) -> QtCore.QPointF:
        self.viewbox.updateMatrix()  # pyqtgraph defers the view transform until the next paint
        return self.image_item.mapFromScene(scene_pos)

    # --- readouts -------------------------------------------------------------------------------------
    def _on_mouse_moved(self, scene_pos: QtCore.QPointF) -> None:
        if self.image is None:
            return
        point = self.image_point_at(scene_pos)
        col, row = math.floor(point.x()), math.floor(point.y())
        height, width = self.image.shape
        if not (0 <= row < height and 0 <= col < width):
            self.cursor_text.emit("")
            return
        stored = self.image.stored[row, col]
        value = self.image.value_at(row, col)
        shown = np.array2string(np.asarray(value)) if np.ndim(value) else f"{float(value):g}"
        self.cursor_text.emit(f"x {col}  y {row}   stored {np.asarray(stored).tolist()}   value {shown}")

    def _on_click(self, scene_pos: QtCore.QPointF, button: object, modifiers: object) -> None:
        picked = self.measure.pick(scene_pos)
        self.measure.select(picked)
        if picked is None:
            point = self.image_point_at(scene_pos)
            self.clicked.emit(point.x(), point.y(), button, modifiers)

    def window_text(self) -> str:
        if self.state is None or self.image is None:
            return ""
        inverted = "  inverted" if self.state.invert != self.image.default_invert else ""
        if self.image.is_rgb:
            return f"RGB{inverted}"
        if self.state.voi_lut is not None:
            return f"VOI LUT {self.state.voi_lut.name}{inverted}"
        return f"W {self.state.width:.0f}  L {self.state.center:.0f}{inverted}"

    def refresh_text(self) -> None:
        self.corners.update(self.image, self.window_text(), self.zoom, self.position_text, self.blinded)

    def labels(self) -> list[LabelItem]:
        """The visible overlay and measurement labels, the topmost layer's first (the latest and most direct, such
        as a reader's own marks over the AI's findings) and measurements last: the layout gives earlier labels
        the better spots."""
        measurement_labels = [m.label for m in self.measure.measurements]
        found, pending = [], sorted(self.image_item.childItems(), key=lambda item: -item.zValue())
        while pending:
            item = pending.pop(0)
            if isinstance(item, LabelItem):
                if item.isVisible() and item not in measurement_labels:
                    found.append(item)
            else:
                pending.extend(item.childItems())
        return found + [label for label in measurement_labels if label.isVisible()]

    def layout_labels(self) -> None:
        """Place each visible label beside what it names, inside the view and clear of the other labels, the
        labelled outlines, the measurement lines and the corner text (``label_layout``); in scene units, which are
        screen pixels."""
        labels = self.labels() if self.image is not None else []
        if not labels:
            return
        self.viewbox.updateMatrix()  # pyqtgraph defers the view transform until the next paint
        requests, anchors = [], []
        for label in labels:
            label.updateTransform()  # pyqtgraph re-cancels the view's scale and turn only at the next paint
            parent = label.parentItem()
            anchor = parent.mapToScene(label.pos())
            box = parent.mapRectToScene(label.box).adjusted(-label.clearance, -label.clearance,
                                                            label.clearance, label.clearance)
            size = label.text_size()
            requests.append(LabelRequest(size.width(), size.height(), _rect(box), anchor.x()))
            anchors.append(anchor)
        corners = [_rect(self.mapToScene(corner.geometry()).boundingRect())
                   for corner in self.corners.labels.values() if corner.isVisible()]
        lines = [_segment(self.image_item.mapToScene(m.start), self.image_item.mapToScene(m.end))
                 for m in self.measure.measurements]
        placed = place_labels(requests, _rect(self.viewbox.sceneBoundingRect()), corners, lines)
        for label, anchor, rect in zip(labels, anchors, placed):
            label.setOpacity(0.0 if rect is None else 1.0)  # stays visible to the layout, which brings it back
            if rect is not None:
                label.place_at(QtCore.QPointF(rect[0] - anchor.x(), rect[1] - anchor.y()))

    def _image_area(self) -> QtCore.QRect:
        return self.mapFromScene(self.viewbox.sceneBoundingRect()).boundingRect()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        if hasattr(self, "corners"):  # pyqtgraph resizes during its own __init__
            self.colour_bar.fit(self.width())
            self.corners.place()

    def export_png(self, path: str) -> QtCore.QSize:
        """Save what the pane shows (image, overlays, measurements, corner text) at its on-screen size."""
        pixmap = self.grab()
        if not pixmap.save(str(path), "PNG"):
            raise OSError(f"could not write PNG to {path}")
        return pixmap.size()


def _rect(rect: QtCore.QRectF) -> Rect:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def _segment(start: QtCore.QPointF, end: QtCore.QPointF) -> Segment:
    return start.x(), start.y(), end.x(), end.y()

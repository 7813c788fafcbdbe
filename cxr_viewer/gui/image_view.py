"""One image pane: the film with its window/level, geometry, overlays, measurements and corner text.

The pane puts together and wires parts that each have one job: ``AnnotatedView``, which it extends, keeps the corner
text, the empty pane's hint, the colour bar and the pixel readout in screen space; its base ``WindowedView`` shows
the film through the window each W/L command asks for (``Windowing``), and ``FilmView`` below that turns, flips,
fits and zooms it; ``OverlayManager`` and ``MeasureTool`` draw on the film and ``LabelPlacer`` places their labels.
What is left here is what needs them all: a film in and out, the labels' layout, clicks, and the export. The pane
knows nothing about files, studies or plugins: the main window feeds it ``LoadedImage`` objects and wires its signals.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.edge_enhance import OFF
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.gui.annotated_view import AnnotatedView
from cxr_viewer.gui.file_layers import file_layers
from cxr_viewer.gui.measure import MeasureTool
from cxr_viewer.gui.measure_memory import MeasurementMemory, image_key
from cxr_viewer.gui.overlay_manager import OverlayManager
from cxr_viewer.gui.label_item import LabelItem
from cxr_viewer.gui.output_grab import grab_for_output
from cxr_viewer.gui.pane_labels import LabelPlacer


class ImagePane(AnnotatedView):
    clicked = QtCore.Signal(float, float, object, object)  # image x, y, button, modifiers
    film_shown = QtCore.Signal()  # a film, or another frame of it, is on screen with its layers cleared (gsps_session)

    def __init__(self, parent: QtWidgets.QWidget | None = None, memory: MeasurementMemory | None = None) -> None:
        """``memory`` holds the session's measurements per image; panes that show the same films share one."""
        super().__init__(parent)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)  # a click gives the image the keyboard (arrow keys)
        self.overlays = OverlayManager(self.image_item)
        self.overlays.colorbar_changed.connect(self.colour_bar.show_for)
        self.overlays.marker_clicked.connect(self.clicked)  # editable markers take the press; pass clicks on
        self.measure = MeasureTool(self.image_item, self, memory, lambda: self.image)
        self.viewbox.left_drag_handlers.append(self.measure.handle_drag)
        self.viewbox.clicked.connect(self._on_click)
        self.label_placer = LabelPlacer(self, self.viewbox, self.image_item, self.measure, self.corners)
        # labels keep their screen size, so where they fit changes with every zoom, pan, resize and new label
        self.viewbox.sigRangeChanged.connect(lambda *_: self.layout_labels())
        self.viewbox.sigResized.connect(lambda *_: self.layout_labels())
        self.overlays.changed.connect(self.layout_labels)
        self.transformed.connect(self.layout_labels)  # after ``AnnotatedView`` wrote the edge letters the labels avoid
        self.measure.measured.connect(lambda _text: self.layout_labels())

    # --- the film -------------------------------------------------------------------------------------
    def set_image(self, image: LoadedImage, keep_series_window: bool = False) -> None:
        """Show ``image`` fitted and unrotated with its own window; with ``keep_series_window`` (the main pane's
        navigation) the window chosen on the image it replaces is kept when both belong to one series
        (``Windowing.open``)."""
        state = self.windowing.open(image, keep_series_window)
        self.image = image
        self.empty_hint.film_shown(True)
        self.overlays.clear()
        self.overlays.image_shape = image.shape
        for layer in file_layers(image):  # the file's own shutter and overlay planes, under plugin layers
            self.overlays.add(layer)
        self.measure.show_image(image_key(image), image.spacing,  # the ones drawn on it earlier in the session
                                str(image.metadata.get("ViewPosition", "") or ""))
        self._show(state)
        self.upright()  # its ``transformed`` rewrites the text and reads the pixel under the pointer again
        self.fit()
        self.film_shown.emit()

    def show_frame(self, image: LoadedImage) -> None:
        """Another frame of the film on screen (``frame_stepper``): the frames share one geometry, so zoom, pan,
        turn and flip stay, and the reader's window (``Windowing.another_frame``). Measurements are the frame's own
        (``measure_memory.image_key``); plugin layers go, as with a new film: they were made from another frame."""
        state = self.windowing.another_frame(image)
        self.image = image
        self.overlays.clear()
        for layer in file_layers(image):
            self.overlays.add(layer)
        self.measure.show_image(image_key(image), image.spacing)
        self._show(state)
        self.refresh_text()
        self.readout.refresh()
        self.layout_labels()
        self.film_shown.emit()

    def clear_image(self) -> None:
        self.image = None
        self.empty_hint.film_shown(False)
        self.windowing.close()
        self.readout.refresh()
        self.image_item.clear()
        self.overlays.clear()
        self.measure.show_image(None)  # off the screen, still kept for their image
        self.refresh_text()

    def show_kept_measurements(self) -> None:
        """Draw again what the memory holds for the image on screen (after a blinded read suspended or resumed it)."""
        self.measure.show_image(image_key(self.image), self.measure.spacing)
        self.layout_labels()

    def reset(self) -> None:
        """Back to the file's window, no rotation or flip, no edge enhancement, fitted; overlays and measurements
        stay."""
        if self.image is None:
            return
        self.set_edge(OFF)
        self.upright()
        self.set_window_state(self.windowing.own_window())
        self.fit()

    # --- labels, clicks, export ---------------------------------------------------------------------------
    def labels(self) -> list[LabelItem]:
        return self.label_placer.labels()

    def layout_labels(self) -> None:
        if self.image is not None:
            self.label_placer.place()

    def _on_click(self, scene_pos: QtCore.QPointF, button: object, modifiers: object) -> None:
        """A click selects a measurement, else goes to the plugins. Not a left click while a measuring tool is on:
        that click is the tool's, and passed on as well it put a reader study's FROC mark where the reader meant to
        measure (one click, two meanings)."""
        picked = self.measure.pick(scene_pos)
        self.measure.select(picked)
        if picked is None and not (self.measure.mode and button == QtCore.Qt.MouseButton.LeftButton):
            point = self.image_point_at(scene_pos)
            self.clicked.emit(point.x(), point.y(), button, modifiers)

    def export_png(self, path: str) -> QtCore.QSize:
        """Save what the pane shows (film, overlays, measurements, corner text) at its size, without handles
        (``output_grab``)."""
        pixmap = grab_for_output(self, [self])
        if not pixmap.save(str(path), "PNG"):
            raise OSError(f"could not write PNG to {path}")
        return pixmap.size()

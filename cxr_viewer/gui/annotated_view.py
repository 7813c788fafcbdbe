"""A windowed film view with what the pane writes and draws in screen space around the film: the base of ``ImagePane``.

The corner text, the empty pane's hint, the heat map's colour bar and the pixel readout under the pointer sit over
or beside the film at a fixed screen size, so they follow the pane's size and the pointer rather than the film:
each is placed again on every resize, and the corner text is rewritten on every zoom, pan, turn and flip. They are
kept here, apart from what is drawn on the film (layers, measurements, their labels), which stays ``ImagePane``'s.
Who fills them (the position line, the blinded flag, the hint's keys) is the window's business, not this view's.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.core.orientation import DisplayTurn
from cxr_viewer.gui.colour_bar import ColourBarSlot
from cxr_viewer.gui.corner_text import CornerText
from cxr_viewer.gui.cursor_readout import CursorReadout
from cxr_viewer.gui.empty_hint import EmptyHint
from cxr_viewer.gui.windowed_view import WindowedView


class AnnotatedView(WindowedView):
    cursor_text = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.blinded = False
        self.position_text = ""
        self.colour_bar = ColourBarSlot(self.layout_item, column=1, pane=self)
        self.viewbox.sigRangeChanged.connect(lambda *_: self.refresh_text())
        self.readout = CursorReadout(self, self.cursor_text.emit)
        self.corners = CornerText(self, self._image_area)
        self.viewbox.sigResized.connect(lambda *_: self.corners.place())
        self.empty_hint = EmptyHint(self, self._image_area)  # its text comes from the window: the keys are its
        self.viewbox.sigResized.connect(lambda *_: self.empty_hint.place())
        self.transformed.connect(self.refresh_text)  # the edge letters and the turn line; before the labels' layout

    def refresh_text(self) -> None:
        """The corner's zoom counts display (device) pixels per image pixel: 1.00× is what 0 (1:1) shows, whatever
        the screen's scaling."""
        display_zoom = self.zoom / self.viewbox.one_to_one_zoom()
        self.corners.update(self.image, self.window_text(), display_zoom, self.position_text, self.blinded,
                            DisplayTurn(self.rotation, self.flip_h, self.flip_v))

    def mouseMoveEvent(self, ev: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt naming
        super().mouseMoveEvent(ev)
        self.readout.pointer_moved(ev.position())

    def leaveEvent(self, ev: QtCore.QEvent) -> None:  # noqa: N802 - Qt naming
        super().leaveEvent(ev)
        self.readout.pointer_left()

    def _image_area(self) -> QtCore.QRect:
        return self.mapFromScene(self.viewbox.sceneBoundingRect()).boundingRect()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        if hasattr(self, "corners"):  # pyqtgraph resizes during its own __init__
            self.colour_bar.fit(self.width())
            self.corners.place()
            self.empty_hint.place()

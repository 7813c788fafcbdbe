"""The pixel readout of one pane kept true to what lies under the pointer, whether the pointer or the film moved.

Reading only on mouse moves left the readout stale: after T with the pointer still, it went on naming the pixel
that had been under it before the turn, and it stayed after the pointer left the pane. So the pane reads again
where the pointer rests after every change of what is drawn there (turn, flip, zoom, pan, resize, a new film or
none) and says nothing once the pointer has left. A pane speaks only while the pointer is over it: in 1×2 both
write to one status bar, and a prior that follows a linked zoom, or that a new film replaces, must not overwrite
or clear what the other pane says.

Reading is cheap (one mapping, one pixel, ``pixel_readout``) and the window/level drag changes none of it, so that
hot path only records where the pointer is. pyqtgraph drops moves within 10 ms of the last one, so the pane looks
once more where the pointer stopped.
"""

from __future__ import annotations

from typing import Callable

from PySide6 import QtCore

from cxr_viewer.gui.film_view import FilmView
from cxr_viewer.gui.pixel_readout import pixel_readout

READOUT_SETTLE_MS = 30  # after the last move: longer than pyqtgraph's 10 ms between moves, too short to notice


class CursorReadout(QtCore.QObject):
    def __init__(self, view: FilmView, show: Callable[[str], None]) -> None:
        """Read ``view``'s film under the pointer and hand the text (or "" for none) to ``show``."""
        super().__init__(view)
        self._view = view
        self._show = show
        self._pointer: QtCore.QPointF | None = None  # scene position of the pointer while it is over the view
        self._hidden = False  # a plugin covers the film (``set_pixel_readout_hidden``): nothing of it is read out
        self._settle = QtCore.QTimer(self, singleShot=True, interval=READOUT_SETTLE_MS)
        self._settle.timeout.connect(self.refresh)
        view.scene().sigMouseMoved.connect(self._moved_in_scene)
        view.viewbox.sigRangeChanged.connect(lambda *_: self.refresh())  # zoom, pan, fit, 1:1, resize
        view.transformed.connect(self.refresh)  # turn, flip, a film upright again

    def pointer_moved(self, viewport_pos: QtCore.QPointF) -> None:
        """Every mouse move over the view, the W/L drag's too: remember the point and read it once it rests."""
        # not rounded to whole screen pixels: on a 200 % display the pointer moves by halves, and at 1:1 each half
        # is another film pixel
        self._pointer = self._view.viewportTransform().inverted()[0].map(viewport_pos)
        self._settle.start()

    def pointer_left(self) -> None:
        """The pointer left the pane: nothing is under it any more."""
        if self._pointer is not None:
            self._pointer = None
            self._settle.stop()
            self._show("")

    def set_hidden(self, hidden: bool) -> None:
        """Say nothing of the film while ``hidden`` (it is covered), and read it again at once when it is not."""
        self._hidden = hidden
        self.refresh()

    def refresh(self) -> None:
        """Read again where the pointer rests (the view's film, or none, under it has changed); nothing if it is
        not over this view."""
        if self._pointer is not None:
            self._read(self._pointer)

    def _moved_in_scene(self, scene_pos: QtCore.QPointF) -> None:
        self._pointer = QtCore.QPointF(scene_pos)
        self._read(scene_pos)

    def _read(self, scene_pos: QtCore.QPointF) -> None:
        image = self._view.image
        if image is None or self._hidden:
            self._show("")
            return
        point = self._view.image_point_at(scene_pos)
        self._show(pixel_readout(image, point.x(), point.y()))

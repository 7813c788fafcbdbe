"""A film view that shows its film through a window/level: the display half of an image pane.

Window presets (1–9), W, I, the right-drag, ``--window``, plugins and a linked pane each ask ``Windowing`` (Qt-free)
for a window; this view shows what comes back, or nothing where the command does not apply (no film; a colour film
has no window to drag). Showing a window paints one uint8 picture from the display pipeline (``window_level``) and
repaints what depends on the window: the layers drawn from the film (a bone-suppressed picture follows it) and the
corner line that names it. Its subclasses own them (``ImagePane``, ``AnnotatedView``), and they are called directly
rather than through a signal: the right-drag repaints a 3000×3000 film on every mouse move
(``benchmarks/bench_viewer.py``), so this path gets no hop it does not need. Geometry (turn, flip, zoom) is
``FilmView``'s; nothing here knows of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.edge_enhance import Strength, next_strength
from cxr_viewer.gui.film_view import FilmView
from cxr_viewer.gui.window_level import DisplayPipeline, WindowState
from cxr_viewer.gui.windowing import Windowing

if TYPE_CHECKING:
    from cxr_viewer.gui.overlay_manager import OverlayManager


class WindowedView(FilmView):
    window_changed = QtCore.Signal(object)  # WindowState, after every change

    # supplied by the subclasses: the layers over the film (ImagePane), the corner text with the window's line
    # (AnnotatedView)
    overlays: OverlayManager
    refresh_text: Callable[[], None]

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.windowing = Windowing()
        self.viewbox.window_dragged.connect(lambda dx, dy: self._show_requested(self.windowing.dragged(dx, dy)))

    @property
    def state(self) -> WindowState | None:
        return self.windowing.state

    @property
    def pipeline(self) -> DisplayPipeline | None:
        return self.windowing.pipeline

    @property
    def start_state(self) -> WindowState | None:
        """The window the image opened with: what derived pictures and linked panes measure changes from."""
        return self.windowing.start

    def set_window_state(self, state: WindowState) -> None:
        if self.pipeline is None:
            return
        self.windowing.state = state
        self._show(state)
        self.refresh_text()
        self.window_changed.emit(state)

    def _show(self, state: WindowState) -> None:
        # one uint8 picture per change (the LUT applied on a few threads); levels 0–255 with no LUT of its own
        # make pyqtgraph show it as is
        self.image_item.setImage(self.pipeline.render(state), autoLevels=False, levels=(0, 255), lut=None)
        self.overlays.follow_film_window(self.windowing.start, state, self.image.default_invert)

    def _show_requested(self, state: WindowState | None) -> bool:
        """Show the window a command asked for; None: the command does not apply to this film (or to none)."""
        if state is None:
            return False
        self.set_window_state(state)
        return True

    def set_window(self, center: float, width: float) -> None:
        self._show_requested(self.windowing.explicit(center, width))

    def follow_window_of(self, source: "WindowedView") -> None:
        self._show_requested(self.windowing.following(source.windowing))

    def toggle_invert(self) -> None:
        self._show_requested(self.windowing.inverted())

    def apply_preset(self, number: int) -> bool:
        """Key ``number`` (1-based): the file's windows first, then the defaults; False if there is none."""
        return self._show_requested(self.windowing.preset(number))

    def apply_auto_window(self) -> None:
        self._show_requested(self.windowing.automatic())

    def set_edge(self, strength: Strength) -> None:
        """Edge enhancement at ``strength`` (kept for the films that follow, as a reading choice); the window
        stays; presets and the readout still read the original film. A colour film has none."""
        self.windowing.edge = strength
        if self.image is not None:
            self.windowing.pipeline = DisplayPipeline(self.image, strength)
            self._show(self.state)
        self.refresh_text()

    def cycle_edge(self) -> Strength:
        """The key: off, +1, +2, +3, off."""
        self.set_edge(next_strength(self.windowing.edge))
        return self.windowing.edge

    def window_text(self) -> str:
        """The corner's window line, with the edge enhancement on screen (``Edge +2``): the picture is not the
        film's plain pixels, so a screenshot or an exported view says so."""
        text, level = self.windowing.text(), self.windowing.edge.level
        return f"{text}  Edge +{level}" if level and self.image is not None and not self.image.is_rgb else text

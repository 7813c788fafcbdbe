"""1×1 and 1×2 layouts of image panes, the active pane, and optional linking of zoom/pan and of window/level.

The second pane is for comparison with a prior: linked zoom/pan keeps the same anatomy in view in
both (pyqtgraph view linking), linked W/L moves the other film's window in proportion to its own opening window
(``ImagePane.follow_window_of``): modality units differ between detectors, so copying them could black out a prior.

In 1×2 the reader picks the pane that display commands (window presets, invert, zoom, rotate, reset, export) act
on by clicking or focusing it; a thin outline (``PaneFrame``) shows which. In 1×1 the left pane is the only one and
always active, so leaving 1×2 gives the keys back to the current film.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.image_view import ImagePane
from cxr_viewer.gui.measure_memory import MeasurementMemory
from cxr_viewer.gui.pane_frame import PaneFrame

_ACTIVATING_EVENTS = (QtCore.QEvent.Type.FocusIn, QtCore.QEvent.Type.MouseButtonPress)


class PaneLayout(QtWidgets.QSplitter):
    layout_changed = QtCore.Signal(str)
    # the active pane, when another pane becomes active or the film in the active one is replaced (the tag panel
    # follows it); the main pane's new film is announced by the window itself
    active_film_changed = QtCore.Signal(object)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(QtCore.Qt.Orientation.Horizontal, parent)
        self.measurement_memory = MeasurementMemory()  # one for both: measurements belong to the film, not the pane
        self.panes = [ImagePane(memory=self.measurement_memory), ImagePane(memory=self.measurement_memory)]
        self.frames = [PaneFrame(pane) for pane in self.panes]
        for pane, frame in zip(self.panes, self.frames):
            self.addWidget(frame)
            pane.window_changed.connect(lambda _state, source=pane: self._copy_window(source))
            pane.installEventFilter(self)  # focus by Tab or by the window (a click gives it too)
            pane.viewport().installEventFilter(self)  # any button: a right-drag on the prior makes it active
        self.frames[1].hide()
        self.mode = "1x1"
        self.linked_view = False
        self.linked_window = False
        self._copying = False
        self._active = self.panes[0]

    @property
    def primary(self) -> ImagePane:
        return self.panes[0]

    @property
    def secondary(self) -> ImagePane | None:
        return self.panes[1] if self.mode == "1x2" else None

    @property
    def active(self) -> ImagePane:
        """The pane display commands act on: the one last clicked or focused in 1×2, the left one in 1×1."""
        return self._active

    def set_active(self, pane: ImagePane) -> None:
        """Make ``pane`` the active one; the right pane only while it is shown."""
        if pane is self._active or (pane is not self.primary and self.mode != "1x2"):
            return
        self._active = pane
        for frame in self.frames:
            frame.set_highlighted(self.mode == "1x2" and frame.pane is pane)
        self.active_film_changed.emit(pane)

    def film_replaced(self, pane: ImagePane) -> None:
        """``pane`` shows another film, or none: say so when it is the active one."""
        if pane is self._active:
            self.active_film_changed.emit(pane)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() in _ACTIVATING_EVENTS:
            for pane in self.panes:
                if watched is pane or watched is pane.viewport():
                    self.set_active(pane)
        return False  # the pane still gets the event: the click selects, drags, gives focus as before

    def set_mode(self, mode: str) -> None:
        if mode not in ("1x1", "1x2"):
            raise ValueError(f"unknown layout {mode!r}: use 1x1 or 1x2")
        right_had_focus = self.panes[1].hasFocus()
        self.mode = mode
        self.frames[1].setVisible(mode == "1x2")
        for frame in self.frames:
            frame.set_outlined(mode == "1x2")
            frame.set_highlighted(mode == "1x2" and frame.pane is self._active)
        if mode == "1x2":
            self.setSizes([1, 1])
        else:
            self.set_active(self.primary)
            if right_had_focus:  # hidden, it would hand the keyboard to whatever widget Qt picks next
                self.primary.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        self.layout_changed.emit(mode)

    def set_linked_view(self, linked: bool) -> None:
        self.linked_view = linked
        first, second = (pane.viewbox for pane in self.panes)
        second.setXLink(first if linked else None)
        second.setYLink(first if linked else None)

    def set_linked_window(self, linked: bool) -> None:
        self.linked_window = linked
        if linked:
            self._copy_window(self.primary)

    def _copy_window(self, source: ImagePane) -> None:
        if not self.linked_window or self._copying or self.mode != "1x2":
            return
        self._copying = True
        try:
            for pane in self.panes:
                if pane is not source:
                    pane.follow_window_of(source)
        finally:
            self._copying = False

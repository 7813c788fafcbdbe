"""1×1 and 1×2 layouts of image panes, with optional linking of zoom/pan and of window/level.

The second pane is for comparison with a prior: linked zoom/pan keeps the same anatomy in view in
both (pyqtgraph view linking), linked W/L moves the other film's window in proportion to its own opening window
(``ImagePane.follow_window_of``): modality units differ between detectors, so copying them could black out a prior.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.image_view import ImagePane


class PaneLayout(QtWidgets.QSplitter):
    layout_changed = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(QtCore.Qt.Orientation.Horizontal, parent)
        self.panes = [ImagePane(), ImagePane()]
        for pane in self.panes:
            self.addWidget(pane)
            pane.window_changed.connect(lambda _state, source=pane: self._copy_window(source))
        self.panes[1].hide()
        self.mode = "1x1"
        self.linked_view = False
        self.linked_window = False
        self._copying = False

    @property
    def primary(self) -> ImagePane:
        return self.panes[0]

    @property
    def secondary(self) -> ImagePane | None:
        return self.panes[1] if self.mode == "1x2" else None

    def set_mode(self, mode: str) -> None:
        if mode not in ("1x1", "1x2"):
            raise ValueError(f"unknown layout {mode!r}: use 1x1 or 1x2")
        self.mode = mode
        self.panes[1].setVisible(mode == "1x2")
        if mode == "1x2":
            self.setSizes([1, 1])
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

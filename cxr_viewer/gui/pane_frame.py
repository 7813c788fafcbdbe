"""The thin outline around an image pane in the 1×2 layout, marking the active pane (the one keys and export act on).

The outline is drawn by a wrapper widget around the pane, not as a border of the pane itself: an export grabs the
pane, so a key image never carries the outline, and moving the highlight only recolours the wrapper, so neither
film is resized or refitted when the reader clicks from one to the other. In 1×1 there is nothing to choose between
and the wrapper draws nothing (no margin at all), so the single film keeps every pixel.
"""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets

from cxr_viewer.gui.image_view import ImagePane

# a muted steel blue: seen at a glance at the pane's edge, yet no colour the films, overlays or labels use
ACTIVE_COLOUR = QtGui.QColor(84, 128, 178)
IDLE_COLOUR = QtGui.QColor(38, 38, 38)  # the other pane: a dark edge, so the two films still read as two
OUTLINE_PX = 2


class PaneFrame(QtWidgets.QWidget):
    def __init__(self, pane: ImagePane, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.pane = pane
        self.highlighted = False
        self._box = QtWidgets.QVBoxLayout(self)
        self._box.addWidget(pane)
        self.set_outlined(False)

    def set_outlined(self, outlined: bool) -> None:
        """Leave room for the outline (1×2) or none (1×1)."""
        margin = OUTLINE_PX if outlined else 0
        self._box.setContentsMargins(margin, margin, margin, margin)

    def set_highlighted(self, highlighted: bool) -> None:
        self.highlighted = highlighted
        self.update()

    def outline_colour(self) -> QtGui.QColor:
        return ACTIVE_COLOUR if self.highlighted else IDLE_COLOUR

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QtGui.QPainter(self)
        painter.fillRect(self.rect(), self.outline_colour())  # the pane covers all but the margin
        painter.end()

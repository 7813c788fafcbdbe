"""What a layer draws at a fixed screen size whatever the zoom: label text on its dark box, and cosmetic pens.

Both keep overlays readable when the film is zoomed out; the distance tool (``measure``) draws with them too, so its
labels and lines look like a layer's and the pane's label layout places every label alike.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtGui

LABEL_FILL = (0, 0, 0, 210)  # nearly opaque: on a bright film a lighter box turns mid-grey and coloured text fades


def cosmetic_pen(color: str, width: float) -> QtGui.QPen:
    """A pen ``width`` screen (logical) pixels wide whatever the zoom.

    Qt draws a cosmetic pen's width in device pixels, so on a display scaled 200 % a 2-pixel line would come out
    half as thick as the text and rings beside it; the width is multiplied by the application's device pixel ratio
    (the highest of its screens: on a mixed pair the lines are thicker on the lower-density one, never too thin).
    """
    app = QtGui.QGuiApplication.instance()
    ratio = app.devicePixelRatio() if app is not None else 1.0
    pen = QtGui.QPen(QtGui.QColor(color), width * ratio)
    pen.setCosmetic(True)
    return pen


class LabelItem(pg.TextItem):
    """Text of fixed screen size on a dark box, naming something at an image position.

    ``box`` is what the label names, in its parent's (image) coordinates, and ``clearance`` its margin in screen
    pixels (a marker's ring); the pane's label layout (``label_layout``) reads both and moves the text beside it
    with ``place_at``. Until then the text sits above and to the right of the position, as before any layout.
    """

    def __init__(self, text: str, color: str, box: QtCore.QRectF | None = None, clearance: float = 0.0) -> None:
        super().__init__(text, color=color, anchor=(0, 1), fill=pg.mkBrush(*LABEL_FILL))
        self.box = box
        self.clearance = clearance
        self._top_left: QtCore.QPointF | None = None  # screen offset of the text from the position, once placed

    def place_at(self, top_left: QtCore.QPointF | None) -> None:
        """Put the text's top-left corner this many screen pixels from the label's position (None: the default)."""
        self._top_left = top_left
        self.updateTextPos()

    def updateTextPos(self) -> None:  # noqa: N802 - pyqtgraph naming
        if getattr(self, "_top_left", None) is None:
            super().updateTextPos()
        else:
            self.textItem.setPos(self._top_left)

    def wrap_to(self, width: float) -> None:
        """Break the text into lines no wider than ``width`` screen pixels when one line is wider: a long label
        (the AI's "bone-suppressed image" note) in a narrow 1×2 pane had its end cut off at the pane's edge.
        Only a label too wide is touched, so the usual short label costs nothing here."""
        text = self.textItem
        if text.textWidth() > 0 and text.textWidth() != width:
            text.setTextWidth(-1)  # measure the single line again: the pane may have grown
        if text.textWidth() < 0 and text.boundingRect().width() > width:
            text.setTextWidth(width)

    def text_size(self) -> QtCore.QSizeF:
        """Width and height in screen pixels (the item cancels the view's scale)."""
        return self.textItem.boundingRect().size()

"""What a layer draws at a fixed screen size whatever the zoom: label text on its dark box, and cosmetic pens.

Both keep overlays readable when the film is zoomed out; the distance tool (``measure``) draws with them too, so its
labels and lines look like a layer's and the pane's label layout places every label alike.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

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

    ``box`` is what the label names, in its parent's (image) coordinates, ``outline`` the polygon it names when not
    that box (a contour), and ``clearance`` its margin in screen pixels (a marker's ring); the pane's label layout
    (``label_layout``) reads them and moves the text beside it with ``place_at``, with a leader line back to it when
    the text had to go farther off. Until then the text sits above and to the right of the position.
    """

    def __init__(self, text: str, color: str, box: QtCore.QRectF | None = None, clearance: float = 0.0,
                 outline: QtGui.QPolygonF | None = None) -> None:
        super().__init__(text, color=color, anchor=(0, 1), fill=pg.mkBrush(*LABEL_FILL))
        self.box = box
        self.clearance = clearance
        self.outline = outline
        self._top_left: QtCore.QPointF | None = None  # screen offset of the text from the position, once placed
        # Beside the label, not its child: a child is drawn with its label, over the boxes of labels stacked below it
        self.leader = QtWidgets.QGraphicsLineItem()
        self.leader.setAcceptedMouseButtons(QtCore.Qt.MouseButton.NoButton)  # a click on it is a click on the film
        self.leader.hide()
        self.setColor(color)

    def place_at(self, top_left: QtCore.QPointF | None) -> None:
        """Put the text's top-left corner this many screen pixels from the label's position (None: the default)."""
        self._top_left = top_left
        self.updateTextPos()

    def lead_to(self, line: QtCore.QLineF | None) -> None:
        """Draw the leader along ``line`` (scene coordinates, from the label's box to what it names), or none. It is
        kept in the label's parent's coordinates, just under the label, so it pans and zooms with the film and goes
        with the label."""
        parent = self.parentItem()
        if line is None or parent is None:
            self.leader.hide()
            return
        if self.leader.parentItem() is not parent:
            self.leader.setParentItem(parent)
        self.leader.setZValue(self.zValue() - 0.5)
        self.leader.setLine(QtCore.QLineF(parent.mapFromScene(line.p1()), parent.mapFromScene(line.p2())))
        self.leader.setOpacity(self.opacity())
        self.leader.show()

    def itemChange(self, change, value):  # noqa: N802 - Qt naming
        """The leader leaves the scene, hides and fades with its label."""
        Change = QtWidgets.QGraphicsItem.GraphicsItemChange  # noqa: N806 - Qt's enum
        if change == Change.ItemSceneHasChanged and value is None and self.leader.scene() is not None:
            self.leader.scene().removeItem(self.leader)
        elif change == Change.ItemVisibleHasChanged and not self.isVisible():
            self.leader.hide()
        elif change == Change.ItemOpacityHasChanged:
            self.leader.setOpacity(self.opacity())
        return super().itemChange(change, value)

    def setColor(self, color) -> None:  # noqa: N802 - pyqtgraph naming
        """The text's colour, and its leader's: a selected measurement's label and line turn red together."""
        super().setColor(color)
        if hasattr(self, "leader"):  # pyqtgraph sets the colour before the leader is made
            self.leader.setPen(cosmetic_pen(self.color.name(QtGui.QColor.NameFormat.HexArgb), 1))

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

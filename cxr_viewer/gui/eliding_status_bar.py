"""A status bar whose passing message ends in "…" where the permanent widgets begin.

QStatusBar draws its message unclipped across the whole bar, so a long one (``Cannot open image: truncated.dcm: file
is truncated: PixelData has … (/path/…)``) ran into the AI's permanent ``AI (research use only): …`` and both became
unreadable. The message keeps its full text (``currentMessage``, the tooltip while it is cut; errors are in Messages
too); only its drawing stops short of the first permanent widget.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

GAP = 6  # pixels between the message and a permanent widget, as QStatusBar leaves at its left edge


class ElidingStatusBar(QtWidgets.QStatusBar):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._permanent: list[QtWidgets.QWidget] = []
        self.messageChanged.connect(lambda _text: self._update_tooltip())

    def addPermanentWidget(self, widget: QtWidgets.QWidget, stretch: int = 0) -> None:  # noqa: N802 (Qt's name)
        self._permanent.append(widget)
        super().addPermanentWidget(widget, stretch)

    def message_rect(self) -> QtCore.QRect:
        """Where the message may be drawn: from the left edge to the first permanent widget shown."""
        shown = [w.geometry().left() for w in self._permanent if w.isVisible()]
        right = min(shown) - GAP if shown else self.width() - 2 * GAP
        return QtCore.QRect(GAP, 0, max(0, right - GAP), self.height())

    def elided_message(self) -> str:
        return self.fontMetrics().elidedText(self.currentMessage(), QtCore.Qt.TextElideMode.ElideRight,
                                             self.message_rect().width())

    def _update_tooltip(self) -> None:
        message = self.currentMessage()
        self.setToolTip(message if message and self.elided_message() != message else "")

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._update_tooltip()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.currentMessage():
            super().paintEvent(event)
            return
        painter = QtGui.QPainter(self)
        option = QtWidgets.QStyleOption()
        option.initFrom(self)
        for widget in self._permanent:  # the frames QStatusBar draws round its items
            if widget.isVisible():
                option.rect = widget.geometry().adjusted(-2, -1, 2, 1)
                self.style().drawPrimitive(QtWidgets.QStyle.PrimitiveElement.PE_FrameStatusBarItem, option, painter,
                                           widget)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.message_rect(), QtCore.Qt.AlignmentFlag.AlignLeading
                         | QtCore.Qt.AlignmentFlag.AlignVCenter | QtCore.Qt.TextFlag.TextSingleLine,
                         self.elided_message())

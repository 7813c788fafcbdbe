"""The pane's line "3 labels hidden (no room): zoom in or enlarge the pane" when the label layout left some out.

When a pane is too small for its labels (forty findings in one 1×2 pane), laying them over one another made every
one of them unreadable; the layout now leaves out the last ones in its order (``label_layout``), and a radiologist
must then be told, or an absent label reads as an absent finding. The line is a plain widget over the pane like the
corner text, so an export carries it too: a key image with labels left out says so. It sits at the bottom middle,
above the bottom edge letter and clear of the corner text, and the labels keep off it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.corner_text import MARGIN

# the corner text's dark box, in amber: it tells of something missing, where the corner text only describes
_STYLE = "color: #ffc857; background: rgba(0, 0, 0, 170); padding: 2px; font-family: monospace; font-size: 11px;"


def notice_text(hidden: int) -> str:
    return f"{hidden} label{'s' if hidden != 1 else ''} hidden (no room): zoom in or enlarge the pane"


class HiddenLabelsNotice:
    def __init__(self, pane: QtWidgets.QWidget, area: Callable[[], QtCore.QRect],
                 keep_clear_of: Callable[[], list[QtCore.QRect]]) -> None:
        self._area = area
        self._keep_clear_of = keep_clear_of  # the corner texts and edge letters shown
        self.label = QtWidgets.QLabel(pane)
        self.label.setObjectName("hidden labels")
        self.label.setStyleSheet(_STYLE)
        self.label.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.hide()

    def show_count(self, hidden: int) -> QtCore.QRect | None:
        """Say how many labels are left out (none: the line goes); its rectangle in the pane's coordinates."""
        if not hidden:
            self.label.hide()
            return None
        self.label.setText(notice_text(hidden))
        self.label.adjustSize()
        area, size = self._area(), self.label.size()
        spot = QtCore.QRect(QtCore.QPoint(area.center().x() - size.width() // 2, area.bottom() - MARGIN - size.height()),
                            size)
        for other in sorted(self._keep_clear_of(), key=lambda rect: -rect.bottom()):  # up past what is in the way
            if spot.intersects(other):
                spot.moveBottom(other.top() - MARGIN)
        self.label.move(spot.topLeft())
        self.label.show()
        self.label.raise_()
        return self.label.geometry()

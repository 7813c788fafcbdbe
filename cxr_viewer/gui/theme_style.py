"""Fusion for the dark theme, with check boxes and radio buttons that can be seen.

Fusion draws an indicator's frame a shade darker than the window: on a dark list that frame and the list are the
same black, so the Layers dock's unticked layers (and a plugin's unticked option) showed no box at all. This style
draws Fusion's indicator, then a frame of a mid grey that stands 4.8:1 off the dark list (3:1 is the WCAG minimum
for a control's outline). Only docks and dialogs use these indicators; the image area draws none.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

FRAME = QtGui.QColor("#8a8a8a")
DISABLED_FRAME = QtGui.QColor("#5a5a5a")
_BOX = QtWidgets.QStyle.PrimitiveElement.PE_IndicatorCheckBox
_ROUND = QtWidgets.QStyle.PrimitiveElement.PE_IndicatorRadioButton


class DarkFusion(QtWidgets.QProxyStyle):
    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(self, element: QtWidgets.QStyle.PrimitiveElement, option: QtWidgets.QStyleOption,  # noqa: N802
                      painter: QtGui.QPainter, widget: QtWidgets.QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in (_BOX, _ROUND):
            return
        painter.save()
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, element == _ROUND)
        enabled = bool(option.state & QtWidgets.QStyle.StateFlag.State_Enabled)
        painter.setPen(QtGui.QPen(FRAME if enabled else DISABLED_FRAME, 1))
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        box = QtCore.QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element == _ROUND:
            painter.drawEllipse(box)
        else:
            painter.drawRect(box)
        painter.restore()

"""Line edits as wide as their placeholder, for fields whose placeholder says the format they expect."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

LINE_EDIT_MARGIN_PX = 2  # QLineEdit's own margin either side of its text, inside the style's contents rectangle


def fit_placeholder(field: QtWidgets.QLineEdit) -> None:
    """Never narrower than its whole placeholder. The filter fields share a narrow dock (a fifth of the window) and
    were shrunk alike, so "from YYYYMMDD" read "from YYYY…" and the format the field expects was lost. The text's
    width is where ``elidedText`` (what QLineEdit draws the placeholder with) stops cutting it: that rounds the
    fractional advance up, one pixel more than ``horizontalAdvance`` says."""
    metrics, placeholder = field.fontMetrics(), field.placeholderText()
    width = metrics.horizontalAdvance(placeholder)
    while metrics.elidedText(placeholder, QtCore.Qt.TextElideMode.ElideRight, width) != placeholder:
        width += 1
    option = QtWidgets.QStyleOptionFrame()
    field.initStyleOption(option)
    margins = field.textMargins()
    text = QtCore.QSize(width + 2 * LINE_EDIT_MARGIN_PX + margins.left() + margins.right(), metrics.height())
    field.setMinimumWidth(field.style().sizeFromContents(QtWidgets.QStyle.ContentsType.CT_LineEdit, option, text,
                                                         field).width())

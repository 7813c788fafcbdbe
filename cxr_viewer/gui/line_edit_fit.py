"""Line edits as wide as their placeholder, for fields whose placeholder says the format they expect."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

LINE_EDIT_MARGIN_PX = 2  # QLineEdit's own margin either side of its text, inside the style's contents rectangle
REFIT_ON = (QtCore.QEvent.Type.FontChange, QtCore.QEvent.Type.StyleChange)


class _Refit(QtCore.QObject):
    """Fits its field again when the field's font or style changes: the width was worked out in the font of the
    moment, so a larger font set while the window was open (1.5× for a reader with poor sight) left the old width
    and cut the placeholders ("from YYY…", "to YYYY…") in the Studies dock."""

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() in REFIT_ON and isinstance(watched, QtWidgets.QLineEdit):
            _set_minimum_width(watched)
        return False


def fit_placeholder(field: QtWidgets.QLineEdit) -> None:
    """Never narrower than its whole placeholder, in whatever font the field has now or is given later. The filter
    fields share a narrow dock (a fifth of the window) and were shrunk alike, so "from YYYYMMDD" read "from YYYY…"
    and the format the field expects was lost."""
    _set_minimum_width(field)
    field.installEventFilter(_Refit(field))


def _set_minimum_width(field: QtWidgets.QLineEdit) -> None:
    """The text's width is where ``elidedText`` (what QLineEdit draws the placeholder with) stops cutting it: that
    rounds the fractional advance up, one pixel more than ``horizontalAdvance`` says."""
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

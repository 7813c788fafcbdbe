"""The Studies dock's filter fields at 1.5 times the usual font (as a reader with poor sight sets it), whether the
font is set before the window opens or while it is open: every placeholder ("from YYYYMMDD", "to YYYYMMDD",
"Modality") is drawn whole and each field lies inside the dock."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.line_edit_fit import LINE_EDIT_MARGIN_PX

pytestmark = pytest.mark.gui


def _room_for_text(field: QtWidgets.QLineEdit) -> int:
    """The width QLineEdit draws its placeholder in: the style's contents rectangle less its own and the text
    margins."""
    option = QtWidgets.QStyleOptionFrame()
    field.initStyleOption(option)
    contents = field.style().subElementRect(QtWidgets.QStyle.SubElement.SE_LineEditContents, option, field)
    margins = field.textMargins()
    return contents.width() - 2 * LINE_EDIT_MARGIN_PX - margins.left() - margins.right()


def _cut(window) -> list[str]:
    form, dock = window.browser.form, window.docks["browser"]
    cut = []
    for field in (form.date_from, form.date_to, form.modality):
        text = field.placeholderText()
        whole = field.fontMetrics().elidedText(text, QtCore.Qt.TextElideMode.ElideRight, _room_for_text(field)) == text
        inside = field.mapTo(dock, field.rect().topRight()).x() < dock.width()
        if not (whole and inside):
            cut.append(text)
    return cut


@pytest.mark.parametrize("when", ["before the window opens", "while it is open"])
def test_the_filter_placeholders_are_whole_at_a_large_font(make_window, qapp, qtbot, when):
    usual = qapp.font()
    large = qapp.font()
    large.setPointSizeF(usual.pointSizeF() * 1.5)
    try:
        if when == "before the window opens":
            qapp.setFont(large)
        window = make_window(with_browser=True)
        if when == "while it is open":
            qapp.setFont(large)
        qtbot.waitUntil(lambda: window.browser.form.date_from.font().pointSizeF() == large.pointSizeF())
        QtWidgets.QApplication.processEvents()  # the dock takes the fields' new widths on its layout's next pass
        assert _cut(window) == []
    finally:
        qapp.setFont(usual)

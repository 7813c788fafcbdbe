"""A film that opens while the reader types in a text field leaves the keyboard there: typed letters stay text."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from tests import dicom_factory

pytestmark = pytest.mark.gui


def test_a_folder_that_finishes_opening_while_the_reader_types_takes_no_keystrokes(window, tmp_path, qtbot):
    """File > Open folder scans in the background; the reader types in the tag search meanwhile. The first film
    used to take the keyboard when it showed, so the rest of the word became display keys: "Orientation" rotated
    (T), inverted (I) and reset (R) the film and hid the corner text (O), with nothing typed into the field."""
    dicom_factory.make_cr(tmp_path / "film.dcm", rows=60, cols=80)
    search = window.tag_panel.findChild(QtWidgets.QLineEdit)
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "Orie")
    with qtbot.waitSignal(window.opener.scan_ended, timeout=20000) as ended:
        window.opener.open_in_background([tmp_path])
    assert ended.args == [True]
    pane = window.layout_panes.primary
    assert pane.image is not None
    qtbot.keyClicks(QtWidgets.QApplication.focusWidget(), "ntation")
    assert search.hasFocus() and search.text() == "Orientation"
    assert pane.rotation == 0 and pane.state == pane.start_state  # not turned, inverted or windowed
    assert window.actions["toggle_text"].isChecked()  # the corner text still shown
    qtbot.keyClick(search, QtCore.Qt.Key.Key_Escape)  # and the way back to the image is as before
    assert pane.hasFocus()

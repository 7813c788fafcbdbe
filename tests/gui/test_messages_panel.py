"""The Messages dock: a message repeated back to back is counted on one row, and messages can be copied whole."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui.message_text import summarise

pytestmark = pytest.mark.gui
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier


def test_a_repeated_message_is_counted_on_one_row(window):
    for _ in range(300):
        window.report_error("PACS", "store refused: association rejected by CXR_PACS")
    window.report_error("Export failed", "disk full (nothing was written)")
    window.report_error("PACS", "store refused: association rejected by CXR_PACS")
    rows = [text.split("  ", 1)[1] for text in window.messages.messages()]  # without the time
    assert rows == ["PACS (×300)\nstore refused: association rejected by CXR_PACS",
                    "Export failed\ndisk full (nothing was written)",
                    "PACS\nstore refused: association rejected by CXR_PACS"]


def test_ctrl_c_copies_the_selected_messages_whole(window, qtbot):
    lines = [f"/import/cd{number}/IM{number:04d}: not a DICOM file" for number in range(50)]
    window.report_error("Not opened", *summarise("50 left out when opening /import:", lines))
    window.report_error("Export failed", "disk full (nothing was written)")
    panel = window.messages
    panel.list.setFocus()
    panel.list.item(0).setSelected(True)
    qtbot.keyClick(panel.list, QtCore.Qt.Key.Key_C, modifier=CTRL)
    copied = QtWidgets.QApplication.clipboard().text()
    assert "Not opened" in copied and all(line in copied for line in lines)  # every line, not the first 20
    assert "Export failed" not in copied
    panel.list.actions()[1].trigger()  # Copy all, from the context menu
    copied = QtWidgets.QApplication.clipboard().text()
    assert copied.index("Not opened") < copied.index("Export failed\ndisk full (nothing was written)")


def test_clear_empties_the_list_and_the_count_starts_again(window, qtbot):
    window.report_error("PACS", "store refused")
    window.report_error("PACS", "store refused")
    button = next(b for b in window.messages.findChildren(QtWidgets.QPushButton) if b.text() == "Clear")
    qtbot.mouseClick(button, QtCore.Qt.MouseButton.LeftButton)
    assert window.messages.messages() == []
    window.report_error("PACS", "store refused")
    assert window.messages.messages()[0].endswith("  PACS\nstore refused")

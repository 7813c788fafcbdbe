"""F1's list left open while a reader logs in and out follows the hold, as pressing F1 again would.

Found in an acceptance run: a reader opened F1 during a case (non-modal: reading goes on with it up), then logged
out with Ctrl+L. The open list went on heading itself with the study panel's keys and greying D, Open files…, the
frame keys and Export view as PNG "(off during the hold)", all of which worked again; opened before the log-in, it
listed D and Next image as working during the read. The real viewer (offscreen), the installed plugins, the
reader-study plugin's demo study; the keys pressed for real.
"""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from tests.gui.test_plugin_keys_hold import _f1_rows, start_reading

pytestmark = pytest.mark.gui


def _open_list(window) -> list[tuple[str, str, str, bool]]:
    """The open F1 list as it stands, without pressing F1 (which fills it again)."""
    dialog = window.findChild(QtWidgets.QDialog, "shortcut-help")
    assert dialog.isVisible()
    table = dialog.findChild(QtWidgets.QTableWidget)
    rows = []
    for row in range(table.rowCount()):
        key, command, where = (table.item(row, column) for column in range(3))
        rows.append((key.text(), command.text(), where.text(), bool(key.flags() & QtCore.Qt.ItemFlag.ItemIsEnabled)))
    return rows


def test_an_open_f1_list_follows_the_log_in_and_the_log_out(make_window, qtbot, tmp_path):
    window = make_window(load_plugins=True)
    before = _f1_rows(window, qtbot)  # opened before the reader logs in, and left open
    plugin = start_reading(window, qtbot, tmp_path)
    during = _open_list(window)
    assert ("D", "Detect nodules (off during the hold)", "AI", False) in during
    assert during == _f1_rows(window, qtbot)  # what F1 pressed now lists
    qtbot.keyClick(window.layout_panes.primary, QtCore.Qt.Key.Key_L, QtCore.Qt.KeyboardModifier.ControlModifier)
    between = _open_list(window)  # logged out: the panel takes no keys, the station is still held
    assert window.host.exclusive_owner() == "reader_study"
    assert not [row for row in between if row[2] == "Reader study panel"] and between == _f1_rows(window, qtbot)
    plugin.panel.close_study()
    after = _open_list(window)
    assert not [row for row in after if row[2] == "Reader study panel" or "hold" in row[1]]
    assert after == before

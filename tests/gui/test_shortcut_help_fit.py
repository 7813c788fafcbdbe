"""The F1 list's columns show what they list, when it opens during a plugin's hold and when it opens again after.

Found by rendering F1 during a reading session: the last column ("Menu") gets what the dialog leaves it, and the
holder's panel keys listed there under its name read "Reader study pa…"; opened again after the session, with shorter
rows, that column kept its narrower width and left the right part of the table empty.
"""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.plugin_api import PanelKey

pytestmark = pytest.mark.gui

HOLDER = "a_plugin_with_a_rather_long_identifier"


def _f1_table(window, qtbot) -> QtWidgets.QTableWidget:
    qtbot.keyClick(window.layout_panes.primary, QtCore.Qt.Key.Key_F1)
    return window.findChild(QtWidgets.QDialog, "shortcut-help").findChild(QtWidgets.QTableWidget)


def test_the_holders_name_is_shown_whole_and_the_table_is_filled_again_after(make_window, qtbot):
    window = make_window()
    window.host.declare_panel_keys(HOLDER, [PanelKey("Return", "Submit the answer and go on to the next case")])
    window.host.set_exclusive(HOLDER)
    table = _f1_table(window, qtbot)
    assert table.item(0, 2).text() == f"{HOLDER} panel"
    assert table.columnWidth(2) >= table.sizeHintForColumn(2)
    assert table.horizontalHeader().length() <= table.viewport().width()  # nothing out of sight to the right

    window.host.set_exclusive(None)
    table = _f1_table(window, qtbot)
    assert table.item(0, 2).text() != f"{HOLDER} panel"
    assert table.horizontalHeader().length() == table.viewport().width()

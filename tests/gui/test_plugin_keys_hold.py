"""F1 during a plugin's hold lists the keys the holder's panel takes (declared through the plugin API), under the
plugin's name, and shows the viewer's commands on those keys as unavailable.

Found in a reading session: the reading panel's digits rate the case, but F1 went on listing 1 as "Window preset 1",
0 as 1:1 and Delete as deleting a measurement, with only a note below the table that the panel's keys come first.
The real viewer (offscreen), the installed reader-study plugin and a demo study it writes; keys pressed for real.
"""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from cxr_reader_study.demo import write_demo_study

pytestmark = pytest.mark.gui


def _f1_rows(window, qtbot) -> list[tuple[str, str, str, bool]]:
    """Press F1 on the image and read the list: key, command, where, and whether the row is shown as available."""
    qtbot.keyClick(window.layout_panes.primary, QtCore.Qt.Key.Key_F1)
    table = window.findChild(QtWidgets.QDialog, "shortcut-help").findChild(QtWidgets.QTableWidget)
    rows = []
    for row in range(table.rowCount()):
        key, command, where = (table.item(row, column) for column in range(3))
        rows.append((key.text(), command.text(), where.text(), bool(key.flags() & QtCore.Qt.ItemFlag.ItemIsEnabled)))
    return rows


def _reader_study(window):
    return next(record.plugin for record in window.plugin_records if record.name == "reader_study")


def start_reading(window, qtbot, tmp_path):
    """Reader R1 logged in to the demo ROC study: the reader-study plugin holds the view. Returns the plugin."""
    plugin = _reader_study(window)
    plugin.open_study(str(write_demo_study(tmp_path / "roc", readers=1)))
    plugin.panel.login.reader_id.setText("R1")
    qtbot.mouseClick(plugin.panel.login.start, QtCore.Qt.MouseButton.LeftButton)
    assert window.host.exclusive_owner() == "reader_study"
    return plugin


def test_f1_in_a_reading_session_lists_the_panels_keys_and_not_the_viewers_meaning(make_window, qtbot, tmp_path):
    window = make_window(load_plugins=True)
    plugin = start_reading(window, qtbot, tmp_path)

    rows = _f1_rows(window, qtbot)
    available = [(key, command, where) for key, command, where, on in rows if on]
    unavailable = {key: command for key, command, _where, on in rows if not on}
    meaning = {}
    for key, command, _where in available:
        assert key not in meaning, f"{key} is listed as available twice"
        meaning[key] = command
    panel_keys = [key for key, _command, where in available if where == "Reader study panel"]
    assert rows[:len(panel_keys)] == [(key, meaning[key], "Reader study panel", True) for key in panel_keys]
    assert set(panel_keys) == {*map(str, range(10)), "Return", "Enter", "Backspace", "Del", "P", "Ctrl+L"}
    assert meaning["1"].startswith("Rate") and "5 (surely abnormal)" in meaning["1"]
    assert meaning["Return"].startswith("Submit")
    for key, command_id in (("1", "preset_1"), ("0", "one_to_one"), ("Del", "delete_measurement")):
        viewer_text = window.actions[command_id].text().replace("&", "")
        assert viewer_text not in meaning[key]
        assert unavailable[key] == f"{viewer_text} (off during the hold)"
    assert meaning["W"] == "Auto window"  # a key the panel does not take stays the viewer's

    qtbot.mouseClick(plugin.panel.reading.log_out, QtCore.Qt.MouseButton.LeftButton)
    plugin.panel.close_study()  # the station is held between readers, until the study is closed
    after = _f1_rows(window, qtbot)
    assert all(on for *_rest, on in after) and not [row for row in after if row[2] == "Reader study panel"]
    assert dict((key, command) for key, command, _where, _on in after)["1"] == "Window preset 1"


def test_a_key_the_viewer_cannot_read_is_refused_and_the_plugin_named(make_window):
    """A typo in a declaration ("Ctlr+1") would otherwise list a key nobody can press."""
    from cxr_viewer.plugin_api import PanelKey

    window = make_window()
    window.host.declare_panel_keys("typo", [PanelKey("Ctlr+1", "Does nothing")])
    assert any("typo" in message and "Ctlr+1" in message for message in window.messages.messages())

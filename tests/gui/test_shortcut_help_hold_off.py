"""F1 during a plugin's hold shows the commands the hold switched off (other plugins' actions, opening and navigating)
greyed as off, and lists them as working again once the hold ends.

Found in a reading session: F1 listed D as "Detect nodules" (the AI plugin's, switched off while the reader study
holds the view), Ctrl+O as Open files… and PgDown as Next image, none of which did anything then; the help walked the
window's keys without asking whether their commands were on. The real viewer (offscreen), the installed plugins and
a demo study the reader-study plugin writes; F1 pressed for real.
"""

from __future__ import annotations

import pytest
from PySide6 import QtCore

from tests.gui.test_plugin_keys_hold import _f1_rows, start_reading

pytestmark = pytest.mark.gui

# Switched off by the hold: another plugin's action, and the viewer's opening and navigating commands.
OFF_DURING_THE_HOLD = {"D": "Detect nodules", "Ctrl+O": "Open files…", "PgDown": "Next image",
                       "Right": "Next image (image focused)"}


def test_commands_the_hold_switches_off_are_greyed_and_come_back_after(make_window, qtbot, tmp_path):
    window = make_window(load_plugins=True)
    before = _f1_rows(window, qtbot)
    for key, command in OFF_DURING_THE_HOLD.items():
        assert (key, command, True) in [(k, c, on) for k, c, _where, on in before]

    plugin = start_reading(window, qtbot, tmp_path)

    during = _f1_rows(window, qtbot)
    available = {(key, command) for key, command, _where, on in during if on}
    greyed = {(key, command) for key, command, _where, on in during if not on}
    for key, command in OFF_DURING_THE_HOLD.items():
        assert (key, command) not in available
        assert (key, f"{command} (off during the hold)") in greyed
    switched_off = [action.text().replace("&", "") for action in window.plugin_actions.values()
                    if not action.isEnabled() and not action.shortcut().isEmpty()]
    assert switched_off and not [command for _key, command in available if command in switched_off]
    assert ("W", "Auto window") in available  # a command the hold leaves on stays listed as working

    qtbot.mouseClick(plugin.panel.reading.log_out, QtCore.Qt.MouseButton.LeftButton)
    assert _f1_rows(window, qtbot) != before  # the station stays held between readers
    plugin.panel.close_study()
    after = _f1_rows(window, qtbot)
    assert after == before


def test_a_command_switched_off_outside_a_hold_is_greyed_without_naming_a_hold(make_window, qtbot):
    window = make_window()
    window.actions["invert"].setEnabled(False)
    rows = _f1_rows(window, qtbot)
    key = window.actions["invert"].shortcut().toString()
    assert (key, "Invert (off now)", False) in [(k, c, on) for k, c, _where, on in rows]
    assert not [row for row in rows if "hold" in row[1]]

"""Plugins that get in each other's way, installed through real entry points (a dist-info on sys.path): a key one
asks for that the viewer or another plugin has, two plugins with one name, two entries with one id; and the user
rebinding a key onto another command's. Each key still does one thing, the loser is named in Messages, and F1 lists
every key the window answers to."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.plugin_api import PluginInfo
from cxr_viewer.settings import DEFAULT_SHORTCUTS, Settings
from tests.plugin_dist import install_plugins

pytestmark = pytest.mark.gui


class WantsViewerKeys:
    info = PluginInfo(id="wants_keys", name="Wants keys", version="0")

    def activate(self, host):
        self.calls = []
        host.add_action("wants_keys.w", "Wants W", lambda: self.calls.append("W"), shortcut="w")
        host.add_action("wants_keys.a", "Wants A", lambda: self.calls.append("A"), shortcut="A")
        host.add_action("wants_keys.k", "Wants K", lambda: self.calls.append("K"), shortcut="K")

    def deactivate(self):
        pass


class SameIdFirst:
    info = PluginInfo(id="same_a", name="Same id A", version="0")

    def activate(self, host):
        self.calls = []
        host.add_action("shared.go", "Go (A)", lambda: self.calls.append("A"))

    def deactivate(self):
        pass


class SameIdSecond(SameIdFirst):
    info = PluginInfo(id="same_b", name="Same id B", version="0")

    def activate(self, host):
        self.calls = []
        host.add_action("shared.go", "Go (B)", lambda: self.calls.append("B"))
        host.add_action("same_b.other", "Other (B)", lambda: self.calls.append("other"))


def _press(qtbot, window, key) -> None:
    pane = window.layout_panes.primary
    pane.setFocus()
    qtbot.keyClick(pane, key)


def test_a_plugin_cannot_take_the_viewers_or_another_plugins_key(make_window, tmp_path, monkeypatch, qtbot, cr_file):
    install_plugins(tmp_path, monkeypatch, "cxr_keys", "wants_keys = tests.gui.test_plugin_conflicts:WantsViewerKeys\n")
    window = make_window(load_plugins=True)
    window.open_paths([cr_file])
    fired: list[str] = []
    window.actions["auto_window"].triggered.connect(lambda *_: fired.append("auto_window"))
    window.plugin_actions["cxr_ai.toggle"].triggered.connect(lambda *_: fired.append("ai marks"))
    plugin = next(r for r in window.plugin_records if r.name == "wants_keys").plugin
    for key in (QtCore.Qt.Key.Key_W, QtCore.Qt.Key.Key_A, QtCore.Qt.Key.Key_K):
        _press(qtbot, window, key)
    assert fired == ["auto_window", "ai marks"] and plugin.calls == ["K"]
    assert window.plugin_actions["wants_keys.w"].shortcut().isEmpty()
    text = "\n".join(window.messages.messages())
    assert "W for 'Wants W' is already 'Auto window'" in text and "A for 'Wants A' is already 'Show AI marks'" in text
    window.plugin_actions["wants_keys.w"].trigger()  # still in its menu, without the key
    assert plugin.calls == ["K", "W"]


def test_a_key_the_user_rebinds_onto_another_commands_wins_and_is_said(make_window, qtbot, cr_file):
    settings = Settings(shortcuts=DEFAULT_SHORTCUTS | {"invert": "W", "fit": "Ctrl+Shft+F"})
    window = make_window(settings=settings)
    window.open_paths([cr_file])
    fired: list[str] = []
    for name in ("invert", "auto_window"):
        window.actions[name].triggered.connect(lambda *_, name=name: fired.append(name))
    _press(qtbot, window, QtCore.Qt.Key.Key_W)
    assert fired == ["invert"] and window.actions["auto_window"].shortcut().isEmpty()
    text = "\n".join(window.messages.messages())
    assert "W is set for both 'Invert' and 'Auto window'" in text
    assert "'Ctrl+Shft+F' for 'Fit to window' is not a key" in text


def test_two_plugins_with_one_name_load_once_and_the_other_is_named(make_window, tmp_path, monkeypatch):
    install_plugins(tmp_path, monkeypatch, "cxr_twins", "twin = tests.gui.test_plugin_conflicts:SameIdFirst\n"
                                                  "twin = tests.gui.test_plugin_conflicts:SameIdSecond\n")
    window = make_window(load_plugins=True)
    twins = [r for r in window.plugin_records if r.name == "twin"]
    assert len(twins) == 2 and sum(r.active for r in twins) == 1
    refused = next(r for r in twins if not r.active)
    assert "already named 'twin'" in refused.error and refused.plugin is None
    assert "Plugin twin could not be loaded" in "\n".join(window.messages.messages())


def test_a_second_entry_with_a_taken_id_is_refused_and_the_plugins_other_entries_stay(make_window, tmp_path,
                                                                                        monkeypatch):
    install_plugins(tmp_path, monkeypatch, "cxr_same_id", "same_a = tests.gui.test_plugin_conflicts:SameIdFirst\n"
                                                    "same_b = tests.gui.test_plugin_conflicts:SameIdSecond\n")
    window = make_window(load_plugins=True)
    first, second = (next(r for r in window.plugin_records if r.name == n).plugin for n in ("same_a", "same_b"))
    window.plugin_actions["shared.go"].trigger()
    window.plugin_actions["same_b.other"].trigger()
    assert first.calls == ["A"] and second.calls == ["other"]
    assert [a.text() for a in window.menu_named("Plugins").actions()].count("Go (B)") == 0
    assert "'Go (B)': another plugin's entry already has the id 'shared.go'" in "\n".join(window.messages.messages())


def test_f1_lists_every_key_once_the_plugins_included(make_window, qtbot):
    window = make_window(load_plugins=True)
    qtbot.keyClick(window.layout_panes.primary, QtCore.Qt.Key.Key_F1)
    dialog = window.findChild(QtWidgets.QDialog, "shortcut-help")
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    table = dialog.findChild(QtWidgets.QTableWidget)
    listed = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    keys = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert [key for key, count in Counter(keys).items() if count > 1] == []
    assert listed["W"] == "Auto window" and listed["D"] == "Detect nodules" and listed["A"] == "Show AI marks"
    assert listed["Right"] == "Next image (image focused)" and listed["Esc"] == "Keyboard back to the image"
    assert listed["F1"] == "Keyboard shortcuts…" and listed["Ctrl+2"] == "Layout 1×2 (with prior)"
    for command in DEFAULT_SHORTCUTS:
        assert window.actions[command].text() in listed.values(), command


def test_a_plugins_key_is_rebound_under_its_action_id(make_window, qtbot, cr_file):
    """A user who gives D to a viewer command can give Detect another key (or none) in the settings."""
    settings = Settings(shortcuts=DEFAULT_SHORTCUTS | {"invert": "D", "cxr_ai.detect": "Shift+D",
                                                       "cxr_ai.toggle": ""})
    window = make_window(settings=settings, load_plugins=True)
    window.open_paths([cr_file])
    assert window.plugin_actions["cxr_ai.detect"].shortcut().toString() == "Shift+D"
    assert window.plugin_actions["cxr_ai.toggle"].shortcut().isEmpty()
    fired: list[str] = []
    window.actions["invert"].triggered.connect(lambda *_: fired.append("invert"))
    window.plugin_actions["cxr_ai.detect"].triggered.connect(lambda *_: fired.append("detect"))
    _press(qtbot, window, QtCore.Qt.Key.Key_D)
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_D, QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert fired == ["invert", "detect"]
    assert "Detect nodules" not in "\n".join(window.messages.messages())


def test_f1_says_during_a_hold_that_the_holders_keys_come_first(make_window, qtbot):
    window = make_window(load_plugins=True)
    window.host.set_exclusive("reader_study")
    qtbot.keyClick(window.layout_panes.primary, QtCore.Qt.Key.Key_F1)
    note = window.findChild(QtWidgets.QDialog, "shortcut-help").findChild(QtWidgets.QLabel, "shortcut-note")
    assert "While the plugin \"Reader study\" holds the view, its panel's keys come first" in note.text()
    assert "reader_study" not in note.text()  # the name the table gives it ("Reader study panel"), not its id
    window.host.set_exclusive(None)
    qtbot.keyClick(window.layout_panes.primary, QtCore.Qt.Key.Key_F1)
    assert "holds the view" not in note.text() and "Right-drag" in note.text()

"""A plugin greys its own menu entry (``set_action_enabled``), in the real viewer (offscreen) with a plugin installed
through a real entry point beside one that holds the view.

A plugin could not grey an entry that has nothing to act on (the AI's Save with no result): it stayed on and only
said why once chosen. And the hold on the view switched every non-holder entry back on when it ended, so a wish to
grey an entry would not have outlasted another plugin's hold. The entry is on only while both its plugin and the
hold allow it; F1 shows a greyed entry's key greyed.
"""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui import shortcut_help
from cxr_viewer.plugin_api import PluginInfo
from tests.plugin_dist import install_plugins

pytestmark = pytest.mark.gui
ENTRY = "gamma.save"


class Gamma:
    """One entry with a key, greyed or not as the test asks its host."""

    info = PluginInfo(id="gamma", name="Gamma", version="0")

    def activate(self, host):
        self.host, self.saved = host, 0
        host.add_action(ENTRY, "Gamma: save", self.save, shortcut="Ctrl+Shift+G", menu="Gamma")

    def save(self):
        self.saved += 1

    def deactivate(self):
        pass


@pytest.fixture
def viewer(make_window, tmp_path, monkeypatch, cr_file, config):
    install_plugins(tmp_path, monkeypatch, "cxr_greying", "gamma = tests.gui.test_plugin_action_enabled:Gamma\n"
                                                         "alpha = tests.gui.test_plugin_boundaries:Alpha\n")
    window = make_window(load_plugins=True)
    window.open_paths([cr_file])
    return window, next(record.plugin for record in window.plugin_records if record.name == "gamma")


def _f1_row(window, command: str) -> tuple[str, bool]:
    """The F1 row naming ``command``: its text and whether it is shown as working (not greyed)."""
    table = shortcut_help.show(window).findChild(QtWidgets.QTableWidget)
    for row in range(table.rowCount()):
        item = table.item(row, 1)
        if item.text().startswith(command):
            return item.text(), bool(item.flags() & QtCore.Qt.ItemFlag.ItemIsEnabled)
    raise AssertionError(f"{command!r} not in F1")


def test_a_plugin_greys_its_entry_and_f1_shows_it_greyed(viewer):
    window, gamma = viewer
    entry = window.plugin_actions[ENTRY]
    gamma.host.set_action_enabled(ENTRY, False)
    assert not entry.isEnabled()
    assert _f1_row(window, "Gamma: save") == ("Gamma: save (off now)", False)
    entry.trigger()  # a greyed entry does nothing
    assert gamma.saved == 0
    gamma.host.set_action_enabled(ENTRY, True)
    assert entry.isEnabled() and _f1_row(window, "Gamma: save") == ("Gamma: save", True)
    entry.trigger()
    assert gamma.saved == 1


def test_a_greyed_entry_stays_greyed_when_another_plugins_hold_ends(viewer):
    window, gamma = viewer
    entry = window.plugin_actions[ENTRY]
    gamma.host.set_action_enabled(ENTRY, False)
    window.plugin_actions["alpha.hold"].trigger()
    assert window.host.exclusive_owner() == "alpha" and not entry.isEnabled()
    window.plugin_actions["alpha.release"].trigger()
    assert window.host.exclusive_owner() is None
    assert not entry.isEnabled()  # the hold's end gave back only what the plugins left on


def test_an_entry_enabled_during_another_plugins_hold_waits_for_its_end(viewer):
    window, gamma = viewer
    entry = window.plugin_actions[ENTRY]
    gamma.host.set_action_enabled(ENTRY, False)
    window.plugin_actions["alpha.hold"].trigger()
    gamma.host.set_action_enabled(ENTRY, True)
    assert not entry.isEnabled()  # still alpha's hold
    assert _f1_row(window, "Gamma: save") == ("Gamma: save (off during the hold)", False)
    window.plugin_actions["alpha.release"].trigger()
    assert entry.isEnabled()


def test_the_holder_greys_its_own_entry_during_its_hold(viewer):
    window, _gamma = viewer
    alpha = next(record.plugin for record in window.plugin_records if record.name == "alpha")
    window.plugin_actions["alpha.hold"].trigger()
    alpha.host.set_action_enabled("alpha.hold", False)
    assert not window.plugin_actions["alpha.hold"].isEnabled()
    alpha.host.set_action_enabled("alpha.hold", True)
    assert window.plugin_actions["alpha.hold"].isEnabled()
    window.plugin_actions["alpha.release"].trigger()


def test_an_unknown_id_is_refused_naming_it(viewer):
    window, gamma = viewer
    with pytest.raises(ValueError, match="set_action_enabled: no action 'gamma.sav' was added"):
        gamma.host.set_action_enabled("gamma.sav", False)
    assert window.plugin_actions[ENTRY].isEnabled()

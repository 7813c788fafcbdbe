"""What one plugin may do to another, with two plugins installed through real entry points (a dist-info on sys.path)
in the real viewer (offscreen), beside the installed ones.

The viewer had one host for all plugins and could not tell callers apart: any plugin could end another's hold
(``set_exclusive(None)`` in the middle of a reader study's blinded read), take it over, read or overwrite another's
settings, declare another's panel keys, or draw under another's id, which the hold lets through. Each plugin now gets
the host bound to its own id; a call on another plugin is refused in its own call, said in Messages, and changes
nothing. The holder itself, and the viewer, keep every power they had.
"""

from __future__ import annotations

import json

import pytest
from PySide6 import QtCore

from cxr_reader_study.demo import write_demo_study
from cxr_viewer.plugin_api import MarkerLayer, PanelKey, PluginInfo, ViewerHost
from tests.plugin_dist import install_plugins


pytestmark = pytest.mark.gui


class Alpha:
    """Holds the view for a blinded read from its menu entries, with settings and panel keys of its own."""

    info = PluginInfo(id="alpha", name="Alpha", version="0")

    def activate(self, host):
        self.host = host
        host.save_settings("alpha", {"secret": "the truth table"})
        host.declare_panel_keys("alpha", [PanelKey("1", "Alpha's rating")])
        host.add_action("alpha.hold", "Alpha: hold", self.hold)
        host.add_action("alpha.release", "Alpha: release", self.release)

    def hold(self):
        self.host.set_metadata_hidden(True)
        self.host.set_exclusive("alpha")

    def release(self):
        self.host.set_exclusive(None)
        self.host.set_metadata_hidden(False)

    def deactivate(self):
        pass


class Beta:
    """Runs what the test hands it from its own menu entry, or from its hook when another plugin takes the view."""

    info = PluginInfo(id="beta", name="Beta", version="0")

    def activate(self, host):
        self.host, self.call, self.on_hold, self.got = host, None, None, []
        host.add_action("beta.call", "Beta: call the host", lambda: self.got.append(self.call(host)))
        host.on_exclusive_changed(lambda owner: owner not in (None, "beta") and self.on_hold and self.on_hold(host))

    def deactivate(self):
        pass


@pytest.fixture
def viewer(make_window, tmp_path, monkeypatch, cr_file, config):
    install_plugins(tmp_path, monkeypatch, "cxr_pair", "alpha = tests.gui.test_plugin_boundaries:Alpha\n"
                                                      "beta = tests.gui.test_plugin_boundaries:Beta\n")
    window = make_window(load_plugins=True)
    window.open_paths([cr_file])
    return window


def _plugin(window, name):
    return next(record.plugin for record in window.plugin_records if record.name == name)


def _messages(window) -> str:
    return "\n".join(window.messages.messages())


@pytest.mark.parametrize("call, said", [
    (lambda host: host.set_exclusive(None),
     "set_exclusive(None): plugin 'alpha' holds the view; plugin 'beta' may not end another plugin's hold"),
    (lambda host: host.set_exclusive("beta"),
     "set_exclusive('beta'): plugin 'alpha' holds the view; plugin 'beta' may not take over another plugin's hold"),
])
def test_another_plugin_cannot_end_or_take_over_a_hold(viewer, call, said):
    window = viewer
    _plugin(window, "beta").on_hold = call
    window.plugin_actions["alpha.hold"].trigger()
    assert window.host.exclusive_owner() == "alpha" and window.hold.metadata_hidden
    assert not window.plugin_actions["beta.call"].isEnabled() and not window.actions["open_files"].isEnabled()
    window.plugin_actions["alpha.release"].trigger()  # the Messages dock is back, with what came meanwhile
    assert "Plugin exclusive-changed hook tests.gui.test_plugin_boundaries" in _messages(window)
    assert f"ValueError: {said}" in _messages(window)


@pytest.mark.parametrize("call, left_alone, said", [
    (lambda host: host.set_metadata_hidden(False), lambda window: window.hold.metadata_hidden,
     "set_metadata_hidden: plugin 'alpha' holds the view; plugin 'beta' may not change what it shows"),
    (lambda host: host.set_pixel_readout_hidden(True), lambda window: not window.layout_panes.primary.readout._hidden,
     "set_pixel_readout_hidden: plugin 'alpha' holds the view"),
    (lambda host: host.close_image(), lambda window: window.host.current_image() is not None,
     "close_image: plugin 'alpha' holds the view"),
    (lambda host: host.add_layer(MarkerLayer(id="alpha.fake", name="Fake")),
     lambda window: "alpha.fake" not in [layer.id for layer in window.host.layers()],
     "add_layer: layer id 'alpha.fake' belongs to plugin 'alpha'; plugin 'beta' adds and changes only its own"),
])
def test_during_a_hold_another_plugin_cannot_change_what_it_shows(viewer, call, left_alone, said):
    window = viewer
    _plugin(window, "beta").on_hold = call
    window.plugin_actions["alpha.hold"].trigger()
    assert window.host.exclusive_owner() == "alpha" and left_alone(window)
    window.plugin_actions["alpha.release"].trigger()
    assert said in _messages(window)


@pytest.mark.parametrize("call, said", [
    (lambda host: host.settings("alpha"), "settings: plugin_id 'alpha' is not this plugin; plugin 'beta' may use "
                                          "only its own"),
    (lambda host: host.save_settings("alpha", {"secret": "overwritten"}), "save_settings: plugin_id 'alpha'"),
    (lambda host: host.declare_panel_keys("alpha", []), "declare_panel_keys: plugin_id 'alpha'"),
    (lambda host: host.set_exclusive("alpha"), "set_exclusive: owner 'alpha' is not this plugin; plugin 'beta' may "
                                               "hand the view only to itself"),
])
def test_another_plugin_cannot_use_a_plugins_settings_keys_or_hold(viewer, config, call, said):
    window, beta = viewer, _plugin(viewer, "beta")
    beta.call = call
    window.plugin_actions["beta.call"].trigger()
    assert beta.got == [] and f"ValueError: {said}" in _messages(window)
    assert "Plugin action beta.call failed" in _messages(window)
    saved = json.loads((config / "viewer.json").read_text(encoding="utf-8"))["plugin_settings"]["alpha"]
    assert window.host.settings("alpha") == {"secret": "the truth table"} == saved
    assert window.host.panel_keys["alpha"] == (PanelKey("1", "Alpha's rating"),)
    assert window.host.exclusive_owner() is None


def test_a_plugins_host_offers_the_published_calls_and_not_the_viewer_behind_them(viewer):
    window, beta = viewer, _plugin(viewer, "beta")
    beta.call = lambda host: host._window
    window.plugin_actions["beta.call"].trigger()
    assert isinstance(beta.host, ViewerHost) and beta.got == []
    assert "AttributeError: the plugin API's host has no '_window'" in _messages(window)


def test_the_holder_keeps_every_power_it_had(viewer, cr_file):
    window, alpha = viewer, _plugin(viewer, "alpha")
    window.plugin_actions["alpha.hold"].trigger()
    host, pane = alpha.host, window.layout_panes.primary
    host.add_layer(MarkerLayer(id="alpha.marks", name="Marks"))
    host.set_window(1500.0, 400.0)
    assert (pane.windowing.state.center, pane.windowing.state.width) == (1500.0, 400.0)
    assert "alpha.marks" in [layer.id for layer in window.host.layers()]
    host.close_image()
    assert window.host.current_image() is None
    host.open_paths([str(cr_file)])  # the viewer's own lock on opening holds for the holder as for the user
    assert window.host.current_image() is None
    host.save_settings("alpha", {"secret": "moved"})
    host.declare_panel_keys("alpha", [PanelKey("2", "Alpha's second key")])
    assert host.settings("alpha") == {"secret": "moved"}
    assert window.host.panel_keys["alpha"] == (PanelKey("2", "Alpha's second key"),)
    window.plugin_actions["alpha.release"].trigger()
    assert window.host.exclusive_owner() is None and not window.hold.metadata_hidden
    assert "failed" not in _messages(window)


def test_the_reader_studys_blinded_hold_outlasts_another_plugins_release(viewer, qtbot, tmp_path):
    window = viewer
    _plugin(window, "beta").on_hold = lambda host: host.set_exclusive(None)
    study = _plugin(window, "reader_study")
    study.open_study(str(write_demo_study(tmp_path / "roc", readers=1)))
    study.panel.login.reader_id.setText("R1")
    qtbot.mouseClick(study.panel.login.start, QtCore.Qt.MouseButton.LeftButton)
    assert window.host.exclusive_owner() == "reader_study" and window.hold.metadata_hidden
    assert not window.plugin_actions["cxr_ai.detect"].isEnabled() and window.host.current_image() is not None
    qtbot.mouseClick(study.panel.reading.log_out, QtCore.Qt.MouseButton.LeftButton)
    assert window.host.exclusive_owner() == "reader_study"  # held between readers, until the study is closed
    study.panel.close_study()
    assert window.host.exclusive_owner() is None and not window.hold.metadata_hidden
    assert "plugin 'reader_study' holds the view; plugin 'beta' may not end another plugin's hold" in _messages(window)


def test_a_second_plugin_with_a_taken_id_is_not_started(make_window, tmp_path, monkeypatch, config):
    """Its hold, settings and ids would be the first one's: started, it could end that one's hold as its own."""
    install_plugins(tmp_path, monkeypatch, "cxr_twin_id", "alpha = tests.gui.test_plugin_boundaries:Alpha\n"
                                                         "alpha_again = tests.gui.test_plugin_boundaries:Alpha\n")
    window = make_window(load_plugins=True)
    again = next(record for record in window.plugin_records if record.name == "alpha_again")
    assert not again.active and "plugin 'alpha' already has the id 'alpha'" in again.error
    assert "Plugin alpha_again could not be loaded" in _messages(window)
    assert not hasattr(again.plugin, "host")  # never activated


def test_another_plugin_cannot_grey_a_plugins_entry(viewer):
    window, beta = viewer, _plugin(viewer, "beta")
    beta.call = lambda host: host.set_action_enabled("alpha.hold", False)
    window.plugin_actions["beta.call"].trigger()
    assert beta.got == [] and window.plugin_actions["alpha.hold"].isEnabled()
    assert ("ValueError: set_action_enabled: action id 'alpha.hold' belongs to plugin 'alpha'; plugin 'beta' adds "
            "and changes only its own") in _messages(window)

"""A third-party plugin handing the host a value it cannot use, installed through a real entry point (a dist-info on
sys.path): settings that are not JSON, something that is not a layer, a NaN or non-positive view argument. Each is
refused in the plugin's own call, named in Messages by the argument, and changes nothing: the settings kept for the
session still match the file, the layers and the view stay as they were (pyqtgraph had said "Cannot set range
[nan, nan]", and a dict as a layer "'dict' object has no attribute 'id'")."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from cxr_viewer.plugin_api import MarkerLayer, PluginInfo
from tests.plugin_dist import install_plugins

pytestmark = pytest.mark.gui


class ArgsPlugin:
    """Runs whatever call the test hands it from its own menu action, as an author's code would."""

    info = PluginInfo(id="args", name="Arguments", version="0")

    def activate(self, host):
        self.host = host
        self.call = lambda host: None
        host.add_action("args.call", "Call the host", lambda: self.call(self.host))

    def deactivate(self):
        pass


@pytest.fixture
def args(make_window, tmp_path, monkeypatch, cr_file, config):
    install_plugins(tmp_path, monkeypatch, "cxr_args", "args = tests.gui.test_plugin_host_args:ArgsPlugin\n")
    window = make_window(load_plugins=True)
    window.open_paths([cr_file])
    return window


def _call(window, call) -> str:
    """Run ``call(host)`` as the plugin's action; the Messages text afterwards."""
    plugin = next(r for r in window.plugin_records if r.name == "args").plugin
    plugin.call = call
    window.plugin_actions["args.call"].trigger()
    return "\n".join(window.messages.messages())


def _saved(config) -> dict:
    return json.loads((config / "viewer.json").read_text(encoding="utf-8"))["plugin_settings"]["args"]


@pytest.mark.parametrize("value, said", [
    (np.float32(0.5), "save_settings('args'): ['bad'] is of type float32, which JSON cannot hold"),
    ({1, 2}, "save_settings('args'): ['bad'] is of type set, which JSON cannot hold"),
    (object(), "save_settings('args'): ['bad'] is of type object, which JSON cannot hold"),
    ({"deep": [1, np.int64(2)]}, "save_settings('args'): ['bad']['deep'][1] is of type int64, which JSON cannot hold"),
    ({(1, 2): "corner"}, "save_settings('args'): ['bad'] has the key (1, 2) of type tuple; JSON keys are str"),
])
def test_settings_that_json_cannot_hold_are_refused_before_anything_changes(args, config, value, said):
    window = args
    _call(window, lambda host: host.save_settings("args", {"threshold": 0.5}))
    said_now = _call(window, lambda host: host.save_settings("args", {"threshold": 0.9, "bad": value}))
    assert "Plugin action args.call failed" in said_now and said in said_now
    assert window.host.settings("args") == {"threshold": 0.5} == _saved(config)


def test_settings_kept_for_the_session_are_what_the_file_gives_back(args, config):
    window = args
    _call(window, lambda host: host.save_settings("args", {"size": (3, 4), "scale": np.float64(1.5), "by": {1: "a"}}))
    assert window.host.settings("args") == {"size": [3, 4], "scale": 1.5, "by": {"1": "a"}} == _saved(config)


@pytest.mark.parametrize("not_a_layer", [{"id": "args.map", "name": "Map"}, None])
def test_what_is_not_a_layer_is_refused_naming_the_layer_types(args, not_a_layer):
    window = args
    _call(window, lambda host: host.add_layer(MarkerLayer(id="args.marks", name="Marks")))
    said = _call(window, lambda host: host.add_layer(not_a_layer))
    assert (f"TypeError: add_layer takes a HeatmapLayer, MaskLayer, MarkerLayer, ContourLayer or BoxLayer from "
            f"cxr_viewer.plugin_api, not {type(not_a_layer).__name__}") in said
    assert [layer.id for layer in window.host.layers()] == ["args.marks"]


@pytest.mark.parametrize("call, said", [
    (lambda host: host.center_on(math.nan, 50.0), "center_on: x must be a finite number, not nan"),
    (lambda host: host.center_on(100.0, math.inf), "center_on: y must be a finite number, not inf"),
    (lambda host: host.center_on(100.0, 50.0, zoom=math.nan), "center_on: zoom must be a finite number, not nan"),
    (lambda host: host.center_on(100.0, 50.0, zoom=0), "center_on: zoom must be > 0, not 0"),
    (lambda host: host.center_on(100.0, 50.0, zoom=-2.0), "center_on: zoom must be > 0, not -2.0"),
    (lambda host: host.center_on("100", 50.0), "center_on: x must be a number, not str '100'"),
    (lambda host: host.zoom_to(100.0, -math.inf, 40.0), "zoom_to: y must be a finite number, not -inf"),
    (lambda host: host.zoom_to(100.0, 50.0, math.nan), "zoom_to: field must be a finite number, not nan"),
    (lambda host: host.zoom_to(100.0, 50.0, 0.0), "zoom_to: field must be > 0, not 0.0"),
    (lambda host: host.set_window(math.nan, 400.0), "set_window: center must be a finite number, not nan"),
    (lambda host: host.set_window(1500.0, math.inf), "set_window: width must be a finite number, not inf"),
    (lambda host: host.set_window(1500.0, 0.0), "set_window: width must be > 0, not 0.0"),
    (lambda host: host.set_window(1500.0, -400.0), "set_window: width must be > 0, not -400.0"),
])
def test_a_view_argument_that_is_not_a_usable_number_is_named_and_the_view_stays(args, call, said):
    window, pane = args, args.layout_panes.primary
    view, level = pane.viewbox.viewRange(), pane.windowing.state
    messages = _call(window, call)
    assert "Plugin action args.call failed" in messages and said in messages
    assert pane.viewbox.viewRange() == view and pane.windowing.state == level


def test_usable_view_arguments_still_move_the_view(args):
    window, pane = args, args.layout_panes.primary
    _call(window, lambda host: (host.center_on(np.float32(150.0), 100, zoom=2), host.set_window(1500, np.int64(400))))
    assert "failed" not in "\n".join(window.messages.messages())
    assert pane.zoom == pytest.approx(2.0, rel=0.01)
    assert (pane.windowing.state.center, pane.windowing.state.width) == (1500.0, 400.0)

"""A third-party plugin's mistakes, as its author makes them, installed through a real entry point (a dist-info on
sys.path): layer data the viewer cannot draw, the host called from a task's worker thread, a misspelt key. Each is
named in Messages in the author's words, and the viewer (its layers, its window/level) goes on as before."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cxr_viewer.plugin_api import HeatmapLayer, Marker, MarkerLayer, MaskLayer, PluginInfo
from tests.plugin_dist import install_plugins

pytestmark = pytest.mark.gui

BAD_LAYERS = {
    # a 1-D map that follows the window: it failed in pyqtgraph, stayed listed, and raised at every window change
    "flat": HeatmapLayer(id="author.map", name="Map", data=np.arange(10.0), follows_window=True),
    "rgb": MaskLayer(id="author.map", name="Map", mask=np.ones((8, 8, 3), bool)),  # drawn as colour noise
    "nan": MarkerLayer(id="author.map", name="Map", markers=[Marker(math.nan, 5.0)]),  # silently not drawn
    "colour": MaskLayer(id="author.map", name="Map", mask=np.ones((8, 8), bool), color="reddish"),  # drawn black
}


class AuthorPlugin:
    info = PluginInfo(id="author", name="Author's plugin", version="0")

    def activate(self, host):
        self.host = host
        self.errors = []
        host.add_action("author.good", "Good map", self.good)
        for name in BAD_LAYERS:
            host.add_action(f"author.{name}", f"Bad {name}", lambda name=name: host.add_layer(BAD_LAYERS[name]))
        host.add_action("author.worker", "Draw from the worker", self.draw_from_worker)
        host.add_action("author.typo", "Misspelt key", lambda: None, shortcut="Ctlr+J")

    def good(self):
        self.host.add_layer(HeatmapLayer(id="author.map", name="Map", data=np.random.rand(20, 30), follows_window=True))

    def draw_from_worker(self):
        def work(reporter):
            self.host.add_layer(MarkerLayer(id="author.late", name="Late", markers=[Marker(5.0, 5.0)]))

        self.task = self.host.run_task(work, on_error=self.errors.append, title="author work")

    def deactivate(self):
        pass


@pytest.fixture
def author(make_window, tmp_path, monkeypatch, cr_file):
    install_plugins(tmp_path, monkeypatch, "cxr_author", "author = tests.gui.test_plugin_author_layers:AuthorPlugin\n")
    window = make_window(load_plugins=True)
    window.open_paths([cr_file])
    return window


def _messages(window) -> str:
    return "\n".join(window.messages.messages())


@pytest.mark.parametrize("bad, said", [
    ("flat", "HeatmapLayer 'author.map': data must be a non-empty 2-D array indexed [row, column], not shape (10,)"),
    ("rgb", "MaskLayer 'author.map': mask must be a non-empty 2-D array indexed [row, column], not shape (8, 8, 3)"),
    ("nan", "MarkerLayer 'author.map': marker 0 has a coordinate that is NaN or infinite"),
    ("colour", "MaskLayer 'author.map': color 'reddish' is not a colour"),
])
def test_a_layer_that_cannot_be_drawn_is_named_and_the_one_shown_stays(author, bad, said):
    window, pane = author, author.layout_panes.primary
    window.plugin_actions["author.good"].trigger()
    (good,) = [layer for layer in window.host.layers() if layer.id == "author.map"]
    window.plugin_actions[f"author.{bad}"].trigger()
    assert "Plugin action author." + bad + " failed" in _messages(window) and said in _messages(window)
    assert [layer for layer in window.host.layers() if layer.id == "author.map"] == [good]
    assert pane.overlays.item("author.map").childItems()  # still drawn
    pane.set_window(1500, 1000)  # a layer following the window, half-built, raised here
    assert window.layer_panel.item_for("author.map") is not None


def test_the_host_called_from_a_tasks_worker_thread_refuses_and_says_where_to_call_it(author, qtbot):
    window = author
    plugin = next(r for r in window.plugin_records if r.name == "author").plugin
    window.plugin_actions["author.worker"].trigger()
    qtbot.waitUntil(lambda: plugin.task.done, timeout=10000)
    qtbot.waitUntil(lambda: bool(plugin.errors), timeout=10000)
    assert "add_layer was called from a worker thread" in str(plugin.errors[0])
    assert "on_done" in str(plugin.errors[0])
    assert "author.late" not in {layer.id for layer in window.host.layers()}


def test_a_misspelt_shortcut_is_said_not_silently_dropped(author):
    assert author.plugin_actions["author.typo"].shortcut().isEmpty()
    assert "'Ctlr+J' for 'Misspelt key' is not a key" in _messages(author)

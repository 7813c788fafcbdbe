"""A plugin that calls ``sys.exit()`` (a script's habit) in its constructor, an action or a hook, installed through a
real entry point: it ended the whole viewer without a word; now it is listed in Messages, naming the plugin's
module, and the viewer and the other plugins go on."""

from __future__ import annotations

import sys

import pytest

from cxr_viewer.plugin_api import PluginInfo
from tests.plugin_dist import install_plugins

pytestmark = pytest.mark.gui


class ExitsInConstructor:
    info = PluginInfo(id="exits_early", name="Exits early", version="0")

    def __init__(self):
        sys.exit("no licence file")

    def activate(self, host):
        pass

    def deactivate(self):
        pass


class ExitsLater:
    info = PluginInfo(id="exits_later", name="Exits later", version="0")

    def activate(self, host):
        host.add_action("exits_later.quit", "Quit", lambda: sys.exit(0))
        host.on_image_opened(self.opened)

    def opened(self, image):
        sys.exit(3)

    def deactivate(self):
        pass


def test_a_plugin_calling_sys_exit_is_reported_and_the_viewer_goes_on(make_window, tmp_path, monkeypatch, cr_file):
    install_plugins(tmp_path, monkeypatch, "cxr_exits",
                    "exits_early = tests.gui.test_plugin_author_exit:ExitsInConstructor\n"
                    "exits_later = tests.gui.test_plugin_author_exit:ExitsLater\n")
    window = make_window(load_plugins=True)
    window.open_paths([cr_file])
    window.plugin_actions["exits_later.quit"].trigger()
    text = "\n".join(window.messages.messages())
    assert "Plugin exits_early could not be loaded\nSystemExit: no licence file" in text
    assert "image-opened hook tests.gui.test_plugin_author_exit.ExitsLater.opened failed\nSystemExit: 3" in text
    assert "Plugin action exits_later.quit failed\nSystemExit: 0" in text
    window.plugin_actions["hello.mark_centre"].trigger()
    assert "hello.centre" in {layer.id for layer in window.host.layers()}

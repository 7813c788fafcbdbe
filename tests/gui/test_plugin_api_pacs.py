"""The plugin API's PACS calls (``ViewerHost.pacs_nodes``, ``on_pacs_nodes_changed``, ``send_to_pacs``), used by a plugin installed through a
real entry point in the real viewer (offscreen), through the host bound to its id, and inherited by a headless host.

Plugins wrote DICOM (the AI's SR and SEG) but could not send it: ``cxr_viewer.net`` is the viewer's, and the
radiologist had to find the files again on the PACS window's Send tab. A plugin now asks which nodes exist (to grey
its entry) and hands its files over; the viewer picks nothing for the user (it has no default node: it asks), and
with no node it says so in Messages, naming the files, which stay where they are.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from cxr_viewer.gui.pacs_node_choice import OBJECT_NAME, NodeChoice
from cxr_viewer.net.config import PacsSettings, save_settings
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.plugin_api import PluginInfo, ViewerHost
from tests.ai.headless_host import HeadlessHost
from tests.gui.pacs_node_edits import add_node, remove_node
from tests.pacs.conftest import free_port
from tests.plugin_dist import install_plugins

pytestmark = pytest.mark.gui


class Gamma:
    """A plugin that sends what the test hands it from its menu entry, and asks for the nodes."""

    info = PluginInfo(id="gamma", name="Gamma", version="0")

    def activate(self, host):
        self.host, self.paths, self.nodes, self.heard = host, [], [], []
        host.add_action("gamma.send", "Gamma: send", self.send)
        host.on_pacs_nodes_changed(lambda: self.heard.append(host.pacs_nodes()))

    def send(self):
        self.nodes.append(self.host.pacs_nodes())
        self.host.send_to_pacs(self.paths, "Gamma's report")

    def deactivate(self):
        pass


@pytest.fixture
def gamma(make_window, tmp_path, monkeypatch, config):
    install_plugins(tmp_path, monkeypatch, "cxr_gamma", "gamma = tests.gui.test_plugin_api_pacs:Gamma\n")
    window = make_window(load_plugins=True)
    return window, next(record.plugin for record in window.plugin_records if record.name == "gamma")


def test_the_calls_are_published_and_optional_for_a_host() -> None:
    calls = {"pacs_nodes", "on_pacs_nodes_changed", "send_to_pacs"}
    assert all(callable(getattr(ViewerHost, call)) for call in calls)
    assert not calls & ViewerHost.__abstractmethods__  # hosts written before still build
    host = HeadlessHost()
    assert host.pacs_nodes() == []
    host.on_pacs_nodes_changed(lambda: pytest.fail("a host without networking has no nodes to change"))
    host.send_to_pacs(["/data/report_sr.dcm"])
    assert host.errors == [("Not sent to PACS", "This viewer cannot send to a PACS; the files stay where they are:\n"
                                                "/data/report_sr.dcm")]


def test_a_plugin_without_a_node_configured_is_told_in_messages(gamma, cr_file) -> None:
    window, plugin = gamma
    plugin.paths = [cr_file]
    window.plugin_actions["gamma.send"].trigger()
    messages = "\n".join(window.messages.messages())
    assert plugin.nodes == [[]] and window.findChild(NodeChoice, OBJECT_NAME) is None
    assert "Not sent to PACS" in messages and "no PACS node is configured" in messages
    assert f"None of the 1 file(s) (Gamma's report) was sent; they stay on disk:\nNot sent: {cr_file}" in messages


def test_a_plugin_sees_the_nodes_and_its_files_are_offered_for_the_node_the_user_picks(gamma, cr_file, qtbot) -> None:
    """The node last sent to is offered first the next time; Enter sends (a closed port here: nothing listens)."""
    window, plugin = gamma
    closed = {name: DicomNode(ae, "127.0.0.1", free_port()) for name, ae in (("b-archive", "ARCHIVE"),
                                                                             ("a-teaching", "TEACH"))}
    save_settings(PacsSettings(nodes=closed))
    plugin.paths = [str(cr_file)]
    window.plugin_actions["gamma.send"].trigger()
    assert plugin.nodes == [["a-teaching", "b-archive"]]
    choice = window.findChild(NodeChoice, OBJECT_NAME)
    assert choice is not None and choice.isVisible() and choice.isModal() and choice.send_button.isDefault()
    assert [choice.node.itemText(row) for row in range(choice.node.count())] == [
        f"a-teaching — {closed['a-teaching'].describe()}", f"b-archive — {closed['b-archive'].describe()}"]
    assert choice.findChild(QListWidget).item(0).text() == cr_file.name
    choice.node.setCurrentIndex(1)
    qtbot.keyClick(choice.node, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=30000)
    assert f"PACS node 'b-archive': {closed['b-archive'].describe()} could not be reached" in "\n".join(
        window.messages.messages())

    window.plugin_actions["gamma.send"].trigger()
    choice = window.findChild(NodeChoice, OBJECT_NAME)
    assert choice.chosen() == "b-archive"
    choice.reject()
    assert "Not sent to PACS; the 1 file(s) stay in" in window.statusBar().currentMessage()
    assert cr_file.is_file() and window.tasks.running == []


def test_another_plugins_blinded_read_refuses_the_send_before_any_dialog(gamma, cr_file) -> None:
    """A hook of the sending plugin may fire during a reader study's hold: no node dialog over the case."""
    window, plugin = gamma
    save_settings(PacsSettings(nodes={"archive": DicomNode("ARCHIVE", "127.0.0.1", free_port())}))
    plugin.paths = [cr_file]
    window.host.set_exclusive("reader_study")
    with pytest.raises(ValueError, match="send_to_pacs: plugin 'reader_study' holds the view; plugin 'gamma' may not"):
        plugin.send()
    assert window.findChild(NodeChoice, OBJECT_NAME) is None and window.tasks.running == []
    window.host.set_exclusive(None)


def test_a_plugin_hears_each_node_added_or_removed_on_the_nodes_tab(gamma) -> None:
    """Told after the change, so ``pacs_nodes`` already answers the new list; an AE-title edit is no node change."""
    window, plugin = gamma
    add_node(window, "b-archive")
    add_node(window, "a-teaching")
    window.pacs.dialog.nodes_tab.local.applied.emit()
    remove_node(window, "b-archive")
    assert plugin.heard == [["b-archive"], ["a-teaching", "b-archive"], ["a-teaching"]]
    window.pacs.dialog.close()

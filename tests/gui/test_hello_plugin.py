"""Plugins found through real entry points: the example plugin works, broken ones are contained, every plugin is
deactivated when the window closes; the host's permanent status."""

from __future__ import annotations

import threading
from itertools import combinations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.plugin_api.layers import BoxLayer, MarkerLayer
from cxr_viewer.settings import Settings
from tests.plugin_dist import install_plugins

pytestmark = pytest.mark.gui


class RaisesInActivate:
    from cxr_viewer.plugin_api import PluginInfo

    info = PluginInfo(id="bad_activate", name="Bad activate", version="0")

    def activate(self, host):
        raise RuntimeError("boom in activate")

    def deactivate(self):
        pass


class RaisesLater:
    from cxr_viewer.plugin_api import PluginInfo

    info = PluginInfo(id="bad_later", name="Bad later", version="0")

    def activate(self, host):
        self.host = host
        host.add_action("bad.action", "Bad action", self.action)
        host.on_image_opened(self.hook)
        host.add_click_handler(self.click)

    def action(self):
        raise ValueError("boom in action")

    def hook(self, image):
        raise KeyError("boom in hook")

    def click(self, x, y, button, modifiers):
        raise ZeroDivisionError("boom in click")

    def deactivate(self):
        pass


class RaisesInDeactivate:
    from cxr_viewer.plugin_api import PluginInfo

    info = PluginInfo(id="bad_deactivate", name="Bad deactivate", version="0")

    def activate(self, host):
        pass

    def deactivate(self):
        raise RuntimeError("boom in deactivate")


class CountsDeactivations:
    from cxr_viewer.plugin_api import PluginInfo

    info = PluginInfo(id="counts", name="Counts deactivations", version="0")

    def __init__(self):
        self.deactivations = 0

    def activate(self, host):
        pass

    def deactivate(self):
        self.deactivations += 1


@pytest.fixture
def broken_plugins(tmp_path, monkeypatch):
    """Two plugins that raise and one that cannot be imported."""
    install_plugins(tmp_path, monkeypatch, "cxr_test_plugins",
                     "bad_activate = tests.gui.test_hello_plugin:RaisesInActivate\n"
                     "bad_later = tests.gui.test_hello_plugin:RaisesLater\n"
                     "bad_import = tests.gui.no_such_module:Nothing\n")


def _record(window, name):
    return next(r for r in window.plugin_records if r.name == name)


def test_hello_is_discovered_and_marks_the_centre(make_window, cr_file, qtbot):
    window = make_window(load_plugins=True)
    hello = _record(window, "hello")
    assert hello.active and type(hello.plugin).__name__ == "HelloPlugin"
    window.open_paths([cr_file])
    assert hello.plugin.opened_count == 1
    window.plugin_actions["hello.mark_centre"].trigger()
    layers = {layer.id: layer for layer in window.host.layers()}
    assert isinstance(layers["hello.centre"], MarkerLayer) and isinstance(layers["hello.box"], BoxLayer)
    assert (layers["hello.centre"].markers[0].x, layers["hello.centre"].markers[0].y) == (150, 100)
    assert window.layer_panel.item_for("hello.centre") is not None
    qtbot.waitUntil(lambda: hello.plugin.last_mean is not None, timeout=10000)
    assert hello.plugin.last_mean == pytest.approx(float(np.mean(window.host.current_image().modality)))
    assert "image mean" in window.statusBar().currentMessage()


def test_hello_task_reports_progress_and_can_be_cancelled(make_window, qtbot):
    from cxr_hello.plugin import image_mean

    window = make_window(load_plugins=True)
    seen = []
    window.tasks.progress.connect(lambda task, fraction, message: seen.append(fraction))
    gate = QtCore.QSemaphore(0)
    values = np.ones((2048, 8), np.float32)

    def work(reporter):
        gate.acquire()  # hold the worker until the test pressed Cancel
        return image_mean(values, reporter)

    results = []
    task = window.host.run_task(work, results.append, title="mean")
    qtbot.waitUntil(window.task_progress.isVisible)
    qtbot.mouseClick(window.task_progress.cancel_button, QtCore.Qt.MouseButton.LeftButton)
    gate.release()
    qtbot.waitUntil(lambda: task.done, timeout=10000)
    assert results == [None] and task.cancelled
    finished = []
    window.host.run_task(lambda reporter: image_mean(values, reporter), finished.append)
    qtbot.waitUntil(lambda: bool(finished), timeout=10000)
    assert finished == [1.0] and seen and seen[-1] == 1.0


def test_broken_plugins_are_reported_and_the_viewer_keeps_working(make_window, broken_plugins, cr_file, qtbot):
    window = make_window(load_plugins=True)
    assert "boom in activate" in (_record(window, "bad_activate").error or "")
    assert _record(window, "bad_import").error
    assert _record(window, "hello").active
    window.open_paths([cr_file])  # the hook raises
    window.plugin_actions["bad.action"].trigger()
    pane = window.layout_panes.primary
    qtbot.mouseClick(pane.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(200, 200))
    failed = []
    window.host.run_task(lambda reporter: 1 / 0, title="divide")
    window.host.run_task(lambda reporter: 1, lambda result: failed.append(result) or {}["missing"], title="bad callback")
    qtbot.waitUntil(lambda: bool(failed) and not window.tasks.running, timeout=10000)
    text = "\n".join(window.messages.messages())
    for expected in ("boom in activate", "boom in action", "boom in hook", "boom in click", "ZeroDivisionError",
                     "KeyError", "bad_import"):
        assert expected in text, expected
    window.plugin_actions["hello.mark_centre"].trigger()
    assert "hello.centre" in {layer.id for layer in window.host.layers()}


def test_disabled_plugin_is_not_loaded(make_window):
    window = make_window(load_plugins=True, settings=Settings(disabled_plugins=["hello"]))
    record = _record(window, "hello")
    assert record.disabled and record.plugin is None
    assert "hello.mark_centre" not in window.plugin_actions


def test_plugins_menu_disables_a_plugin_for_the_next_start(make_window, tmp_path, monkeypatch):
    from cxr_viewer.settings import load_settings

    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(tmp_path / "cfg"))
    window = make_window(load_plugins=True)
    menu = next(a.menu() for a in window.menu_named("Plugins").actions() if a.menu())
    toggle = next(a for a in menu.actions() if a.text().startswith("hello"))
    assert toggle.isChecked()
    toggle.trigger()
    assert load_settings().disabled_plugins == ["hello"]
    restarted = make_window(load_plugins=True, settings=load_settings())
    assert "hello" not in {r.name for r in restarted.plugin_records if r.active}


def test_editable_markers_follow_the_mouse_and_call_back(make_window, cr_file, qtbot):
    from cxr_viewer.plugin_api.layers import Marker
    from tests.gui.conftest import drag, widget_point

    window = make_window()
    window.open_paths([cr_file])
    moved = []
    window.host.add_layer(MarkerLayer(id="edit", name="edit", markers=[Marker(100, 100)]))
    window.host.set_markers_editable("edit", True, moved.append)
    pane = window.layout_panes.primary
    start = widget_point(pane, 100, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(30, 20), QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(moved), timeout=2000)
    marker = moved[-1].markers[0]
    end = pane.image_point_at(pane.mapToScene(start + QtCore.QPoint(30, 20)))
    assert (marker.x, marker.y) == (pytest.approx(end.x(), abs=1.5), pytest.approx(end.y(), abs=1.5))
    assert window.host.layers()[0].markers[0].x == marker.x
    clicks = []
    window.host.add_click_handler(lambda x, y, button, modifiers: clicks.append((x, y, button)) or True)
    qtbot.wait(QtWidgets_interval())
    qtbot.mouseClick(pane.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=widget_point(pane, marker.x, marker.y))
    qtbot.waitUntil(lambda: bool(clicks), timeout=2000)  # a click (no drag) on an editable marker still reaches plugins
    assert clicks[0][2] == "left" and clicks[0][0] == pytest.approx(marker.x, abs=1)


def test_click_handler_gets_image_coordinates(make_window, cr_file, qtbot):
    from tests.gui.conftest import widget_point

    window = make_window()
    window.open_paths([cr_file])
    clicks = []
    handler = lambda x, y, button, modifiers: clicks.append((x, y, button, modifiers)) or True  # noqa: E731
    window.host.add_click_handler(handler)
    pane = window.layout_panes.primary
    qtbot.mouseClick(pane.viewport(), QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.KeyboardModifier.ShiftModifier,
                     pos=widget_point(pane, 40.5, 30.5))
    x, y, button, modifiers = clicks[0]
    assert (x, y) == (pytest.approx(40.5, abs=1), pytest.approx(30.5, abs=1))
    assert button == "left" and modifiers == ["shift"]
    window.host.remove_click_handler(handler)
    qtbot.wait(QtWidgets_interval())
    qtbot.mouseClick(pane.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=widget_point(pane, 40.5, 30.5))
    assert len(clicks) == 1


def QtWidgets_interval() -> int:
    from PySide6 import QtWidgets

    return QtWidgets.QApplication.doubleClickInterval() + 50


def test_closing_the_window_deactivates_every_plugin_once_even_if_one_raises(make_window, tmp_path, monkeypatch):
    """``deactivate`` is where a plugin closes its files and ends its threads (the reader study's store)."""
    install_plugins(tmp_path, monkeypatch, "cxr_test_plugins",
                     "a_bad_deactivate = tests.gui.test_hello_plugin:RaisesInDeactivate\n"  # sorted first
                     "counts = tests.gui.test_hello_plugin:CountsDeactivations\n")
    window = make_window(load_plugins=True)
    counts = _record(window, "counts").plugin
    assert counts.deactivations == 0
    window.close()
    assert counts.deactivations == 1 and _record(window, "hello").plugin.host is None
    assert "boom in deactivate" in "\n".join(window.messages.messages())
    window.close()
    assert counts.deactivations == 1


def _status_bar_says(window, text: str) -> bool:
    """Whether the status bar shows ``text``, as its passing message or on one of its visible labels."""
    bar = window.statusBar()
    labels = [label.text() for label in bar.findChildren(QtWidgets.QLabel) if label.isVisible()]
    return text in bar.currentMessage() or any(text in label for label in labels)


def test_a_permanent_status_outlives_passing_messages_beside_the_readout_and_progress(make_window, cr_file, qtbot):
    window = make_window()
    window.open_paths([cr_file])
    window.host.show_status("AI (research use only): models 1.0", permanent=True)
    window.actions["measure"].trigger()  # the viewer's own passing message
    window.host.show_status("a plugin's passing message")
    assert _status_bar_says(window, "research use only") and _status_bar_says(window, "a plugin's passing message")
    window.statusBar().clearMessage()  # as when the message times out
    assert _status_bar_says(window, "research use only")
    gate = threading.Event()
    task = window.host.run_task(lambda reporter: gate.wait(10), title="work")
    qtbot.waitUntil(window.task_progress.isVisible)
    window.cursor_label.setText("x 100  y 100  stored 1000  value 1000")
    qtbot.wait(50)
    shown = [window.cursor_label, window.plugin_status, window.task_progress]
    assert all(widget.isVisible() for widget in shown)
    assert not any(a.geometry().intersects(b.geometry()) for a, b in combinations(shown, 2))
    gate.set()
    qtbot.waitUntil(lambda: task.done, timeout=10000)


def test_a_plugin_dock_closed_by_its_cross_comes_back_from_the_view_menu(window):
    window.host.add_dock_widget("Findings", QtWidgets.QLabel("findings"))
    dock = next(d for d in window.findChildren(QtWidgets.QDockWidget) if d.windowTitle() == "Findings")
    dock.close()
    (toggle,) = [a for a in window.menus["&View"].actions() if a.text() == "Findings"]
    toggle.trigger()
    assert dock.isVisible()


def test_hooks_hear_of_the_view_emptied_and_of_a_hold_taken_and_given_back(make_window, cr_file):
    """Plugins learn that the view was emptied (after the fact: it is empty when they look) and when another plugin
    takes or gives back the view, each change once; one that raises is reported and the others still hear. The
    bundled plugins that listen to neither (hello) work as before."""
    window = make_window(load_plugins=True)
    host, heard = window.host, []
    host.on_image_closed(lambda: 1 / 0)
    host.on_image_closed(lambda: heard.append(("closed", host.current_image(), window.windowTitle())))
    host.on_exclusive_changed(lambda owner: heard.append(("held", owner, window.plugin_actions["hello.mark_centre"]
                                                          .isEnabled())))
    window.open_paths([cr_file])
    host.close_image()
    assert heard == [("closed", None, "CXR Viewer (research use only)")]
    assert any("image-closed hook" in window.messages.list.item(row).text()
               for row in range(window.messages.list.count()))
    heard.clear()
    host.set_exclusive("reader_study")
    host.set_exclusive("reader_study")  # no change: not heard again
    host.set_exclusive(None)
    host.set_exclusive(None)
    assert heard == [("held", "reader_study", False), ("held", None, True)]
    window.open_paths([cr_file])
    window.plugin_actions["hello.mark_centre"].trigger()
    assert {"hello.centre", "hello.box"} <= {layer.id for layer in host.layers()}
    assert _record(window, "hello").plugin.opened_count == 2


def test_an_emptied_view_shows_no_film_position(make_window, cr_file):
    """After the host closes the image, the corner no longer says "Image 1/1  Study 1/1", which beside an empty view
    reads as if a film were shown."""
    window = make_window(load_plugins=True)
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    assert "Image 1/1" in pane.corners.texts["bottom_right"]
    window.host.close_image()
    assert pane.corners.texts == {corner: "" for corner in pane.corners.texts}


class WorksOnOpen:
    """Starts background work on every opened film that runs until cancelled, and writes how it ended to the file
    named by ``CXR_TEST_WORK_LOG``: a command that leaves such work running into the interpreter's exit crashes."""

    from cxr_viewer.plugin_api import PluginInfo

    info = PluginInfo(id="works_on_open", name="Works on open", version="0")

    def activate(self, host):
        host.on_image_opened(lambda image: host.run_task(self.work, title="Long work"))

    def work(self, reporter):
        import os
        import time
        from pathlib import Path

        deadline = time.monotonic() + 60
        while not reporter.cancelled and time.monotonic() < deadline:
            time.sleep(0.01)
        Path(os.environ["CXR_TEST_WORK_LOG"]).write_text("cancelled" if reporter.cancelled else "timed out")

    def deactivate(self):
        pass

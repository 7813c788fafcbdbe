"""The window's size and docks as the reader left them come back at the next start (`gui/window_layout.py`, wired by
`cxr-viewer` itself), without touching the settings file's other keys; a layout Qt cannot read leaves the defaults."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6 import QtCore

from cxr_viewer.gui import window_layout
from cxr_viewer.settings import load_settings
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.gui
Area = QtCore.Qt.DockWidgetArea


@pytest.fixture
def config(config):
    """The config folder (``tests/gui/conftest.py``) with a viewer.json holding the user's shortcut and a key a newer
    version wrote."""
    (config / "viewer.json").write_text(json.dumps({"shortcuts": {"invert": "N"}, "from_a_newer_version": 1}))
    return config


def test_size_and_docks_come_back_at_the_next_start(make_window, config, qtbot):
    first = make_window(load_plugins=True, settings=load_settings())
    first.resize(760, 560)
    first.docks["layers"].hide()
    first.addDockWidget(Area.LeftDockWidgetArea, first.docks["tags"])
    qtbot.waitUntil(lambda: first.size() == QtCore.QSize(760, 560))
    window_layout.save(first, first.settings, first.report_error)
    saved = json.loads((config / "viewer.json").read_text())
    assert saved["shortcuts"] == {"invert": "N"} and saved["from_a_newer_version"] == 1

    second = make_window(load_plugins=True, settings=load_settings())
    assert window_layout.restore(second, second.settings)
    assert second.size() == QtCore.QSize(760, 560)
    assert not second.docks["layers"].isVisible() and second.docks["tags"].isVisible()
    assert second.dockWidgetArea(second.docks["tags"]) == Area.LeftDockWidgetArea
    ai_dock = next(d for d in second.findChildren(type(second.docks["tags"])) if d.windowTitle() == "AI findings")
    assert ai_dock.isVisible() and second.dockWidgetArea(ai_dock) == Area.RightDockWidgetArea


def test_a_layout_qt_cannot_read_leaves_the_first_start_layout(make_window, config):
    raw = json.loads((config / "viewer.json").read_text())
    (config / "viewer.json").write_text(json.dumps(raw | {"window_layout": {"geometry": "bm9wZQ==", "state": "x"}}))
    window = make_window(settings=load_settings())
    assert not window_layout.restore(window, window.settings)
    assert all(window.docks[name].isVisible() for name in ("tags", "layers", "messages"))
    assert window.dockWidgetArea(window.docks["tags"]) == Area.RightDockWidgetArea



# The real `cxr-viewer` (cli.main) in a fresh process, driven from a timer inside its own event loop: the first run
# changes the layout and closes the window as a reader would, the second prints what it came back with.
RUN = """
import sys
from PySide6 import QtCore, QtWidgets
app = QtWidgets.QApplication([])
from cxr_viewer.cli import main
from cxr_viewer.gui.main_window import MainWindow

def act():
    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    if sys.argv[1] == "change":
        window.resize(760, 560)
        window.docks["layers"].hide()
        window.addDockWidget(QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, window.docks["tags"])
        app.processEvents()
    area = window.dockWidgetArea(window.docks["tags"]).name
    print("layout", window.width(), window.height(), window.docks["layers"].isVisible(), area, flush=True)
    window.close()

QtCore.QTimer.singleShot(500, act)
sys.exit(main(["--no-plugins"]))
"""


def test_cxr_viewer_itself_puts_the_window_back_as_it_was_closed(config):
    env = os.environ | {"CXR_VIEWER_CONFIG_DIR": str(config), "QT_QPA_PLATFORM": "offscreen",
                        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")])}

    def run(what: str) -> str:
        done = subprocess.run([sys.executable, "-c", RUN, what], env=env, capture_output=True, text=True, timeout=120,
                              cwd=str(REPO_ROOT))
        assert done.returncode == 0, done.stderr
        return next(line for line in done.stdout.splitlines() if line.startswith("layout "))

    first = run("change")
    assert first == "layout 760 560 False LeftDockWidgetArea"
    assert run("look") == first
    assert json.loads((config / "viewer.json").read_text())["from_a_newer_version"] == 1

"""Start-up: the window shown with its plugins must not have imported what only a later command needs.

A reader starts the viewer every morning and after every crash. ONNX Runtime and SciPy (the AI engine, built on a
worker when a film opens), highdicom and matplotlib (saving a presentation state or the AI's SR/SEG) and SimpleITK
(an MHA or NRRD film) cost about a second together on the project's machine before the first window showed. Each
is imported where it is used; this checks the start-up in a fresh interpreter, whose ``sys.modules`` no other test
has filled (``benchmarks/bench_startup.py`` measures the time).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.gui

DEFERRED = ("onnxruntime", "scipy", "highdicom", "matplotlib", "SimpleITK", "torch")

START = """
import json, sys
from PySide6 import QtWidgets
from cxr_viewer.gui.main_window import MainWindow
from cxr_viewer.settings import load_settings
app = QtWidgets.QApplication(sys.argv[:1])
window = MainWindow(load_settings(), load_plugins=True, with_browser=True)
window.show()
app.processEvents()
active = sorted(record.name for record in window.plugins.records if record.active)
loaded = sorted(name for name in sys.modules if name.split(".")[0] in sys.argv[1:])
print(json.dumps({"active": active, "loaded": loaded}))
window.close()
"""


def test_window_with_plugins_shows_without_the_deferred_libraries():
    result = subprocess.run([sys.executable, "-c", START, *DEFERRED], capture_output=True, text=True, cwd=REPO_ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"ai", "reader_study"} <= set(state["active"])  # the plugins did start: their imports were checked too
    assert state["loaded"] == []

"""Closing the viewer while background work runs ends the process cleanly.

Found with a plugin author's test: a window with the plugins loaded, a film open (the AI plugin starts a look-up of
its stored results) and a heat map following the window; closed at once, the look-up ran on into the interpreter's
exit and Qt aborted the process ("terminate called without an active exception", exit status 134): Python ends a
thread that wants the interpreter after finalisation began, and Qt's pool swallows that unwinding. The viewer is run
in a child process, as a user runs it, so its exit is seen; a plugin's long task that polls for cancel stands for
work that outlives the window: before, the closed viewer never exited at all while it ran.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import sys
    import time
    import numpy as np
    from PySide6 import QtWidgets
    from cxr_viewer.gui.main_window import MainWindow
    from cxr_viewer.plugin_api import HeatmapLayer
    from cxr_viewer.settings import Settings

    app = QtWidgets.QApplication([])
    window = MainWindow(settings=Settings(), load_plugins=True)
    window.resize(1000, 700)
    window.show()
    app.processEvents()
    window.open_paths([sys.argv[1]])
    window.host.add_layer(HeatmapLayer(id="probe.map", name="Map", data=np.random.rand(20, 30), follows_window=True))

    def polls_until_cancelled(reporter):  # long work that stops when asked, as a plugin's should
        while not reporter.cancelled:
            time.sleep(0.05)

    window.host.run_task(polls_until_cancelled, title="probe work")
    print("running:", [task.title for task in window.tasks.running], flush=True)
    window.close()
    print("closed", flush=True)
""")


def test_closing_with_work_running_exits_cleanly(cr_file):
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(cr_file)], capture_output=True, text=True, cwd=ROOT,
                            env=_child_env(), timeout=60, check=False)
    assert "'probe work'" in result.stdout and "closed" in result.stdout, (result.stdout, result.stderr)
    assert "Qt Concurrent" not in result.stderr and "terminate called" not in result.stderr, result.stderr
    assert result.returncode == 0, (result.returncode, result.stderr)


def _child_env() -> dict[str, str]:
    import os

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # the suite's user folders (conftest) are inherited
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "plugins"), env.get("PYTHONPATH", "")])
    return env

"""File > Open starts where the last Open found something, also after a restart, without touching the settings
file's other keys (`gui/window_files.py`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.gui


@pytest.fixture
def config(config):
    """The config folder (``tests/gui/conftest.py``) with a viewer.json holding a key a newer version wrote."""
    (config / "viewer.json").write_text(json.dumps({"from_a_newer_version": 1}))
    return config


# A fresh viewer process (a real restart: Qt itself remembers the last folder only within one process) that answers its
# own File > Open files… dialog with the given file and prints the folder the dialog started in.
RESTART = """
import sys
from PySide6 import QtCore, QtWidgets
app = QtWidgets.QApplication([])
from cxr_viewer.gui.main_window import MainWindow
from cxr_viewer.settings import load_settings

def answer():
    dialogs = [w for w in app.topLevelWidgets() if isinstance(w, QtWidgets.QFileDialog) and w.isVisible()]
    if not dialogs:
        QtCore.QTimer.singleShot(50, answer)
        return
    print("started in", dialogs[0].directory().absolutePath(), flush=True)
    dialogs[0].selectFile(sys.argv[1])
    dialogs[0].accept()

window = MainWindow(settings=load_settings(), load_plugins=False, with_browser=False)
window.show()
QtCore.QTimer.singleShot(0, answer)
window.files.choose_files()
# The chosen file is scanned on a pool thread: leaving while it reports back crashed the interpreter's exit (a
# signal into a window being torn down, one run in five). Wait for the film, then close the window as a reader would.
while window.layout_panes.primary.image is None:
    app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)
window.close()
"""


def _run_viewer(path, env) -> str:
    done = subprocess.run([sys.executable, "-c", RESTART, str(path)], env=env, capture_output=True, text=True,
                          timeout=120, cwd=str(REPO_ROOT))
    assert done.returncode == 0, done.stderr
    return next(line for line in done.stdout.splitlines() if line.startswith("started in ")).removeprefix("started in ")


def test_the_open_dialog_starts_where_the_last_one_opened_from_after_a_restart(config, cr_file, tmp_path):
    env = os.environ | {"CXR_VIEWER_CONFIG_DIR": str(config), "QT_QPA_PLATFORM": "offscreen",
                        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")])}
    cd = tmp_path / "cdrom"
    cd.mkdir()
    film = Path(shutil.copy(cr_file, cd / "a.dcm"))
    assert _run_viewer(film, env) != str(cd)
    assert _run_viewer(film, env) == str(cd)
    assert json.loads((config / "viewer.json").read_text())["from_a_newer_version"] == 1
    cd.rename(tmp_path / "ejected")  # the CD taken out: the dialog starts where it did before, without an error
    assert _run_viewer(tmp_path / "ejected" / "a.dcm", env) not in {str(cd), ""}

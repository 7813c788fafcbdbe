"""Viewer start-up: process start to the main window shown with its plugins, and to the first film painted.

Not a test (no pass/fail): run ``python benchmarks/bench_startup.py``; the last line printed is a JSON object for
CI to keep. A reader starts the viewer every morning and after every crash, so this is the wait before the first
look. Each figure is wall-clock time from spawning a fresh interpreter, read by this parent process when the child
prints a marker line, so interpreter start, imports, plugin discovery and ``activate()`` all count.

The baseline, measured in the same run and alternated with the viewer, is a bare interpreter that imports
PySide6, makes a ``QApplication`` and shows an empty ``QMainWindow`` (the least any Qt viewer pays); a second
reference imports pyqtgraph as well. Also timed: ``cxr-viewer --screenshot`` of a small film as a whole (start,
open, paint, PNG, exit; it waits for the AI plugin's look-up, which builds the engine). Offscreen Qt; settings,
index, caches and bytecode in a temporary folder, warmed by one untimed run of each command first, so the index
and the ``.pyc`` files exist as on a reader's machine. Medians of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BASELINE = """
from PySide6 import QtWidgets
app = QtWidgets.QApplication([])
window = QtWidgets.QMainWindow()
window.show()
app.processEvents()
print("shown", flush=True)
"""

PYQTGRAPH = BASELINE.replace("from PySide6 import QtWidgets", "from PySide6 import QtWidgets\nimport pyqtgraph")

VIEWER = """
import sys
from PySide6 import QtWidgets
from cxr_viewer.gui.main_window import MainWindow
from cxr_viewer.settings import load_settings
app = QtWidgets.QApplication(sys.argv[:1])
window = MainWindow(load_settings(), load_plugins=True, with_browser=True)
window.show()
app.processEvents()
print("shown", flush=True)
if len(sys.argv) > 1:
    window.open_paths(sys.argv[1:])
    app.processEvents()
    window.layout_panes.primary.grab()
    print("film", flush=True)
window.close()
"""


def child_env(home: Path) -> dict[str, str]:
    """Offscreen, user folders in ``home``, and bytecode cached there: an installed viewer has its ``.pyc`` files,
    and a shell with ``PYTHONDONTWRITEBYTECODE`` set compiled every project module on every start."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CXR_VIEWER_CONFIG_DIR=str(home / "config"),
               CXR_VIEWER_DATA_DIR=str(home / "data"), CXR_VIEWER_CACHE_DIR=str(home / "cache"),
               CXR_AI_CACHE_DIR=str(home / "ai-cache"), PYTHONPYCACHEPREFIX=str(home / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), str(ROOT / "plugins"), env.get("PYTHONPATH")]))
    return env


def timed(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds from spawning ``args`` to each marker line it prints, and to its exit (``exit``)."""
    marks: dict[str, float] = {}
    start = time.perf_counter()
    with subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as child:
        for line in child.stdout:
            marks.setdefault(line.split(" ", 1)[0].strip(), (time.perf_counter() - start) * 1000)
        child.wait()
    marks["exit"] = (time.perf_counter() - start) * 1000
    if child.returncode != 0:
        raise RuntimeError(f"{args[:3]} exited with {child.returncode}")
    return marks


def small_film(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))  # the tests' DICOM writer
    from tests.dicom_factory import make_cr

    return make_cr(folder / "small.dcm", rows=512, cols=512)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="cxr-bench-startup-") as tmp:
        env = child_env(Path(tmp))
        film = str(small_film(Path(tmp)))
        png = str(Path(tmp) / "shot.png")
        commands = {
            "baseline": [python, "-c", BASELINE],
            "pyqtgraph": [python, "-c", PYQTGRAPH],
            "viewer": [python, "-c", VIEWER],
            "viewer_film": [python, "-c", VIEWER, film],
            "screenshot": [python, "-m", "cxr_viewer", "--screenshot", png, film],
        }
        for args in commands.values():  # untimed: the index and settings files made, the disk cache warm
            timed(args, env)
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
        for _ in range(runs):  # alternated, so a busy spell on the machine falls on all of them alike
            for name, args in commands.items():
                samples[name].append(timed(args, env))

    def median(name: str, mark: str) -> float:
        return round(statistics.median(run[mark] for run in samples[name]), 1)

    base = median("baseline", "shown")
    figures = {
        "baseline_shown_ms": base,
        "pyqtgraph_shown_ms": median("pyqtgraph", "shown"),
        "viewer_shown_ms": median("viewer", "shown"),
        "viewer_film_shown_ms": median("viewer_film", "film"),
        "screenshot_exit_ms": median("screenshot", "exit"),
    }
    ratios = {key.replace("_ms", "_ratio"): round(value / base, 2) for key, value in figures.items()
              if key != "baseline_shown_ms"}
    for key, value in figures.items():
        ratio = ratios.get(key.replace("_ms", "_ratio"))
        print(f"{key:24s} {value:8.1f} ms" + (f"  ratio {ratio:.2f} against the bare Qt window" if ratio else ""))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    print(json.dumps({**figures, **ratios, "runs": runs, "load_1min_at_end": load,
                      "machine": {"cores": os.cpu_count(), "python": platform.python_version()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

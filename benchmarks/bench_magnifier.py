"""The magnifying glass's cost per mouse move on a real-size chest film, against the same moves without it.

Not a test (no pass/fail): run ``python benchmarks/bench_magnifier.py``; the last line printed is a JSON object.
A 2800×2300 16-bit CR is shown fitted (then at 1:1, then turned 90°) in a 1400×900 window; the pointer sweeps
across the film, one move at a time, each followed by the event processing that paints it (the lens, and the
pane where the lens left). The baseline is the same sweep with the lens off (the pane's own hover handling and
pixel readout), measured in the same run, alternately.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: E402

from cxr_viewer.gui.main_window import MainWindow  # noqa: E402
from cxr_viewer.settings import Settings  # noqa: E402
from bench_viewer import write_big_dicom  # noqa: E402 - the same film, its own size (the script's folder is on the path)

ROWS, COLS = 2800, 2300
MOVES = 200
ROUNDS = 3


def sweep_ms(app: QtWidgets.QApplication, viewport: QtWidgets.QWidget) -> float:
    """Median milliseconds per move of a diagonal sweep, each move painted before the next."""
    times = []
    for i in range(MOVES):
        pos = QtCore.QPointF(100 + i * (viewport.width() - 200) / MOVES, 100 + i * (viewport.height() - 200) / MOVES)
        start = time.perf_counter()
        QtWidgets.QApplication.sendEvent(viewport, QtGui.QMouseEvent(
            QtCore.QEvent.Type.MouseMove, pos, QtCore.QPointF(viewport.mapToGlobal(pos)), QtCore.Qt.MouseButton.NoButton,
            QtCore.Qt.MouseButton.NoButton, QtCore.Qt.KeyboardModifier.NoModifier))
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(settings=Settings(), load_plugins=False, with_browser=False)
        window.resize(1400, 900)
        window.show()
        window.open_paths([write_big_dicom(Path(folder) / "big.dcm", ROWS, COLS)])
        app.processEvents()
        pane, lens = window.layout_panes.primary, window.actions["magnifier"]
        views = {"fit": lambda: None, "one_to_one": pane.one_to_one, "rotated_90": lambda: pane.rotate(1)}
        results = {}
        for name, arrange in views.items():
            arrange()
            app.processEvents()
            on, off = [], []
            for _ in range(ROUNDS):
                for runs, checked in ((off, False), (on, True)):
                    if lens.isChecked() != checked:
                        lens.trigger()
                    runs.append(sweep_ms(app, pane.viewport()))
            if lens.isChecked():
                lens.trigger()
            results[name] = {"lens_ms_per_move": round(statistics.median(on), 2),
                             "no_lens_ms_per_move": round(statistics.median(off), 2),
                             "extra_ms": round(statistics.median(on) - statistics.median(off), 2),
                             "zoom": round(pane.zoom, 3)}
            print(name, results[name])
        window.close()
    print(json.dumps({"film": f"{COLS}x{ROWS}", "window": "1400x900", "moves": MOVES,
                      "machine": platform.processor() or platform.machine(), **results}))


if __name__ == "__main__":
    main()

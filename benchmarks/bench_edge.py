"""Edge enhancement's cost: computing the sharpened copy of a 2000×2000 film, and the W/L drag with it on.

Not a test (no pass/fail): run ``python benchmarks/bench_edge.py``; the last line printed is a JSON object. The
copy is made once per film and strength (``gui/edge_films.py``), so its cost is paid on pressing S or opening a
film with it on; its baseline is decoding the same film (``load_image``), measured alternately in the same run.
The right-drag with it on must cost what it costs with it off (the same table over the same kind of index): the
drag (``window_dragged``, as the mouse sends it) plus the repaint, in alternating blocks of each, and the ratio.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import QtWidgets  # noqa: E402

from cxr_viewer.core.edge_enhance import OFF, STRENGTHS, sharpened_film  # noqa: E402
from cxr_viewer.core.loader import load_image  # noqa: E402
from cxr_viewer.gui.image_view import ImagePane  # noqa: E402

from bench_viewer import write_big_dicom  # noqa: E402 - the same film at 0.15 mm, its own size (script folder on the path)

SIDE = 2000
RUNS = 5
DRAG_STEPS = 30
BLOCKS = 4


def ms(run) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def bench_compute(path: Path) -> dict[str, float]:
    image = load_image(path)
    result: dict[str, float] = {}
    decode, levels = [], {s.level: [] for s in STRENGTHS[1:]}
    for _ in range(RUNS):
        decode.append(ms(lambda: load_image(path)))
        for strength in STRENGTHS[1:]:
            levels[strength.level].append(ms(lambda s=strength: sharpened_film(image, s)))
    result["decode_ms"] = round(statistics.median(decode), 1)
    for level, times in levels.items():
        result[f"edge_{level}_ms"] = round(statistics.median(times), 1)
        result[f"edge_{level}_over_decode"] = round(statistics.median(times) / result["decode_ms"], 2)
    return result


def drag_block(app: QtWidgets.QApplication, pane: ImagePane) -> list[float]:
    times = []
    for step in range(DRAG_STEPS):
        dx = 3.0 if step % 2 == 0 else -3.0  # back and forth: the window stays in the film's range
        times.append(ms(lambda: (pane.viewbox.window_dragged.emit(dx, 2.0), pane.grab())))
    return times


def bench_drag(app: QtWidgets.QApplication, pane: ImagePane, path: Path) -> dict[str, float | str]:
    pane.set_image(load_image(path))
    app.processEvents()
    off, on = [], []
    pane.set_edge(STRENGTHS[3])  # made once here, outside the timing
    for _ in range(BLOCKS):
        pane.set_edge(OFF)
        off += drag_block(app, pane)
        pane.set_edge(STRENGTHS[3])
        on += drag_block(app, pane)
    off_ms, on_ms = statistics.median(off), statistics.median(on)
    return {"drag_off_ms": round(off_ms, 2), "drag_edge3_ms": round(on_ms, 2), "drag_ratio": round(on_ms / off_ms, 2),
            "drag_pipeline": "LUT" if pane.pipeline.uses_lut else "full render"}


def main() -> int:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = write_big_dicom(Path(folder) / "edge.dcm", SIDE)
        compute = bench_compute(path)
        pane = ImagePane()
        pane.resize(1200, 900)
        pane.show()
        drag = bench_drag(app, pane, path)
    for key, value in {**compute, **drag}.items():
        print(f"{key:>22}: {value}")
    print(json.dumps({"film": f"{SIDE}x{SIDE} 16-bit", **compute, **drag}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

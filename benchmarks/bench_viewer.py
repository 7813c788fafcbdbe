"""Viewer speed and memory: open-to-first-paint against plain pydicom, W/L update time, RSS over 20 opens.

Not a test (no pass/fail): run ``python benchmarks/bench_viewer.py``; the last line printed is a JSON
object for CI to keep. First paint = decode + display pipeline + ``grab()`` of the shown pane, which
forces pyqtgraph to render and Qt to paint. Medians of several runs, alternating viewer and baseline.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import psutil  # noqa: E402
import pydicom  # noqa: E402
from pydicom.data import get_testdata_file  # noqa: E402
from PySide6 import QtWidgets  # noqa: E402

from cxr_viewer.core import lut_apply  # noqa: E402
from cxr_viewer.core.loader import load_image  # noqa: E402
from cxr_viewer.gui.image_view import ImagePane  # noqa: E402
from cxr_viewer.settings import Settings  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root, for the tests' DICOM writer
from tests.dicom_factory import make_cr  # noqa: E402

RUNS = 5
WL_STEPS = 30
BIG_SIDE = 3000
OPENS_FOR_RSS = 20


def write_big_dicom(path: Path, side: int = BIG_SIDE, cols: int | None = None) -> Path:
    """A 16-bit MONOCHROME2 CR with smooth structure and noise (so no codec or LUT shortcut flatters it), ``side``
    rows by ``cols`` (``side`` again unless given) columns."""
    rows, cols = side, cols or side
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:rows, 0:cols].astype(np.float32) / rows
    pixels = 20000 + 15000 * np.sin(6 * xx) * np.cos(4 * yy) + rng.normal(0, 800, (rows, cols))
    return make_cr(path, rows=rows, cols=cols, bits_stored=16, pixels=np.clip(pixels, 0, 65535).astype(np.uint16))


def first_paint_ms(app: QtWidgets.QApplication, pane: ImagePane, path: Path) -> float:
    start = time.perf_counter()
    pane.set_image(load_image(path))
    app.processEvents()
    pane.grab()
    return (time.perf_counter() - start) * 1000


def pydicom_ms(path: Path) -> float:
    start = time.perf_counter()
    pydicom.dcmread(path).pixel_array
    return (time.perf_counter() - start) * 1000


def bench_open(app, pane, files: dict[str, Path]) -> dict[str, dict[str, float]]:
    results = {}
    for name, path in files.items():
        first_paint_ms(app, pane, path)  # warm the codec imports and caches once
        viewer, baseline = [], []
        for _ in range(RUNS):
            viewer.append(first_paint_ms(app, pane, path))
            baseline.append(pydicom_ms(path))
        v, b = statistics.median(viewer), statistics.median(baseline)
        results[name] = {"viewer_ms": round(v, 1), "pydicom_ms": round(b, 1), "overhead_ms": round(v - b, 1),
                         "ratio": round(v / b, 2)}
    return results


def bench_window_level(app, pane, path: Path, threads: int | None = None) -> dict[str, float]:
    """Median W/L change: table + lookup (``threads`` for the lookup; None = the viewer's default) + repaint."""
    pane.set_image(load_image(path))
    app.processEvents()
    pane.grab()
    lut_apply.set_thread_count(threads)
    painted, lut_only = [], []
    centre, width = pane.state.center, pane.state.width
    for step in range(WL_STEPS):
        start = time.perf_counter()
        pane.set_window(centre + 37 * step, width - 23 * step)
        pane.image_item.render()  # LUT applied, QImage built
        middle = time.perf_counter()
        pane.grab()  # painted into the view
        end = time.perf_counter()
        lut_only.append((middle - start) * 1000)
        painted.append((end - start) * 1000)
    lut_apply.set_thread_count(None)
    return {"wl_update_ms": round(statistics.median(painted), 2), "wl_render_only_ms": round(statistics.median(lut_only), 2),
            "wl_pipeline": "LUT" if pane.pipeline.uses_lut else "full render"}


def bench_rss(app, big: Path, folder: Path, limit_mb: int) -> dict[str, float]:
    """Open 20 distinct paths (hard links to one big file) through the window's cache; RSS after − after the first.

    Also reports the cache's own byte count and image count at the end, to compare with the limit.
    """
    from cxr_viewer.gui.main_window import MainWindow

    window = MainWindow(settings=Settings(cache_limit_mb=limit_mb), load_plugins=False, with_browser=False)
    window.show()
    links = []
    for n in range(OPENS_FOR_RSS):
        link = folder / f"link{limit_mb}_{n:02d}.dcm"
        os.link(big, link)
        links.append(link)
    process = psutil.Process()
    window.open_paths([links[0]])
    app.processEvents()
    baseline = process.memory_info().rss
    for link in links[1:]:
        window.open_paths([link])
        app.processEvents()
        window.layout_panes.primary.grab()
    growth = (process.memory_info().rss - baseline) / 2**20
    cache = window.opener.cache
    held = {"rss_growth_mb": round(growth, 1), "cache_mb": round(cache.total_bytes / 2**20, 1),
            "cached_images": len(cache), "cache_limit_mb": limit_mb}
    window.close()
    window.deleteLater()
    app.processEvents()
    return held


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> int:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    pane = ImagePane()
    pane.resize(1200, 900)
    pane.show()
    app.processEvents()
    with tempfile.TemporaryDirectory(prefix="cxr-bench-") as tmp:
        big = write_big_dicom(Path(tmp) / "big3000.dcm")
        files = {"RG1_UNCR": Path(get_testdata_file("RG1_UNCR.dcm")), "RG1_J2KR": Path(get_testdata_file("RG1_J2KR.dcm")),
                 "synthetic_3000x3000_16bit": big}
        opens = bench_open(app, pane, files)
        for name, figures in opens.items():
            print(f"{name:28s} viewer {figures['viewer_ms']:7.1f} ms  pydicom {figures['pydicom_ms']:7.1f} ms  "
                  f"overhead {figures['overhead_ms']:6.1f} ms  ratio {figures['ratio']:.2f}")
        wl = bench_window_level(app, pane, big)
        wl_single = bench_window_level(app, pane, big, threads=1)
        print(f"W/L update on 3000x3000: {wl['wl_update_ms']} ms with paint, {wl['wl_render_only_ms']} ms LUT+QImage "
              f"({lut_apply.worker_count()} threads); one thread: {wl_single['wl_update_ms']} ms with paint")
        default_limit = Settings().cache_limit_mb
        rss_default = bench_rss(app, big, Path(tmp), default_limit)
        rss_small = bench_rss(app, big, Path(tmp), 128)
        for held in (rss_default, rss_small):
            print(f"RSS growth over {OPENS_FOR_RSS} opens with a {held['cache_limit_mb']} MB cache: "
                  f"{held['rss_growth_mb']} MB (cache holds {held['cached_images']} images, {held['cache_mb']} MB)")
    worst = max(opens, key=lambda name: opens[name]["overhead_ms"])
    result = {
        "open_overhead_ms": opens[worst]["overhead_ms"],
        "open_overhead_worst_file": worst,
        "open_ratio": opens[worst]["ratio"],
        "open": opens,
        **wl,
        "wl_update_ms_one_thread": wl_single["wl_update_ms"],
        "wl_threads": lut_apply.worker_count(),
        "rss_growth_mb": rss_default["rss_growth_mb"],
        "cache_limit_mb": default_limit,
        "rss_growth_within_cache_limit": rss_default["rss_growth_mb"] <= default_limit,
        "cache_mb_after_opens": rss_default["cache_mb"],
        "rss_growth_mb_cache_128mb": rss_small["rss_growth_mb"],
        "machine": {"cpu": cpu_model(), "cores": os.cpu_count(), "python": platform.python_version()},
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

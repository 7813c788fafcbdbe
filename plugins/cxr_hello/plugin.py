"""The smallest useful plugin: mark the image centre, draw a box, and compute the mean in the background.

It exists to show plugin authors the whole API surface in one page: an action, layers, a status
message, an image-opened hook and a background task with progress and cancel.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cxr_viewer.plugin_api import BoxLayer, Marker, MarkerLayer, PluginInfo, ProgressReporter, ViewerHost

MARK_ACTION = "hello.mark_centre"
MEAN_ACTION = "hello.image_mean"
CHUNK_ROWS = 256


def image_mean(values: np.ndarray, reporter: ProgressReporter) -> float | None:
    """Mean over row chunks so progress is visible and cancel takes effect quickly; None if cancelled."""
    total, count = 0.0, 0
    rows = values.shape[0]
    for start in range(0, rows, CHUNK_ROWS):
        if reporter.cancelled:
            return None
        chunk = np.asarray(values[start : start + CHUNK_ROWS], dtype=np.float64)
        total += float(chunk.sum())
        count += chunk.size
        reporter.report(min(start + CHUNK_ROWS, rows) / rows, f"rows {start}–{min(start + CHUNK_ROWS, rows)}")
    return total / count if count else float("nan")


class HelloPlugin:
    info = PluginInfo(id="hello", name="Hello", version="1.0", description="Example plugin: centre marker and mean")

    def __init__(self) -> None:
        self.host: ViewerHost | None = None
        self.last_mean: float | None = None
        self.opened_count = 0

    def activate(self, host: ViewerHost) -> None:
        self.host = host
        host.add_action(MARK_ACTION, "Hello: mark image centre", self.mark_centre)
        host.add_action(MEAN_ACTION, "Hello: image mean (background)", self.compute_mean)
        host.on_image_opened(self._on_opened)

    def deactivate(self) -> None:
        self.host = None

    def _on_opened(self, _image: Any) -> None:
        self.opened_count += 1

    def mark_centre(self) -> None:
        image = self.host.current_image()
        if image is None:
            self.host.show_status("Hello: open an image first")
            return
        height, width = image.shape
        cx, cy = width / 2, height / 2
        self.host.add_layer(MarkerLayer(id="hello.centre", name="Hello: centre", group="hello",
                                        markers=[Marker(cx, cy, "centre")]))
        self.host.add_layer(BoxLayer(id="hello.box", name="Hello: central quarter", group="hello",
                                     boxes=[(cx - width / 4, cy - height / 4, cx + width / 4, cy + height / 4, "centre ¼")]))
        self.host.show_status(f"Hello: marked the centre ({cx:.0f}, {cy:.0f})")
        self.compute_mean()

    def compute_mean(self) -> None:
        image = self.host.current_image()
        if image is None:
            return
        values = image.modality
        self.host.run_task(lambda reporter: image_mean(values, reporter), self._show_mean, title="Hello: image mean")

    def _show_mean(self, mean: float | None) -> None:
        self.last_mean = mean
        self.host.show_status("Hello: cancelled" if mean is None else f"Hello: image mean {mean:.1f}")

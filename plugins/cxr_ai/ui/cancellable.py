"""``CancellableRun``: one task's work and result callback, the result passed on only if nobody cancelled the task.

The worker hands back None once it sees the cancellation, but a model run cannot be interrupted, and Cancel may be
pressed after the worker's last look; the callback therefore asks the task's reporter once more (Qt-free).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxr_viewer.plugin_api import ProgressReporter


class CancellableRun:
    def __init__(self, work: Callable[[ProgressReporter], Any], on_done: Callable[[Any], None]) -> None:
        self._work, self._on_done = work, on_done
        self._progress: ProgressReporter | None = None

    def work(self, progress: ProgressReporter) -> Any:
        self._progress = progress
        return self._work(progress)

    def deliver(self, result: Any) -> None:
        if self._progress is not None and not self._progress.cancelled:
            self._on_done(result)

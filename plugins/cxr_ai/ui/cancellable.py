"""The plugin's tasks on the host's workers, and their cancellation (Qt-free: the plugin API's ``run_task`` only).

``CancellableRun`` passes a task's result on only if nobody cancelled the task. The worker hands back None once it
sees the cancellation, but a model run cannot be interrupted, and Cancel may be pressed after the worker's last
look; the callback therefore asks the task's reporter once more. A cancelled task calls ``on_cancel`` instead: the
host's ``on_done`` is its only word that the task ended, and without it a switch turned on for the task (B's tick)
stayed on after Cancel, so the next B only turned it off.

``FilmTasks`` cancels, when the film changes, the tasks whose results would only be dropped then (the look-up on
open, the views): paging through a folder must not queue a detection per film passed, nor the film the reader
stops on wait behind them. A detection asked for with D is not among them: it runs to its end, into the cache.
It keeps its film, so that a second D on that film while it runs starts no second model run beside it, and lets go
of it when another film opens and the detection has ended: the decoded film (tens of MB) stayed held until the next D.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxr_viewer.plugin_api import ProgressReporter, TaskHandle, ViewerHost


class CancellableRun:
    def __init__(self, work: Callable[[ProgressReporter], Any], on_done: Callable[[Any], None],
                 on_cancel: Callable[[], None] | None = None) -> None:
        self._work, self._on_done, self._on_cancel = work, on_done, on_cancel
        self._progress: ProgressReporter | None = None

    def work(self, progress: ProgressReporter) -> Any:
        self._progress = progress
        return self._work(progress)

    def deliver(self, result: Any) -> None:
        if self._progress is not None and not self._progress.cancelled:
            self._on_done(result)
        elif self._on_cancel is not None:
            self._on_cancel()


class FilmTasks:
    def __init__(self, host: ViewerHost) -> None:
        self._host = host
        self._for_film: list[TaskHandle] = []  # worthless once another film opens
        self._per_film: list[tuple[str, object, TaskHandle]] = []  # tasks run once per film at a time: title, film

    def run(self, work: Callable[[ProgressReporter], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None], title: str, cancel_with_film: bool,
            once_for: object | None = None, on_cancel: Callable[[], None] | None = None) -> None:
        """``work`` on a worker; ``on_done`` gets its result unless it was cancelled (the film changed, or the
        user pressed Cancel), ``on_cancel`` is called then. ``once_for``: the film, for ``running_for`` to be
        asked about this task."""
        run = CancellableRun(work, on_done, on_cancel)
        handle = self._host.run_task(run.work, on_done=run.deliver, on_error=on_error, title=title)
        if cancel_with_film:
            self._for_film = [kept for kept in self._for_film if not kept.done] + [handle]
        if once_for is not None:
            self._per_film.append((title, once_for, handle))

    def running_for(self, title: str, film: object) -> bool:
        """Whether a task of this title started ``once_for`` this film (the same object) is still running."""
        self._per_film = [kept for kept in self._per_film if not kept[2].done]
        return any(kept_title == title and kept is film for kept_title, kept, _ in self._per_film)

    def cancel_film_tasks(self) -> None:
        for handle in self._for_film:
            handle.cancel()
        self._for_film = []
        self._per_film = [kept for kept in self._per_film if not kept[2].done]

"""Background work with progress and cancel, for the viewer and for plugins: the task and its runner.

Work runs on a QThreadPool thread; it may only touch its own data. Progress, the result and errors
travel back through Qt signals, which Qt queues onto the GUI thread, so callbacks may safely update
widgets. Cancellation is cooperative: the work polls ``reporter.cancelled`` and returns early.

A *quiet* task (thumbnails for the selected study) is housekeeping the user did not ask for: it never shows in the
status-bar strip (``task_progress``) and its Cancel never reaches it, so a long task the user started (an import, a
detection) keeps the strip and its Cancel button whatever is selected meanwhile. Whoever starts a quiet task cancels
it when its result is no longer wanted.

A task lets go of its work and callbacks when it ends (``Task.release``). Its signal connections hold closures over
the task itself, a cycle through Qt's C++ side that Python's garbage collector cannot see, and the pool kept every
task it was given as a QRunnable; so every task ever run stayed alive with what its closures held: the AI's look-up
on each film opened kept that film's decoded image (tens of MB), and a day's reading grew the viewer by gigabytes.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

import shiboken6
from PySide6 import QtCore

from cxr_viewer.plugins import ErrorReporter, guarded


class _TaskSignals(QtCore.QObject):
    progress = QtCore.Signal(float, str)
    finished = QtCore.Signal(object)
    failed = QtCore.Signal(object)


UNKNOWN_AMOUNT = -1.0  # reported while the work cannot say how much is left (ProgressReporter)


class Reporter:
    """The ProgressReporter handed to work functions; safe to call from the worker thread."""

    def __init__(self, signals: _TaskSignals, cancel_event: threading.Event) -> None:
        self._signals = signals
        self._cancel = cancel_event

    def report(self, fraction: float, message: str = "") -> None:
        if shiboken6.isValid(self._signals):  # gone once the application quit under running work
            known = float(min(max(fraction, 0.0), 1.0)) if fraction >= 0 else UNKNOWN_AMOUNT
            self._signals.progress.emit(known, str(message))

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Task:
    """One unit of work and its handle (``cancel()``, ``done``). Not a QRunnable: the pool is given its bound ``run``,
    which PySide lets go of once it has run, where it keeps a QRunnable that Python owns as long as the pool lives."""

    def __init__(self, work: Callable[[Reporter], Any], title: str, quiet: bool = False) -> None:
        self.title = title
        self.quiet = quiet  # not shown in the progress strip, not reached by its Cancel
        self.signals = _TaskSignals()
        self._cancel = threading.Event()
        self._done = False
        self._work = work
        self.reporter = Reporter(self.signals, self._cancel)

    def run(self) -> None:  # worker thread
        try:
            result = self._work(self.reporter)
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread as a failure
            outcome, value = self.signals.failed, exc
        else:
            outcome, value = self.signals.finished, result
        if shiboken6.isValid(self.signals):  # the application may have quit while the work ran
            outcome.emit(value)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def done(self) -> bool:
        return self._done

    def mark_done(self) -> None:
        self._done = True

    def release(self) -> None:
        """Drop the work and the callbacks connected to the signals (GUI thread, once the task has ended), so
        nothing they hold outlives the task (see the module doc)."""
        self._work = None
        for signal in (self.signals.progress, self.signals.finished, self.signals.failed):
            signal.disconnect()


SHUT_DOWN_WAIT_MS = 10_000  # cancelling is cooperative: a model still loading or one film's inference ends first


class TaskRunner(QtCore.QObject):
    """Starts tasks and delivers their callbacks on the GUI thread, guarded against exceptions."""

    progress = QtCore.Signal(object, float, str)  # task, fraction, message
    started = QtCore.Signal(object)
    ended = QtCore.Signal(object)

    def __init__(self, report_error: ErrorReporter, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._report = report_error
        self._pool = QtCore.QThreadPool(self)
        self._running: list[Task] = []

    @property
    def running(self) -> list[Task]:
        return list(self._running)

    def run(
        self,
        work: Callable[[Reporter], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        title: str = "",
        quiet: bool = False,
    ) -> Task:
        """Start ``work`` on a pool thread; ``quiet`` keeps it out of the progress strip (see the module doc)."""
        task = Task(work, title or "Working", quiet)
        task.signals.progress.connect(lambda f, m: self._progress(task, f, m))
        task.signals.finished.connect(lambda result: self._finish(task, on_done, result))
        task.signals.failed.connect(lambda exc: self._fail(task, on_error, exc))
        self._running.append(task)
        self.started.emit(task)
        self._pool.start(task.run)
        return task

    def shut_down(self, timeout_ms: int = SHUT_DOWN_WAIT_MS) -> bool:
        """Ask every running task to stop and wait for the pool, when the window closes; True when all ended.

        Work left running past the window (an AI look-up started as a film opened) ran on into the interpreter's
        exit, where Qt aborts the process ("terminate called without an active exception", exit status 134), and
        work that polls for a cancel nobody sent kept a closed viewer from exiting at all.
        """
        for task in self._running:
            task.cancel()
        return self._pool.waitForDone(timeout_ms)

    def _progress(self, task: Task, fraction: float, message: str) -> None:
        if shiboken6.isValid(self):  # progress queued before the window closed arrives after the runner is gone
            self.progress.emit(task, fraction, message)

    def _finish(self, task: Task, on_done: Callable[[Any], None] | None, result: Any) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the work ran: nobody is left to show the result
        self._end(task)
        if on_done is not None:
            guarded(self._report, f"task '{task.title}' callback", on_done, result)

    def _fail(self, task: Task, on_error: Callable[[BaseException], None] | None, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._end(task)
        if on_error is not None:
            guarded(self._report, f"task '{task.title}' error handler", on_error, exc)
        else:
            self._report(f"Task '{task.title}' failed", f"{type(exc).__name__}: {exc}")

    def _end(self, task: Task) -> None:
        task.mark_done()
        task.release()
        if task in self._running:
            self._running.remove(task)
        self.ended.emit(task)

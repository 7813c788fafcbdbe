"""Runs one network call off the GUI thread and delivers its progress, result or error as Qt signals.

Every PACS tab needs the same thing: start a blocking ``cxr_viewer.net`` call, keep the window responsive,
update a progress bar, and get the outcome back on the GUI thread. Signals emitted from the worker thread
are queued onto the GUI thread by Qt. If the window is gone by the time the call ends, the result is
dropped instead of raising in a thread nobody watches. A call ended by the user's Cancel
(:class:`~cxr_viewer.net.errors.Cancelled`) arrives as ``cancelled``, so a tab can say "cancelled" rather than
"failed".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from cxr_viewer.net.errors import Cancelled

Report = Callable[[Any], None]


class BackgroundCall(QObject):
    """One call on a daemon thread; ``work(report)`` may call ``report(value)`` to emit ``progress``."""

    progress = Signal(object)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)

    def __init__(self, parent: QObject, work: Callable[[Report], Any]) -> None:
        super().__init__(parent)
        self._work = work
        self.running = False
        self.succeeded.connect(self._finished)
        self.failed.connect(self._finished)
        self.cancelled.connect(self._finished)

    def start(self) -> "BackgroundCall":
        self.running = True
        threading.Thread(target=self._run, name="cxr-pacs-call", daemon=True).start()
        return self

    def _run(self) -> None:
        try:
            outcome = self._work(self._emit_progress)
        except Cancelled as exc:
            self._emit(self.cancelled, f"{exc}")
        except Exception as exc:  # noqa: BLE001 - shown to the user, who can fix the node and retry
            self._emit(self.failed, f"{exc}" or type(exc).__name__)
        else:
            self._emit(self.succeeded, outcome)

    def _emit_progress(self, value: Any) -> None:
        self._emit(self.progress, value)

    @staticmethod
    def _emit(signal, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the dialog that asked was deleted meanwhile
            pass

    def _finished(self, _outcome: object) -> None:
        self.running = False


def run_in_background(
    parent: QObject,
    work: Callable[[Report], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[str], None],
    on_progress: Callable[[Any], None] | None = None,
    on_cancelled: Callable[[str], None] | None = None,
) -> BackgroundCall:
    """Start ``work`` and wire its outcome to the given GUI-thread callbacks (a Cancel goes to ``on_failure``
    when no ``on_cancelled`` is given)."""
    call = BackgroundCall(parent, work)
    call.succeeded.connect(on_success)
    call.failed.connect(on_failure)
    call.cancelled.connect(on_cancelled or on_failure)
    if on_progress is not None:
        call.progress.connect(on_progress)
    return call.start()

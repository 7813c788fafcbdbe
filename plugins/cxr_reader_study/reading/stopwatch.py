"""Reading time that stops while the reader is away.

Time counts from the image appearing to the submit, minus every interval the reader paused or the window
lost focus. Both causes are tracked separately so regaining focus does not undo a deliberate pause. The
clock is injected so tests drive time by hand instead of sleeping.
"""

from __future__ import annotations

from typing import Callable


class Stopwatch:
    def __init__(self, clock: Callable[[], float]):
        self._clock = clock
        self._accumulated = 0.0
        self._running_since: float | None = None
        self._pause_reasons: set[str] = set()
        self.pause_count = 0
        self.started = False

    def start(self) -> None:
        self._accumulated, self._pause_reasons, self.pause_count = 0.0, set(), 0
        self._running_since = self._clock()
        self.started = True

    @property
    def paused(self) -> bool:
        return bool(self._pause_reasons)

    def paused_for(self, reason: str) -> bool:
        return reason in self._pause_reasons

    def pause(self, reason: str) -> None:
        """``reason`` is e.g. ``"user"`` or ``"focus"``; time stops until every reason is resumed."""
        if not self.started or reason in self._pause_reasons:
            return
        if not self._pause_reasons:
            self._accumulated += self._clock() - self._running_since
            self._running_since = None
            self.pause_count += 1
        self._pause_reasons.add(reason)

    def resume(self, reason: str) -> None:
        if reason not in self._pause_reasons:
            return
        self._pause_reasons.discard(reason)
        if not self._pause_reasons:
            self._running_since = self._clock()

    def elapsed_ms(self) -> int:
        running = self._clock() - self._running_since if self._running_since is not None else 0.0
        return int(round((self._accumulated + running) * 1000))

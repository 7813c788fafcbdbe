"""The time of the answer being composed, over every display of its case.

The stopwatch times the display on screen (pauses and focus losses excluded). Each display is also logged in
the database, its time saved at the moments a reader may leave for good (a pause or focus loss, a mark, a
rating, a log-out), so when a crash or a log-out comes before the submit, the case's next display adds that
time and counts itself: a resumed case is neither timed from zero nor indistinguishable from one read at one
go. The log is best effort: the read is the result, saved (or refused, visibly) at the submit, so a display
that cannot be logged costs only its own time, with a warning in the viewer's log.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from typing import Callable

from cxr_reader_study.reading.stopwatch import Stopwatch
from cxr_reader_study.storage.store import ReadStore

log = logging.getLogger(__name__)

ViewKey = tuple[str, str, str, str]  # reader, arm, case, phase


class CaseClock:
    def __init__(self, store: ReadStore, clock: Callable[[], float], wall: Callable[[], datetime]):
        self._store, self._wall = store, wall
        self._stopwatch = Stopwatch(clock)
        self.clear()

    def clear(self) -> None:
        """A new answer: nothing on screen yet."""
        self.shown_at: datetime | None = None
        self._first_mark_ms: int | None = None
        self._view: int | None = None
        self._earlier = (0, 0)  # displays of this answer before the present one, and their saved active ms

    def start(self, key: ViewKey) -> None:
        """The case is on screen: time this display, and log it after the earlier displays of the same answer."""
        self.shown_at = self._wall()
        self._first_mark_ms = None
        self._stopwatch.start()
        try:
            self._view = self._store.add_view(key, self.shown_at)
            self._earlier = self._store.earlier_views(key, self._view)
        except sqlite3.Error as error:
            log.warning("Reader study: the display of %s could not be logged (%s); an interruption before its "
                        "submit would lose its time", key, error)
            self._view, self._earlier = None, (0, 0)

    def save(self) -> None:
        """Save the time of this display so far."""
        if self._view is None:
            return
        try:
            self._store.save_view_time(self._view, self._stopwatch.elapsed_ms())
        except sqlite3.Error as error:
            log.warning("Reader study: the time of a display could not be saved (%s)", error)

    def pause(self, reason: str) -> None:
        self._stopwatch.pause(reason)
        self.save()  # a pause is where a station is left, or dies

    def resume(self, reason: str) -> None:
        self._stopwatch.resume(reason)

    @property
    def paused(self) -> bool:
        return self._stopwatch.paused

    def paused_for(self, reason: str) -> bool:
        return self._stopwatch.paused_for(reason)

    def mark_placed(self) -> None:
        if self._first_mark_ms is None:
            self._first_mark_ms = self._stopwatch.elapsed_ms()
        self.save()

    @property
    def active_ms(self) -> int:
        """This display's active time plus the time saved for the earlier displays of the answer."""
        return self._earlier[1] + self._stopwatch.elapsed_ms()

    @property
    def first_mark_ms(self) -> int | None:
        """Time to the first mark of this display, counted like :attr:`active_ms` (after the earlier displays)."""
        return None if self._first_mark_ms is None else self._earlier[1] + self._first_mark_ms

    @property
    def displays(self) -> int:
        return self._earlier[0] + 1

    @property
    def pause_count(self) -> int:
        return self._stopwatch.pause_count

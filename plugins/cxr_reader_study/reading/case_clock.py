"""The time of the answer being composed, over every display of its case: active time, pauses and the first mark.

The stopwatch times the display on screen (pauses and focus losses excluded). Each display is also logged in
the database, its time, pauses and first mark saved at the moments a reader may leave for good (a pause or
focus loss, a mark, a rating, a log-out), so when a crash or a log-out comes before the submit, the case's next
display adds them and counts itself: a resumed case is neither timed from zero nor indistinguishable from one
read at one go, and every figure of its read covers the same displays. The log is best effort: the read is the
result, saved (or refused, visibly) at the submit, so a display that cannot be logged costs only its own
figures, with a warning in the viewer's log.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from typing import Callable

from cxr_reader_study.reading.stopwatch import Stopwatch
from cxr_reader_study.storage.display_log import ViewKey
from cxr_reader_study.storage.records import EarlierDisplays, FilmShown
from cxr_reader_study.storage.store import ReadStore

log = logging.getLogger(__name__)

NONE_EARLIER = EarlierDisplays(0, 0, 0, None)  # the first display of an answer, or one not logged


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
        self._earlier = NONE_EARLIER  # the displays of this answer before the present one, as saved

    def start(self, key: ViewKey, film: FilmShown | None) -> None:
        """The case is on screen, showing ``film``: time this display, and log it (with the film) after the earlier
        displays of the same answer."""
        self.shown_at = self._wall()
        self._first_mark_ms = None
        self._stopwatch.start()
        try:
            self._view = self._store.add_view(key, self.shown_at, film)
            self._earlier = self._store.earlier_views(key, self._view)
        except sqlite3.Error as error:
            log.warning("Reader study: the display of %s could not be logged (%s); an interruption before its "
                        "submit would lose its time", key, error)
            self._view, self._earlier = None, NONE_EARLIER

    def save(self) -> None:
        """Save the time, pauses and first mark of this display so far."""
        if self._view is None:
            return
        try:
            self._store.save_view_time(self._view, self._stopwatch.elapsed_ms(), self._stopwatch.pause_count,
                                       self._first_mark_ms)
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
        return self._earlier.active_ms + self._stopwatch.elapsed_ms()

    @property
    def first_mark_ms(self) -> int | None:
        """Active time from the first display to the first mark placed for this answer, in whichever display,
        kept or not (a mark lost to a crash, or deleted, was still placed then); None when none ever was."""
        if self._earlier.first_mark_ms is not None:
            return self._earlier.first_mark_ms
        return None if self._first_mark_ms is None else self._earlier.active_ms + self._first_mark_ms

    @property
    def displays(self) -> int:
        return self._earlier.count + 1

    @property
    def pause_count(self) -> int:
        """Pauses (the reader's or a lost focus) over every display, like :attr:`active_ms`."""
        return self._earlier.pause_count + self._stopwatch.pause_count

"""The display log (table ``views``): every time a case is put on screen for an answer, and what that display
cost as last saved, so that an answer lost to a crash or a log-out does not take its time, pauses and first
mark with it: the read finally submitted counts them (``CaseClock``). Each display also records the film it showed
(size and spacing), which the report scores FROC marks with (``results.film_spacing``).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from cxr_reader_study.storage.records import EarlierDisplays, FilmShown

ViewKey = tuple[str, str, str, str]  # reader, arm, case, phase


class DisplayLog:
    """Mixed into ``ReadStore``, which holds the connection (``_db``)."""

    _db: sqlite3.Connection

    def add_view(self, key: ViewKey, shown_at: datetime, film: FilmShown | None = None) -> int:
        """Log that the case ``key`` = (reader, arm, case, phase) is on screen, showing ``film`` (None: its header
        could not be read); returns the display's id."""
        width, height, spacing = film if film is not None else (None, None, None)
        cursor = self._db.execute(
            "INSERT INTO views (reader_id, arm, case_id, phase, shown_at, pause_count, film_width, film_height, "
            "film_spacing_mm) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)", (*key, shown_at.isoformat(), width, height, spacing))
        return int(cursor.lastrowid)

    def films_shown(self) -> dict[str, list[FilmShown]]:
        """Per case, the distinct films its displays recorded, the earliest first (displays before schema 4 recorded
        none, so a case read only then is absent)."""
        films: dict[str, list[FilmShown]] = {}
        rows = self._db.execute("SELECT case_id, film_width, film_height, film_spacing_mm FROM views "
                                "WHERE film_width IS NOT NULL ORDER BY view_id")
        for case_id, width, height, spacing in rows:
            seen = films.setdefault(case_id, [])
            if FilmShown(width, height, spacing) not in seen:
                seen.append(FilmShown(width, height, spacing))
        return films

    def cases_displayed(self) -> set[str]:
        """The cases any display put on screen, recorded film or not: a case absent was never shown to a reader."""
        return {case_id for (case_id,) in self._db.execute("SELECT DISTINCT case_id FROM views")}

    def save_view_time(self, view_id: int, active_ms: int, pause_count: int, first_mark_ms: int | None) -> None:
        """Save the display's active time, pauses and time to its first mark (None: no mark yet) so far."""
        self._db.execute("UPDATE views SET active_ms = ?, pause_count = ?, first_mark_ms = ? WHERE view_id = ?",
                         (active_ms, pause_count, first_mark_ms, view_id))

    def earlier_views(self, key: ViewKey, before_view: int) -> EarlierDisplays:
        """What the displays of ``key`` logged before display ``before_view`` left (a NULL from schema 1: none)."""
        rows = self._db.execute(
            "SELECT active_ms, COALESCE(pause_count, 0), first_mark_ms FROM views WHERE reader_id = ? AND arm = ? "
            "AND case_id = ? AND phase = ? AND view_id < ? ORDER BY view_id", (*key, before_view)).fetchall()
        active, pauses, first_mark = 0, 0, None
        for active_ms, pause_count, mark_ms in rows:
            if first_mark is None and mark_ms is not None:
                first_mark = active + mark_ms  # counted from the first display, as the read's time is
            active, pauses = active + active_ms, pauses + pause_count
        return EarlierDisplays(len(rows), active, pauses, first_mark)

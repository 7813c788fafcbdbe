"""The study's closings (table ``study_closings``): each "Close reader study…" at a station, committed like a read.

A closing ends the station's hold on the viewer, so an audit of the study asks when and where it happened; the
viewer's log of one station is neither kept with the study nor seen by whoever reports on it.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from cxr_reader_study.storage.records import StudyClosing


class ClosingLog:
    """Mixed into ``ReadStore``, which holds the connection (``_db``)."""

    _db: sqlite3.Connection

    def add_closing(self, record: StudyClosing) -> None:
        """Commit the closing durably (WAL, synchronous=FULL: on disk when this returns)."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT INTO study_closings VALUES (?, ?)", (record.closed_at.isoformat(), record.station))
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def closings(self) -> list[StudyClosing]:
        """Every closing recorded, oldest first."""
        rows = self._db.execute("SELECT closed_at, station FROM study_closings ORDER BY closed_at, rowid")
        return [StudyClosing(datetime.fromisoformat(closed_at), station) for closed_at, station in rows]

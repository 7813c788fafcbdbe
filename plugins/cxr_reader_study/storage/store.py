"""The reads database.

WAL with ``synchronous=FULL`` makes each commit durable before :meth:`ReadStore.save_read` returns, so a
crash (even ``kill -9`` or power loss) loses at most the read on screen. A UNIQUE key on
(reader, arm, case, phase) turns an accidental double submit into an error instead of a duplicate row.
How the file is opened, and refused (:class:`UnusableDatabase`, :class:`MissingDatabase`), is ``opening``;
the log of each display of a case (its time before the submit) is ``display_log``, the study's closings
``closings``.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

from cxr_reader_study.storage.closings import ClosingLog
from cxr_reader_study.storage.display_log import DisplayLog
from cxr_reader_study.storage.opening import MissingDatabase, open_database
from cxr_reader_study.storage.records import MarkRecord, ReadRecord, SessionRecord, WashoutOverride
from cxr_reader_study.storage.refusal import UnusableDatabase
from cxr_reader_study.storage.schema import READ_COLUMNS

__all__ = ["DuplicateRead", "MissingDatabase", "ReadStore", "UnusableDatabase"]


class DuplicateRead(RuntimeError):
    """The same reader already submitted this case in this arm and phase."""


class ReadStore(DisplayLog, ClosingLog):
    def __init__(self, path: Path | str, create: bool = True, read_only: bool = False):
        """``create=False`` where a misspelt path must not become a new, empty database (override-washout).
        ``read_only=True`` for the commands that only report on the reads (status, export, report): they read a
        private copy taken at open (``snapshot``), so the file and its folder stay exactly as they were, and
        the store's writes are refused."""
        self.path = Path(path)
        self._db = open_database(self.path, create, read_only)

    def pragma(self, name: str) -> object:
        """The connection's current value of a PRAGMA (lets an audit confirm WAL and synchronous=FULL)."""
        return self._db.execute(f"PRAGMA {name}").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    # --- sessions -----------------------------------------------------------------------------------------
    def add_session(self, record: SessionRecord) -> SessionRecord:
        """Store a new session and return the stored one: when the same reader starts it at two stations at
        once, the first row wins and both read from it (an IntegrityError reached the reader before)."""
        self._db.execute(
            "INSERT OR IGNORE INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (record.reader_id, record.arm, record.session_index, record.seed, json.dumps(record.case_order),
             record.started_at.isoformat(), None, int(record.washout_override)),
        )
        return self.session(record.reader_id, record.arm)

    def session(self, reader_id: str, arm: str) -> SessionRecord | None:
        row = self._db.execute(
            "SELECT reader_id, arm, session_index, seed, case_order, started_at, completed_at, washout_override "
            "FROM sessions WHERE reader_id = ? AND arm = ?", (reader_id, arm),
        ).fetchone()
        if row is None:
            return None
        return SessionRecord(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])),
                             datetime.fromisoformat(row[5]), row[6] and datetime.fromisoformat(row[6]), bool(row[7]))

    def sessions(self) -> list[SessionRecord]:
        keys = self._db.execute("SELECT reader_id, arm FROM sessions ORDER BY reader_id, session_index").fetchall()
        return [self.session(reader_id, arm) for reader_id, arm in keys]

    def complete_session(self, reader_id: str, arm: str, when: datetime) -> None:
        self._db.execute("UPDATE sessions SET completed_at = ? WHERE reader_id = ? AND arm = ?",
                         (when.isoformat(), reader_id, arm))

    # --- washout overrides (a coordinator's decision, kept like a read) -------------------------------------
    def add_washout_override(self, record: WashoutOverride) -> None:
        """Commit the override durably (the WAL + synchronous=FULL rules of reads); a second override of the
        same reader and arm is refused, so the first reason recorded is never overwritten."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT INTO washout_overrides VALUES (?, ?, ?, ?, ?)",
                             (record.reader_id, record.arm, record.granted_at.isoformat(), record.granted_by,
                              record.reason))
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def washout_overrides(self, reader_id: str | None = None) -> list[WashoutOverride]:
        query = ("SELECT reader_id, arm, granted_at, granted_by, reason FROM washout_overrides"
                 + (" WHERE reader_id = ?" if reader_id else "") + " ORDER BY granted_at")
        return [WashoutOverride(r[0], r[1], datetime.fromisoformat(r[2]), r[3], r[4])
                for r in self._db.execute(query, (reader_id,) if reader_id else ())]

    # --- reads --------------------------------------------------------------------------------------------
    def save_read(self, read: ReadRecord) -> int:
        """Insert the read and its marks in one transaction; returns only once the commit is on disk."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            cursor = self._db.execute(
                f"INSERT INTO reads ({READ_COLUMNS.removeprefix('read_id, ')}) VALUES ({', '.join('?' * 12)})",
                (read.reader_id, read.arm, read.case_id, read.phase, int(read.training), read.rating,
                 read.shown_at.isoformat(), read.submitted_at.isoformat(), read.active_ms, read.first_mark_ms,
                 read.pause_count, read.displays),
            )
            self._db.executemany(
                "INSERT INTO marks VALUES (?, ?, ?, ?, ?)",
                [(cursor.lastrowid, i, m.x, m.y, m.rating) for i, m in enumerate(read.marks)],
            )
            self._db.execute("COMMIT")
        except sqlite3.IntegrityError as error:
            self._db.execute("ROLLBACK")
            raise DuplicateRead(
                f"{read.reader_id} already submitted {read.case_id} ({read.arm}, {read.phase})"
            ) from error
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        return int(cursor.lastrowid)

    def submitted_cases(self, reader_id: str, arm: str, phase: str = "final") -> set[str]:
        rows = self._db.execute("SELECT case_id FROM reads WHERE reader_id = ? AND arm = ? AND phase = ?",
                                (reader_id, arm, phase))
        return {row[0] for row in rows}

    def read(self, reader_id: str, arm: str, case_id: str, phase: str) -> ReadRecord:
        return next(r for r in self.reads(reader_id) if (r.arm, r.case_id, r.phase) == (arm, case_id, phase))

    def reads(self, reader_id: str | None = None) -> list[ReadRecord]:
        """All reads in submission order (optionally one reader's), marks included."""
        query = f"SELECT {READ_COLUMNS} FROM reads" + (" WHERE reader_id = ?" if reader_id else "") + " ORDER BY read_id"
        rows = self._db.execute(query, (reader_id,) if reader_id else ()).fetchall()
        marks: dict[int, list[MarkRecord]] = {}
        mark_rows = self._db.execute("SELECT read_id, x, y, rating FROM marks ORDER BY read_id, mark_index")
        for read_id, x, y, rating in mark_rows:
            marks.setdefault(read_id, []).append(MarkRecord(x, y, rating))
        return [
            ReadRecord(r[1], r[2], r[3], r[4], bool(r[5]), r[6], tuple(marks.get(r[0], ())),
                       datetime.fromisoformat(r[7]), datetime.fromisoformat(r[8]), r[9], r[10], r[11], r[12])
            for r in rows
        ]

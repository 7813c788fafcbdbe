"""The reads database's tables, and the one step that brings a database made by an earlier version up to date.

``views`` logs every time a case was put on screen for an answer, with the active time spent on it as last
saved (at a pause, focus loss, mark, rating or log-out): an answer lost to a crash or a log-out leaves its
time there, and the read finally submitted adds it (``reads.displays`` counts the displays it covers).

``washout_overrides`` records a coordinator's decision to let a reader start an arm before the washout ends:
who, when and why (``cxr-reader override-washout``). The session started under it has
``sessions.washout_override = 1``; a database made by an earlier version, whose reading station let readers
override by themselves, has such sessions without a row here.
"""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    reader_id TEXT NOT NULL, arm TEXT NOT NULL, session_index INTEGER NOT NULL, seed INTEGER NOT NULL,
    case_order TEXT NOT NULL, started_at TEXT NOT NULL, completed_at TEXT,
    washout_override INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (reader_id, arm));
CREATE TABLE IF NOT EXISTS reads (
    read_id INTEGER PRIMARY KEY, reader_id TEXT NOT NULL, arm TEXT NOT NULL, case_id TEXT NOT NULL,
    phase TEXT NOT NULL, training INTEGER NOT NULL, rating REAL, shown_at TEXT NOT NULL,
    submitted_at TEXT NOT NULL, active_ms INTEGER NOT NULL, first_mark_ms INTEGER, pause_count INTEGER NOT NULL,
    displays INTEGER NOT NULL DEFAULT 1, UNIQUE (reader_id, arm, case_id, phase));
CREATE TABLE IF NOT EXISTS marks (
    read_id INTEGER NOT NULL REFERENCES reads(read_id), mark_index INTEGER NOT NULL,
    x REAL NOT NULL, y REAL NOT NULL, rating REAL NOT NULL, PRIMARY KEY (read_id, mark_index));
CREATE TABLE IF NOT EXISTS views (
    view_id INTEGER PRIMARY KEY, reader_id TEXT NOT NULL, arm TEXT NOT NULL, case_id TEXT NOT NULL,
    phase TEXT NOT NULL, shown_at TEXT NOT NULL, active_ms INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS washout_overrides (
    reader_id TEXT NOT NULL, arm TEXT NOT NULL, granted_at TEXT NOT NULL, granted_by TEXT NOT NULL,
    reason TEXT NOT NULL, PRIMARY KEY (reader_id, arm));
"""

READ_COLUMNS = ("read_id, reader_id, arm, case_id, phase, training, rating, shown_at, submitted_at, active_ms, "
                "first_mark_ms, pause_count, displays")


def create_or_update(db: sqlite3.Connection) -> None:
    """Create the tables; a database from before the display log gains ``reads.displays`` (its reads: 1)."""
    db.executescript(SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(reads)")}
    if "displays" not in columns:
        db.execute("ALTER TABLE reads ADD COLUMN displays INTEGER NOT NULL DEFAULT 1")

"""The reads database's tables, and the one step that brings a database made by an earlier version up to date.

``views`` logs every time a case was put on screen for an answer, with the active time, pauses and time to
the first mark in it as last saved (at a pause, focus loss, mark, rating or log-out): an answer lost to a crash
or a log-out leaves them there, and the read finally submitted counts them (``reads.displays`` counts the
displays it covers). Schema 1 saved no pauses per display, so its resumed reads' ``pause_count`` is their last
display's; its displays keep ``views.pause_count`` and ``views.first_mark_ms`` NULL (not recorded).

``washout_overrides`` records a coordinator's decision to let a reader start an arm before the washout ends:
who, when and why (``cxr-reader override-washout``). The session started under it has
``sessions.washout_override = 1``; a database made by an earlier version, whose reading station let readers
override by themselves, has such sessions without a row here.

``study_closings`` records each time a coordinator closed the study on a station ("Close reader study…"): when
(UTC) and which station. The study's audit trail belongs with its reads, not in one station's viewer log; a
database from schema 2 or before gains the (empty) table when it is next opened.

Each display also records the film it showed (``views.film_width``, ``film_height``, ``film_spacing_mm``; schema
4): FROC marks are pixels of that film, and a lesion sized in mm is scored with that film's spacing, so the report
needs neither the images nor their folder, and a film replaced since the reads is noticed. A display logged
before schema 4 has ``film_width`` NULL (not recorded); a recorded film without calibration has only
``film_spacing_mm`` NULL.

``PRAGMA user_version`` holds :data:`SCHEMA_VERSION` (0: a database from before it was recorded). A database
from a newer version is refused before anything is written to it: its tables may mean more than this version
knows, and adding this version's columns to them would change a file that version relies on.
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
    phase TEXT NOT NULL, shown_at TEXT NOT NULL, active_ms INTEGER NOT NULL DEFAULT 0, pause_count INTEGER,
    first_mark_ms INTEGER, film_width INTEGER, film_height INTEGER, film_spacing_mm REAL);
CREATE TABLE IF NOT EXISTS washout_overrides (
    reader_id TEXT NOT NULL, arm TEXT NOT NULL, granted_at TEXT NOT NULL, granted_by TEXT NOT NULL,
    reason TEXT NOT NULL, PRIMARY KEY (reader_id, arm));
CREATE TABLE IF NOT EXISTS study_closings (closed_at TEXT NOT NULL, station TEXT NOT NULL);
"""

SCHEMA_VERSION = 4  # 3: study_closings (a new table, made by SCHEMA's CREATE TABLE IF NOT EXISTS); 4: views.film_*

# Columns added since a table was first shipped (reads.displays in schema 1, the views ones in 2 and 4). Added where missing,
# so the update needs no version arithmetic; an earlier version's rows get the default (NULL: not recorded).
ADDED_COLUMNS = (
    ("reads", "displays", "INTEGER NOT NULL DEFAULT 1"),
    ("views", "pause_count", "INTEGER"),
    ("views", "first_mark_ms", "INTEGER"),
    ("views", "film_width", "INTEGER"),
    ("views", "film_height", "INTEGER"),
    ("views", "film_spacing_mm", "REAL"),
)

READ_COLUMNS = ("read_id, reader_id, arm, case_id, phase, training, rating, shown_at, submitted_at, active_ms, "
                "first_mark_ms, pause_count, displays")


class NewerSchema(RuntimeError):
    """The database was written by a newer version of the reader study."""


def schema_version(db: sqlite3.Connection) -> int:
    """The database's recorded version; raises :class:`NewerSchema` when this version must not touch it."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise NewerSchema(f"schema {version}; this version knows up to {SCHEMA_VERSION}")
    return version


def create_or_update(db: sqlite3.Connection) -> None:
    """Create the tables; a database from an earlier version gains the :data:`ADDED_COLUMNS` it lacks.

    One write transaction, the version checked again inside it, so two stations opening a new or old
    database at once neither add the same column twice nor update a database a newer station just took over,
    and a crash part way leaves the file at its old version, whole (SQLite rolls the ALTERs back with it).
    """
    db.executescript("BEGIN IMMEDIATE;" + SCHEMA)  # executescript commits first, so BEGIN goes in the script
    try:
        schema_version(db)
        for table, column, definition in ADDED_COLUMNS:
            if column not in {row[1] for row in db.execute(f"PRAGMA table_info({table})")}:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise

"""A study database written by schema 1 (no pauses in the display log) after the update to schema 2.

Schema 2 saves each display's pauses and first mark. A schema-1 database must still open, for a station to
go on reading into it and, from a read-only copy (a CD), for export; its reads keep the values they were
submitted with (a resumed read's ``pause_count``: its last display's), and a display it logged counts no pauses.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path


from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.scheduling import open_session
from cxr_reader_study.storage.store import ReadStore

NOW = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)

# The tables as schema 1 (the previous release's storage/schema.py) created them, verbatim.
SCHEMA_1 = """
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


def _schema1_database(study, scratch: Path) -> tuple[str, ...]:
    """R1's first arm as a schema-1 station left it: the training case read, the next case read over two
    displays (one pause in the last), the third on screen for 7 s when the station went down. Returns the order."""
    record = open_session(study, ReadStore(scratch), "R1", NOW)  # the order a station would have drawn
    order, shown = record.case_order, NOW.isoformat()
    db = sqlite3.connect(study.database)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(SCHEMA_1 + "PRAGMA user_version = 1;")
    db.execute("INSERT INTO sessions VALUES ('R1', ?, 0, ?, ?, ?, NULL, 0)",
               (record.arm, record.seed, json.dumps(order), shown))
    reads = [(order[0], 1, 9_000, 0, 1), (order[1], 0, 30_000, 1, 2)]
    db.executemany("INSERT INTO reads (reader_id, arm, case_id, phase, training, rating, shown_at, submitted_at, "
                   "active_ms, first_mark_ms, pause_count, displays) VALUES ('R1', ?, ?, 'final', ?, 3, ?, ?, ?, "
                   "NULL, ?, ?)", [(record.arm, case, training, shown, shown, ms, pauses, displays)
                                   for case, training, ms, pauses, displays in reads])
    views = [(order[0], 9_000), (order[1], 18_000), (order[1], 12_000), (order[2], 7_000)]
    db.executemany("INSERT INTO views (reader_id, arm, case_id, phase, shown_at, active_ms) VALUES "
                   "('R1', ?, ?, 'final', ?, ?)", [(record.arm, case, shown, ms) for case, ms in views])
    db.commit()
    db.close()  # the last connection: SQLite checkpoints the -wal into the file and removes it
    return order


def _files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_a_read_only_copy_of_a_schema1_database_exports_its_reads_as_submitted(roc_study_file, tmp_path):
    study = load_study(roc_study_file)
    order = _schema1_database(study, tmp_path / "scratch.sqlite")
    cd = tmp_path / "cd"
    cd.mkdir()
    copy = Path(shutil.copy(study.database, cd / "study.sqlite"))
    before = _files(cd)
    copy.chmod(0o444)
    cd.chmod(0o555)  # a CD's permissions; tests run as root, who could still write, hence the hashes
    try:
        out = tmp_path / "reads.csv"
        assert main(["export", str(roc_study_file), "--format", "reads", "--database", str(copy),
                     "--out", str(out)]) == 0
        assert main(["export", str(roc_study_file), "--database", str(copy), "--out", str(tmp_path / "long.csv")]) == 0
    finally:
        cd.chmod(0o755)
    assert _files(cd) == before  # still schema 1: the upgrade happened in the private copy only
    with out.open(newline="", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["case"], row["reading_time_s"], row["displays"], row["pauses"]) == (order[1], "30.000", "2", "1")


def test_a_station_upgrades_a_schema1_database_and_reads_on(roc_study_file, tmp_path):
    study = load_study(roc_study_file)
    order = _schema1_database(study, tmp_path / "scratch.sqlite")
    store = ReadStore(study.database)
    assert (store.pragma("user_version"), store.pragma("journal_mode")) == (4, "wal")  # schema 4: views.film_*
    read = store.read("R1", study.arms[0].value, order[1], "final")
    assert (read.active_ms, read.pause_count, read.displays) == (30_000, 1, 2)  # as submitted under schema 1
    assert store.earlier_views(("R1", read.arm, order[2], "final"), 10**9) == (1, 7_000, 0, None)  # not recorded

    now = [0.0]

    def log_in() -> ReadingSession:
        session = ReadingSession(study, store, open_session(study, store, "R1", NOW), {}, lambda: now[0],
                                 lambda: NOW)
        session.image_shown()
        now[0] += 5.0
        session.pause("user")
        session.resume("user")
        return session

    session = log_in()  # the case on screen at the upgrade, resumed: its schema-1 display counts no pause
    session.press_digit(2)
    resumed = session.submit()
    assert (resumed.case_id, resumed.active_ms, resumed.displays, resumed.pause_count) == (order[2], 12_000, 2, 1)
    session.image_shown()
    now[0] += 5.0
    session.pause("focus")
    session.save_time()  # the log-out
    session = log_in()
    session.press_digit(4)
    read = session.submit()
    assert (read.case_id, read.active_ms, read.displays, read.pause_count) == (order[3], 10_000, 2, 2)

"""A reads database the store cannot use safely is refused with a sentence naming it, and left as it was.

A newer version's database once had this version's ``displays`` column added to its tables (and would have been
written with this version's rules); a corrupt file or an unreachable folder raised SQLite's bare message. A full
disk at submit must leave the answer on screen and nothing stored.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

import pytest

from cxr_reader_study.storage.records import MarkRecord, ReadRecord
from cxr_reader_study.storage.schema import SCHEMA_VERSION
from cxr_reader_study.storage.store import ReadStore, UnusableDatabase

START = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)


def _newer_schema(path):
    newer = sqlite3.connect(path)
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.execute("CREATE TABLE reads (read_id INTEGER PRIMARY KEY, verdict TEXT)")
    newer.commit()
    newer.close()


def _corrupt(path):
    path.write_bytes(b"not a database, perhaps a half-copied file " * 50)


@pytest.mark.parametrize(("make", "said"), [(_newer_schema, "newer version"),
                                            (_corrupt, "not a readable reads database")])
def test_a_newer_or_corrupt_database_is_refused_and_left_untouched(tmp_path, make, said):
    path = tmp_path / "reads.sqlite"
    make(path)
    before = path.read_bytes()
    with pytest.raises(UnusableDatabase, match=said) as refused:
        ReadStore(path)
    assert str(path) in str(refused.value)
    assert path.read_bytes() == before


def test_a_folder_that_cannot_hold_the_database_is_named(tmp_path):
    path = tmp_path / "gone" / "reads.sqlite"  # like a read-only or unmounted study folder: SQLite cannot open it
    with pytest.raises(UnusableDatabase, match="cannot open the reads database") as refused:
        ReadStore(path)
    assert str(path) in str(refused.value) and "writable" in str(refused.value)


def test_a_database_made_here_records_its_version_and_reopens(tmp_path):
    path = tmp_path / "reads.sqlite"
    ReadStore(path).close()
    reopened = ReadStore(path)
    assert reopened.pragma("user_version") == SCHEMA_VERSION


def test_a_full_disk_refuses_the_whole_read_and_the_store_stays_usable(tmp_path):
    path = tmp_path / "reads.sqlite"
    store = ReadStore(path)
    store.pragma(f"max_page_count = {store.pragma('page_count')}")  # SQLite's own "database or disk is full"
    many = tuple(MarkRecord(float(i), float(i), 3.0) for i in range(2000))
    read = ReadRecord("R1", "unaided", "case-1", "final", False, None, many, START, START, 1000, 10, 0)
    with pytest.raises(sqlite3.OperationalError, match="full"):
        store.save_read(read)
    assert store.reads() == [] and sqlite3.connect(path).execute("SELECT COUNT(*) FROM marks").fetchone() == (0,)
    store.pragma("max_page_count = 1073741823")  # space again: the same read is saved, once
    store.save_read(read)
    assert [r.marks for r in store.reads()] == [many]


def test_the_station_and_the_commands_say_why_instead_of_a_traceback(roc_study, roc_study_file, capsys):
    """``UnusableDatabase`` reached the log-in page and ``cxr-reader`` as a traceback (its last line the message)."""
    from cxr_reader_study.cli import main
    from cxr_reader_study.reading.station import ReadingStation

    roc_study.database.write_bytes(b"not a database, perhaps a half-copied file " * 50)
    station = ReadingStation(roc_study, lambda: 0.0, lambda: START)
    said = station.log_in(roc_study.readers[0].reader_id)
    assert said.startswith("Cannot start: ") and str(roc_study.database) in said and "coordinator" in said
    assert station.session is None
    assert main(["status", str(roc_study_file)]) == 2
    assert "not a readable reads database" in capsys.readouterr().err

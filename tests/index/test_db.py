"""The index file itself: where it lives, its schema version, WAL, foreign keys and migration safety."""

from __future__ import annotations

import gc
import os
import sqlite3
from pathlib import Path

import pytest

from cxr_viewer.index.db import IndexVersionError, StudyIndex
from cxr_viewer.index.paths import default_index_path
from cxr_viewer.index.schema import SCHEMA_VERSION

from .conftest import count


def test_default_path_follows_data_dir_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXR_VIEWER_DATA_DIR", str(tmp_path / "portable"))
    assert default_index_path() == tmp_path / "portable" / "study-index.sqlite3"
    study_index = StudyIndex()
    assert study_index.db_path.is_file()
    study_index.close()


def test_default_path_without_override_is_the_platform_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("CXR_VIEWER_DATA_DIR")
    expected = Path(platformdirs.user_data_dir("cxr-workstation", appauthor=False)) / "study-index.sqlite3"
    assert default_index_path() == expected


def test_new_index_has_schema_wal_and_foreign_keys(index: StudyIndex) -> None:
    conn = index.connection
    assert index.schema_version() == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"schema_version", "patient", "study", "series", "instance", "recent"} <= tables
    with pytest.raises(sqlite3.IntegrityError):
        with index.transaction() as write:
            write.execute("INSERT INTO study (study_uid, patient_ref) VALUES ('1.2.3', 999)")


def test_reopening_does_not_migrate_twice(index: StudyIndex) -> None:
    again = StudyIndex(index.db_path)
    assert count(again, "schema_version") == SCHEMA_VERSION
    again.close()


def test_index_from_a_newer_program_is_refused(index: StudyIndex) -> None:
    with index.transaction() as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 0)", (SCHEMA_VERSION + 1,))
    with pytest.raises(IndexVersionError, match="schema version"):
        StudyIndex(index.db_path)


def _open_descriptors(path: Path) -> list[str]:
    """This process's file descriptors on ``path`` or its WAL files (Linux's /proc)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith(str(path)):
                found.append(fd)
        except OSError:
            pass  # the descriptor listdir itself used, closed since
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to list open files")
def test_a_failed_open_leaves_no_file_open(index: StudyIndex, tmp_path: Path) -> None:
    """The Studies dock renames an unusable index right after the open failed: an open file cannot be renamed on
    Windows, so the connection is closed then, not whenever the garbage collector breaks the traceback's cycles."""
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(bytes(range(256)) * 64)
    with index.transaction() as conn:
        conn.execute("INSERT INTO schema_version VALUES (?, 0)", (SCHEMA_VERSION + 1,))
    index.close()
    gc.disable()
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            StudyIndex(damaged)
        with pytest.raises(IndexVersionError):
            StudyIndex(index.db_path)
        assert _open_descriptors(damaged) == [] and _open_descriptors(index.db_path) == []
    finally:
        gc.enable()


def test_failed_transaction_leaves_nothing(index: StudyIndex) -> None:
    with pytest.raises(RuntimeError):
        with index.transaction() as conn:
            conn.execute("INSERT INTO patient (patient_id) VALUES ('P')")
            raise RuntimeError("interrupted")
    assert count(index, "patient") == 0

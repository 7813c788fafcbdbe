"""Read status in the study index: the migration from version 5, marking, the unread search, read-only indexes and
``cxr-index unread`` / ``mark-read`` / ``mark-unread``."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from cxr_viewer.index.cli import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS, main
from cxr_viewer.index.db import StudyIndex, _statements
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.maintenance import forget_missing
from cxr_viewer.index.query import search
from cxr_viewer.index.read_status import is_read, mark_read
from cxr_viewer.index.recent import mark_opened
from cxr_viewer.index.schema import MIGRATIONS
from tests.read_only_files import unwritable

from .conftest import write_study


def _index_at_version_5(path: Path) -> None:
    """An index as the program at schema version 5 left it: its five migrations, two studies, one on Recent."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)")
    for version, script in enumerate(MIGRATIONS[:5], start=1):
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version VALUES (?, ?)", (version, time.time()))
    conn.execute("INSERT INTO patient (id, patient_id, patient_name) VALUES (1, 'P1', 'Old^Opened'), "
                 "(2, 'P2', 'Old^Waiting')")
    conn.execute("INSERT INTO study (id, study_uid, patient_ref, study_date) VALUES (1, '1.2.3.1', 1, '20240101'), "
                 "(2, '1.2.3.2', 2, '20240102')")
    conn.execute("INSERT INTO recent VALUES (1, 1700000000.0)")
    conn.close()


def test_an_index_at_version_5_is_migrated_and_its_opened_studies_start_read(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _index_at_version_5(path)
    with StudyIndex(path) as index:
        assert index.schema_version() == len(MIGRATIONS) == 6
        assert {row.patient_name: row.read for row in search(index)} == {"Old^Opened": True, "Old^Waiting": False}
        assert [row.study_uid for row in search(index, unread_only=True)] == ["1.2.3.2"]
        read_at = index.connection.execute("SELECT read_at FROM study_read").fetchall()
        assert [row[0] for row in read_at] == [1700000000.0]  # read when it was opened


def test_marking_read_and_unread_survives_reimport_and_goes_with_forgotten_files(index: StudyIndex,
                                                                                 tmp_path: Path) -> None:
    first = write_study(tmp_path / "films" / "a", PatientName="Doe^Ann", StudyDate="20240301")
    second = write_study(tmp_path / "films" / "b", PatientName="Roe^Bob", StudyDate="20240302")
    import_paths(index, [tmp_path / "films"])
    assert not is_read(index, first) and all(not row.read for row in search(index))
    assert mark_read(index, [first, "9.9.9"]) == ["9.9.9"]  # the unknown UID is said; the known one is marked
    assert is_read(index, first)
    assert [row.study_uid for row in search(index, unread_only=True)] == [second]
    mark_opened(index, second)
    assert not is_read(index, second)  # opening alone does not read it: the viewer's timer does
    import_paths(index, [tmp_path / "films"])  # the study rows are written again: the mark stays
    (tmp_path / "films" / "a" / "s1" / "i0001.dcm").unlink()
    assert is_read(index, first)
    mark_read(index, [first], read=False)
    assert not is_read(index, first)
    mark_read(index, [second])
    for path in (tmp_path / "films" / "b").rglob("*.dcm"):
        path.unlink()
    forget_missing(index)
    assert index.connection.execute("SELECT COUNT(*) FROM study_read").fetchone()[0] == 0


def test_a_read_only_index_shows_read_status_and_refuses_to_change_it(tmp_path: Path) -> None:
    path = tmp_path / "ro" / "index.sqlite3"
    uid = write_study(tmp_path / "films", PatientName="Ro^Rita")
    with StudyIndex(path) as index:
        import_paths(index, [tmp_path / "films"])
        mark_read(index, [uid])
    with unwritable(path, path.parent), StudyIndex(path, read_only=True) as index:
        assert [row.read for row in search(index)] == [True]
        with pytest.raises(sqlite3.OperationalError):
            mark_read(index, [uid], read=False)
        assert is_read(index, uid)


def test_cxr_index_lists_unread_studies_and_marks_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "index.sqlite3"
    older = write_study(tmp_path / "films" / "a", PatientName="Tab\tby^Name", StudyDate="20240301")
    newer = write_study(tmp_path / "films" / "b", PatientName="Roe^Bob", StudyDate="20240302")
    with StudyIndex(path) as index:
        import_paths(index, [tmp_path / "films"])
    assert main(["--index", str(path), "unread"]) == EXIT_OK
    out, err = capsys.readouterr()
    lines = [line.split("\t") for line in out.splitlines()]
    assert [(line[0], line[2], line[4]) for line in lines] == [("2024-03-02", "Roe^Bob", newer),
                                                               ("2024-03-01", "Tab\\tby^Name", older)]
    assert "2 unread studies" in err
    assert main(["--index", str(path), "mark-read", newer, "1.2.404"]) == EXIT_PROBLEMS
    out, err = capsys.readouterr()
    assert "marked 1 study read" in out and "not in the index: 1.2.404" in err
    assert main(["--index", str(path), "unread", "--limit", "5"]) == EXIT_OK
    assert [line.split("\t")[4] for line in capsys.readouterr().out.splitlines()] == [older]
    assert main(["--index", str(path), "mark-unread", newer]) == EXIT_OK
    with StudyIndex(path) as index:
        assert not is_read(index, newer)
    capsys.readouterr()
    with unwritable(path, path.parent):
        assert main(["--index", str(path), "mark-read", newer]) == EXIT_ERROR
        assert "cannot be written" in capsys.readouterr().err
        assert main(["--index", str(path), "unread"]) == EXIT_OK  # reading it still works

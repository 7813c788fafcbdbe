"""Read status from odd inputs: a version-5 index whose Recent list names a study that is gone, a UID given twice
to ``cxr-index mark-read`` and a negative ``unread --limit``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cxr_viewer.index.cli import EXIT_PROBLEMS, EXIT_USAGE, main
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.read_status import is_read

from .conftest import write_study
from .test_read_status import _index_at_version_5


def test_a_version_5_index_with_an_orphan_recent_row_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _index_at_version_5(path)
    conn = sqlite3.connect(path, isolation_level=None)  # foreign keys off, as an old tool might have left it
    conn.execute("INSERT INTO recent VALUES (42, 1700000001.0)")
    conn.close()
    with StudyIndex(path) as index:
        assert index.schema_version() == 6
        assert [tuple(row) for row in index.connection.execute("SELECT study_ref, read_at FROM study_read")] == [
            (1, 1700000000.0)]
        assert is_read(index, "1.2.3.1") and not is_read(index, "1.2.3.2")


def test_mark_read_counts_a_repeated_uid_once_and_unread_refuses_a_negative_limit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "index.sqlite3"
    uid = write_study(tmp_path / "films" / "a", PatientName="Doe^Ann", StudyDate="20240301")
    with StudyIndex(path) as index:
        import_paths(index, [tmp_path / "films"])
    capsys.readouterr()
    assert main(["--index", str(path), "mark-read", uid, uid, "9.9"]) == EXIT_PROBLEMS
    out, err = capsys.readouterr()
    assert "marked 1 study read" in out and err.count("not in the index: 9.9") == 1
    with pytest.raises(SystemExit) as usage:
        main(["--index", str(path), "unread", "-n", "-3"])
    assert usage.value.code == EXIT_USAGE
    assert "must be 0 or more" in capsys.readouterr().err

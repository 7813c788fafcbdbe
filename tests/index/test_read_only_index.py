"""An index that cannot be written (a read-only share or disk, a file without write permission) is still read:
searching and ``cxr-index verify`` write nothing, so they work; commands that write say why they cannot, in one line,
instead of SQLite's "unable to open database file", and the file is left exactly as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cxr_viewer.index.cli import main
from cxr_viewer.index.db import IndexReadOnlyError, StudyIndex, open_index
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import search
from cxr_viewer.index.recent import mark_opened
from tests.read_only_files import unwritable

from .conftest import write_study


def _index_with_one_file_gone(tmp_path: Path) -> Path:
    path = tmp_path / "shared" / "studies.sqlite3"
    write_study(tmp_path / "kept", PatientName="Kept^Kim")
    write_study(tmp_path / "gone", n_images=1, PatientName="Gone^Gus")
    with StudyIndex(path) as index:
        assert import_paths(index, [tmp_path / "kept", tmp_path / "gone"]).added == 3
    (tmp_path / "gone" / "s1" / "i0001.dcm").unlink()
    return path


def test_verify_reads_an_index_in_a_folder_that_cannot_be_written(tmp_path: Path, capsys) -> None:
    path = _index_with_one_file_gone(tmp_path)
    before = path.read_bytes()
    with unwritable(path, path.parent):
        assert main(["--index", str(path), "verify"]) == 3
        out = capsys.readouterr().out
        assert "i0001.dcm\tfile no longer exists" in out and "1 of 3 indexed files need attention: 1 missing" in out
        for command in (["import", str(tmp_path / "kept")], ["forget-missing"]):
            assert main(["--index", str(path), *command]) == 1
            err = capsys.readouterr().err
            assert "cannot be written" in err and "nothing was changed" in err
            assert "unable to open database file" not in err
    assert path.read_bytes() == before
    with StudyIndex(path) as index:
        assert len(search(index)) == 2  # nothing was forgotten


def test_a_file_without_write_permission_in_a_writable_folder_opens_for_reading(tmp_path: Path) -> None:
    path = _index_with_one_file_gone(tmp_path)
    with unwritable(path):
        index = open_index(path)
        try:
            assert index.read_only
            assert {row.patient_name for row in search(index, "kim")} == {"Kept^Kim"}
            with pytest.raises(sqlite3.OperationalError):
                mark_opened(index, search(index)[0].study_uid)
        finally:
            index.close()


def test_a_writable_index_is_opened_for_writing(tmp_path: Path) -> None:
    path = _index_with_one_file_gone(tmp_path)
    index = open_index(path)
    assert not index.read_only
    mark_opened(index, search(index)[0].study_uid)
    index.close()


def test_an_older_index_that_cannot_be_written_is_refused_with_the_reason(tmp_path: Path, capsys) -> None:
    path = _index_with_one_file_gone(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM schema_version WHERE version = (SELECT MAX(version) FROM schema_version)")
    conn.close()
    with unwritable(path, path.parent):
        with pytest.raises(IndexReadOnlyError, match="needs upgrading"):
            open_index(path)
        assert main(["--index", str(path), "verify"]) == 1
        assert "needs upgrading" in capsys.readouterr().err

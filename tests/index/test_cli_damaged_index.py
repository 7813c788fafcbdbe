"""``cxr-index`` on a damaged index file: it says the index is damaged and what to do (the index only points at the
files), and ``verify``, which writes nothing, never claims the index "could not be updated"."""

from __future__ import annotations

from pathlib import Path

from cxr_viewer.index.cli import main
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths

from .conftest import write_study


def test_damage_met_while_verifying_is_named_with_what_to_do(tmp_path: Path, capsys) -> None:
    path = tmp_path / "ix.sqlite3"
    for number in range(8):
        write_study(tmp_path / "films" / f"p{number}", n_images=5, PatientName=f"Damaged^P{number}")
    with StudyIndex(path) as index:
        assert import_paths(index, [tmp_path / "films"]).added == 40
        index.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096 * 2 :] = b"\xa5" * (len(data) - 4096 * 2)  # every page after the schema's: the tables' own pages
    path.write_bytes(bytes(data))
    assert main(["--index", str(path), "verify"]) == 1
    err = capsys.readouterr().err
    assert "malformed" in err and "could not be updated" not in err
    assert "damaged" in err and "no image is lost" in err


def test_a_file_that_is_not_a_database_says_so_with_what_to_do(tmp_path: Path, capsys) -> None:
    path = tmp_path / "ix.sqlite3"
    path.write_bytes(b"\x00\x17 not an index " * 400)
    assert main(["--index", str(path), "verify"]) == 1
    err = capsys.readouterr().err
    assert "file is not a database" in err and "no image is lost" in err

"""The simulated reader refuses a database it cannot use as the reading station and the commands do.

A database from a newer schema (or a corrupt one) stopped ``python -m cxr_reader_study.simulate`` with a Python
traceback, while ``cxr-reader status`` said what was wrong in one line with exit status 2.
"""

from __future__ import annotations

import sqlite3

from cxr_reader_study.simulate import main as simulate


def test_a_newer_schema_is_refused_in_one_line_and_left_as_it_was(roc_study_file, tmp_path, capsys):
    database = tmp_path / "newer.sqlite"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE future (x)")
        db.execute("PRAGMA user_version = 99")
    db.close()
    before = database.read_bytes()
    assert simulate([str(roc_study_file), "--database", str(database)]) == 2
    err = capsys.readouterr().err
    assert "written by a newer version of the reader study (schema 99" in err and "Traceback" not in err
    assert database.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(roc_study_file, tmp_path, capsys):
    database = tmp_path / "half_copied.sqlite"
    database.write_bytes(b"SQLite format 3\x00" + b"\x01" * 200)
    assert simulate([str(roc_study_file), "--database", str(database)]) == 2
    assert "half_copied.sqlite" in capsys.readouterr().err

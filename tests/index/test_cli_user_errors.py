"""``cxr-index`` errors a new user meets, said so that they know what to do.

An index held by another program ended, after a silent 15 s wait, in SQLite's bare "database is locked"; an
``--index`` naming a folder read "no study index at /data" (``verify``: there is one inside) or "unable to open
database file" (``import``). Real SQLite, a real second process holding the write lock, real DICOM files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cxr_viewer.index import db as index_db
from cxr_viewer.index.cli import EXIT_ERROR, EXIT_OK, main

from .conftest import write_study

HOLD_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(120)
"""


def test_an_index_locked_by_another_program_says_who_may_hold_it_and_to_retry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "idx.sqlite3"
    write_study(tmp_path / "in", n_images=2)
    assert main(["--index", str(db), "import", str(tmp_path / "in")]) == EXIT_OK
    monkeypatch.setattr(index_db, "BUSY_TIMEOUT_MS", 300)  # the wait is SQLite's; the test need not sit it out
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        capsys.readouterr()
        for command in (["verify"], ["import", str(tmp_path / "in")]):
            assert main(["--index", str(db), *command]) == EXIT_ERROR
            err = capsys.readouterr().err
            assert "database is locked" in err and "another program" in err and "try again" in err, err
    finally:
        holder.kill()
        holder.wait()
    assert main(["--index", str(db), "verify"]) == EXIT_OK


@pytest.mark.parametrize("command", [["verify"], ["forget-missing"], ["import", "."]])
def test_an_index_option_naming_a_folder_says_to_give_the_file(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data").mkdir()
    assert main(["--index", str(tmp_path / "data"), *command]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "is a folder" in err and str(tmp_path / "data" / "study-index.sqlite3") in err, err
    assert list((tmp_path / "data").iterdir()) == []

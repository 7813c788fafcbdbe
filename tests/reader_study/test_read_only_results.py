"""The commands that only read the results (status, export, report) leave the reads database as it was.

A finished study's database is archived, possibly on a read-only medium or checksummed for an audit. These
commands opened it the reading station's way: WAL switched on, the schema created or upgraded and its version
stamped, so the file could change and -wal/-shm files appeared beside it; a committed read still in the -wal
of a crashed station was checkpointed into the file; and an empty or foreign file at the study's database
path was turned into an empty reads database, reported as a study nobody had read. Tests run as root, where
chmod does not stop a write, so every test compares the folder's files and their SHA-256 instead.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.scheduling import open_session
from cxr_reader_study.simulate import main as simulate
from cxr_reader_study.storage.store import ReadStore

COMMANDS = ("status", "export", "report")
START = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
RESULTS = ("table1.csv", "timing.csv", "mrmc.json")  # the report's tables: compared between two databases


def _files(folder: Path) -> dict[str, str]:
    """Every entry of ``folder``, a file with the SHA-256 of its bytes: a new, removed or changed file shows."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.iterdir())}


def _run(command: str, study_file: Path, out: Path, *extra: str) -> int:
    return main([command, str(study_file), *(["--out", str(out)] if command != "status" else []), *extra])


@pytest.fixture
def finished(roc_study_file: Path) -> Path:
    """Every reader has read every arm, and the simulator closed the database cleanly (the file alone)."""
    assert simulate([str(roc_study_file), "--override-washout"]) == 0
    return roc_study_file


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_database_and_folder_are_read_and_left_unchanged(command, finished, tmp_path):
    folder = finished.parent
    database = load_study(finished).database
    before = _files(folder)
    assert database.name in before and f"{database.name}-wal" not in before
    database.chmod(0o444)
    folder.chmod(0o555)  # an archive's permissions; root could still write, hence the hashes below
    try:
        assert _run(command, finished, tmp_path / "out") == 0
    finally:
        folder.chmod(0o755)
        database.chmod(0o644)
    assert _files(folder) == before


# A reading station that read every case of every arm and died by SIGKILL: no close, no checkpoint, so the
# reads committed since the last automatic checkpoint are in the -wal file only.
_CRASHED_STATION = textwrap.dedent("""
    import os, signal, sys
    import numpy as np
    from cxr_reader_study.design.study_file import load_study
    from cxr_reader_study.simulate import read_all
    from cxr_reader_study.storage.store import ReadStore
    study = load_study(sys.argv[1])
    store = ReadStore(study.database)
    for reader in study.readers:
        read_all(study, store, reader.reader_id, np.random.default_rng(5), True, 0.0)
    os.kill(os.getpid(), signal.SIGKILL)
""")


@pytest.mark.parametrize("with_shm", [True, False], ids=["crashed station", "archived with its -wal only"])
def test_reads_committed_in_the_wal_are_reported_without_touching_the_files(roc_study_file, tmp_path, with_shm):
    finished, crashed = roc_study_file, load_study(roc_study_file).database
    child = subprocess.run([sys.executable, "-c", _CRASHED_STATION, str(finished)], capture_output=True, text=True)
    assert child.returncode == -signal.SIGKILL, child.stderr
    wal, shm = Path(f"{crashed}-wal"), Path(f"{crashed}-shm")
    assert wal.stat().st_size > 0 and shm.exists()
    if not with_shm:
        shm.unlink()
    checkpointed = tmp_path / "checkpointed" / "reads.sqlite"  # the same reads, all in the file
    checkpointed.parent.mkdir()
    shutil.copyfile(crashed, checkpointed)
    shutil.copyfile(wal, f"{checkpointed}-wal")
    copy = sqlite3.connect(checkpointed)
    assert copy.execute("SELECT COUNT(*) FROM reads").fetchone()[0] > 0
    copy.close()  # the last connection to close checkpoints the copy and removes its -wal
    assert [p.name for p in checkpointed.parent.iterdir()] == ["reads.sqlite"]
    before = _files(crashed.parent)

    assert _run("report", finished, tmp_path / "reference", "--database", str(checkpointed)) == 0
    assert _run("report", finished, tmp_path / "from_wal") == 0
    for name in RESULTS:
        assert (tmp_path / "from_wal" / name).read_text() == (tmp_path / "reference" / name).read_text(), name
    after = _files(crashed.parent)
    assert list(after) == list(before)  # no file added or removed beside the database
    if with_shm:  # SQLite's shared-memory index of a -wal that a station may still hold; the data files stay
        del before[shm.name], after[shm.name]
    assert after == before


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _foreign(path: Path) -> None:
    other = sqlite3.connect(path)  # a real SQLite file, but not one of the reader study's
    other.execute("CREATE TABLE studies (uid TEXT PRIMARY KEY)")
    other.commit()
    other.close()


@pytest.mark.parametrize("make", [_empty, _foreign])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_that_is_not_a_reads_database_is_refused_by_name(command, make, roc_study_file, tmp_path, capsys):
    path = tmp_path / "not_reads.sqlite"
    make(path)
    before = _files(tmp_path)
    assert _run(command, roc_study_file, tmp_path / "out", "--database", str(path)) == 2
    said = capsys.readouterr().err
    assert f"cxr-reader {command}: {path} is not a readable reads database" in said
    assert _files(tmp_path) == before


def test_a_database_of_an_earlier_version_is_reported_without_being_upgraded(finished, tmp_path, capsys):
    """Schema 0 (before the display log): the upgrade is the reading station's job, not the report's."""
    database = load_study(finished).database
    old = sqlite3.connect(database)
    old.executescript("ALTER TABLE reads DROP COLUMN displays; DROP TABLE views; DROP TABLE washout_overrides;"
                      "PRAGMA user_version = 0;")
    old.close()
    before = _files(database.parent)
    assert _run("status", finished, tmp_path / "out") == 0
    assert "  1. unaided: 8 of 8 study reads done, 1 of 1 training case read, finished" in capsys.readouterr().out
    assert _run("report", finished, tmp_path / "out") == 0
    assert _files(database.parent) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_newer_and_corrupt_databases_are_still_refused(command, roc_study_file, tmp_path, capsys):
    newer, corrupt = tmp_path / "newer.sqlite", tmp_path / "corrupt.sqlite"
    sqlite3.connect(newer).execute("PRAGMA user_version = 99").connection.close()
    corrupt.write_bytes(b"not a database, perhaps a half-copied file " * 50)
    before = _files(tmp_path)
    for path, said in ((newer, "newer version"), (corrupt, "is not a readable reads database")):
        assert _run(command, roc_study_file, tmp_path / "out", "--database", str(path)) == 2
        err = capsys.readouterr().err
        assert str(path) in err and said in err
    assert _files(tmp_path) == before


def test_a_live_stations_reads_are_seen_and_the_copy_refuses_writes(roc_study, capsys):
    """A coordinator runs status while a station is logged in (its connection open, -wal and -shm in use)."""
    station = ReadStore(roc_study.database)
    record = open_session(roc_study, station, "R1", START)
    session = ReadingSession(roc_study, station, record, {}, lambda: 0.0, lambda: START)
    for _ in range(2):
        session.image_shown()
        session.press_digit(3)
        session.submit()
    results = ReadStore(roc_study.database, read_only=True)
    assert results.reads() == station.reads() and len(results.reads()) == 2
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        results.complete_session("R1", record.arm, START)
    session.image_shown()
    session.press_digit(4)
    session.submit()  # the station writes on while the copy is open
    assert len(station.reads()) == 3 and len(results.reads()) == 2  # the copy: one state for a whole report

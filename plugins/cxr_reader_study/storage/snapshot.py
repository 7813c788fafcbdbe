"""A private, in-memory copy of a reads database for the commands that only report on it (status, export,
report).

A finished study's database is archived, perhaps on a read-only medium or checksummed for an audit, so
reading it must not change a byte of it nor leave a file beside it. Opening it as the reading station does
writes to it (WAL, the schema brought up to date, its version stamped), and SQLite opens a WAL database, even
with ``mode=ro``, by creating the -wal and -shm files beside it and leaving them there. So the database is
copied into memory once, at open, through SQLite's backup, and the commands read the copy: one consistent
state for the whole report, and an earlier version's database is brought up to this schema in memory only.

Where the copy is read from decides what is touched:

* no -wal (or an empty one without -shm): every committed read is in the file and no connection has it open
  (an open WAL connection keeps both files), so it is read ``immutable``: no lock, no file created;
* -wal and -shm: a station may be reading into it now, so SQLite's ``mode=ro`` with its locking; the file and
  the -wal are left as they are, while SQLite may update the -shm, the shared-memory index it rebuilds anyway;
* -wal with reads but no -shm (a crashed station's files archived without it): nothing can have it open, so
  the file and its -wal are copied into a private folder, where SQLite replays the -wal into the copy.
  ``immutable`` would ignore the -wal and with it every read committed since the last checkpoint.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from cxr_reader_study.storage.refusal import refusal
from cxr_reader_study.storage.schema import NewerSchema, create_or_update, schema_version

READS_TABLES = {"sessions", "reads"}  # what every version's reads database has


def snapshot(path: Path, busy_timeout_s: float) -> sqlite3.Connection:
    """The database at ``path`` (which exists) copied into memory, at this version's schema, refusing writes.

    Raises ``UnusableDatabase`` naming the file for a newer version's database, a file that is not a reads
    database (corrupt, empty, another program's SQLite file) and one that cannot be read.
    """
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        _copy(path, memory, busy_timeout_s)
        schema_version(memory)  # a newer version's tables may mean more than this version knows
        tables = {row[0] for row in memory.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not READS_TABLES <= tables:
            raise sqlite3.DatabaseError("it has no reads table")
        create_or_update(memory)  # the copy only: an earlier version's file stays as it was archived
        memory.execute("PRAGMA query_only = ON")  # a write would otherwise vanish with the copy, unnoticed
    except (sqlite3.Error, NewerSchema, OSError) as error:
        memory.close()
        raise refusal(path, error, writing=False) from error
    return memory


def _copy(path: Path, memory: sqlite3.Connection, busy_timeout_s: float) -> None:
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    uri = path.resolve().as_uri()
    if wal.exists() and shm.exists():
        _backup(sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=busy_timeout_s), memory)
    elif wal.exists() and wal.stat().st_size > 0:
        with tempfile.TemporaryDirectory(prefix="cxr-reads-") as private:
            copy = Path(private) / "reads.sqlite"
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, f"{copy}-wal")
            _backup(sqlite3.connect(copy), memory)
    else:
        _backup(sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True), memory)


def _backup(source: sqlite3.Connection, memory: sqlite3.Connection) -> None:
    try:
        source.backup(memory)
    finally:
        source.close()

"""Opening the reads database: for a reading station (or the coordinator's override) to write to, or a private
copy for the commands that only read it.

A database this version cannot use (a newer schema, a corrupt file, a folder it cannot write) is refused with
``UnusableDatabase``, whose message names the file and what to do, and is left as it was; a path with no file
is refused with :class:`MissingDatabase` wherever a new database is not wanted. A station also refuses a
database on a network file system (``network_policy``, which has the override) and one where SQLite would not
turn WAL on: ``PRAGMA journal_mode=WAL`` does not fail when it cannot, it answers with the mode kept (an
in-memory database's "memory"), and the crash safety the study relies on would be gone without a word.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cxr_reader_study.storage.network_policy import check_for_writing
from cxr_reader_study.storage.refusal import UnusableDatabase, refusal
from cxr_reader_study.storage.schema import NewerSchema, create_or_update, schema_version
from cxr_reader_study.storage.snapshot import snapshot

# SQLite waits this long for another station's write (a read commits in milliseconds) before reporting "locked".
BUSY_TIMEOUT_S = 5.0


class MissingDatabase(FileNotFoundError):
    """The reads database does not exist (and was not to be created): the message names the path."""


def open_database(path: Path, create: bool, read_only: bool) -> sqlite3.Connection:
    """The connection a :class:`ReadStore` works on; see its constructor for ``create`` and ``read_only``."""
    if (read_only or not create) and not path.is_file():
        raise MissingDatabase(f"no reads database at {path}: check the path (--database or the study's "
                              "database setting), or no reader has started yet")
    return snapshot(path, BUSY_TIMEOUT_S) if read_only else _open_writable(path)


def _open_writable(path: Path) -> sqlite3.Connection:
    """WAL with ``synchronous=FULL``, so that each commit is on disk before the store's write returns."""
    check_for_writing(path)  # before connecting: a refused file is not even created
    try:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)  # the store's BEGIN/COMMIT
    except sqlite3.Error as error:
        raise refusal(path, error) from error
    try:
        schema_version(db)  # before the first write: a newer or corrupt file is left as it was
        _require_wal(db, path)
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        create_or_update(db)
    except UnusableDatabase:
        db.close()
        raise
    except (sqlite3.Error, NewerSchema) as error:
        db.close()
        raise refusal(path, error) from error
    return db


def _require_wal(db: sqlite3.Connection, path: Path) -> None:
    mode = str(db.execute("PRAGMA journal_mode=WAL").fetchone()[0]).lower()
    if mode != "wal":
        raise UnusableDatabase(f"the reads database {path} cannot be written safely: SQLite kept journal mode "
                               f"{mode!r} instead of WAL, so a crash could lose committed reads; it was left as "
                               "it was: the database must be a file on a local disk")

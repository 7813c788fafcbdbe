"""The SQLite study index and its connections.

Thread model: SQLite connections must not be shared between threads, so :class:`StudyIndex` hands each thread
its own connection (``index.connection``, created on first use in that thread). The database runs in WAL mode,
so the GUI thread keeps reading while an importer thread writes; writers wait for each other through
``busy_timeout`` instead of failing. A worker thread should call :meth:`StudyIndex.close` before it ends.
Every connection carries the SQL function ``cxr_fold(text)`` (:func:`search_fold`), which the search uses for
case-insensitive matching beyond ASCII (see :mod:`cxr_viewer.index.text_match`).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cxr_viewer.index.paths import default_index_path
from cxr_viewer.index.read_only import cannot_write, read_only_uri
from cxr_viewer.index.schema import MIGRATIONS, SCHEMA_VERSION
from cxr_viewer.index.text_match import search_fold

BUSY_TIMEOUT_MS = 15_000


class IndexVersionError(RuntimeError):
    """The database was written by a newer version of the workstation; opening it could corrupt it."""


class IndexReadOnlyError(RuntimeError):
    """The index cannot be written and is at an older schema version, which cannot be upgraded without writing."""


class StudyIndex:
    """One study index file, opened with foreign keys on and migrated to the current schema (``index.schema``).

    ``read_only`` opens an index that cannot be written (see :mod:`cxr_viewer.index.read_only`; :func:`open_index`
    chooses it when needed): everything that reads works, every write raises ``sqlite3.OperationalError``.
    """

    def __init__(self, db_path: Path | None = None, *, read_only: bool = False) -> None:
        self.db_path = Path(db_path) if db_path is not None else default_index_path()
        self.read_only = read_only
        if not read_only:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        try:
            self._check_version() if read_only else self._migrate()
        except BaseException:
            self.close()  # a failed open leaves no file open: the caller may move the file aside at once
            raise

    @property
    def connection(self) -> sqlite3.Connection:
        """The calling thread's connection (autocommit mode: group writes with :meth:`transaction`)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            target = read_only_uri(self.db_path) if self.read_only else self.db_path
            conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=self.read_only)
            try:
                conn.row_factory = sqlite3.Row
                # the first read: a damaged file fails here (a read-only one keeps the journal mode it has)
                conn.execute("PRAGMA journal_mode" if self.read_only else "PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA foreign_keys = ON")
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                conn.create_function("cxr_fold", 1, search_fold, deterministic=True)
            except BaseException:
                conn.close()  # not left for the garbage collector: an open file cannot be renamed on Windows
                raise
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block as one write transaction: all of it lands, or (on an exception) none of it.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so two writers queue instead of deadlocking.
        """
        conn = self.connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # after SQLITE_FULL and some I/O errors SQLite has rolled back already, and a
                conn.execute("ROLLBACK")  # second ROLLBACK would hide that cause behind "no transaction is active"
            raise
        conn.execute("COMMIT")

    def schema_version(self) -> int:
        row = self.connection.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def close(self) -> None:
        """Close the calling thread's connection (other threads' connections are theirs to close)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def __enter__(self) -> StudyIndex:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _newer(self, version: int) -> IndexVersionError:
        return IndexVersionError(
            f"{self.db_path}: study index is at schema version {version}, this program knows only up to "
            f"{SCHEMA_VERSION}; open it with a newer workstation or use another index file"
        )

    def _check_version(self) -> None:
        """For a read-only index: refuse what this program cannot read as it is (newer, or older and not upgraded)."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise self._newer(current)
        if current < SCHEMA_VERSION:
            raise IndexReadOnlyError(
                f"{self.db_path}: study index is at schema version {current} and needs upgrading to "
                f"{SCHEMA_VERSION}, which cannot be done while it cannot be written; make it writable once"
            )

    def _migrate(self) -> None:
        with self.transaction() as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)"
            )
            current = int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])
            if current > SCHEMA_VERSION:
                raise self._newer(current)
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for statement in _statements(MIGRATIONS[version - 1]):
                    conn.execute(statement)
                conn.execute("INSERT INTO schema_version VALUES (?, ?)", (version, time.time()))


def open_index(db_path: Path | None = None) -> StudyIndex:
    """The index, writable when it can be, else read-only when its file or folder cannot be written (a read-only
    disk or share, permissions); every other failure to open it is raised as it came."""
    path = Path(db_path) if db_path is not None else default_index_path()
    # asked first: SQLite opens a file without write permission read-only on its own, and the first write fails
    return StudyIndex(path, read_only=cannot_write(path))


def _statements(script: str) -> list[str]:
    """Split a migration into statements; ``executescript`` would commit behind the transaction's back."""
    return [part.strip() for part in script.split(";") if part.strip()]

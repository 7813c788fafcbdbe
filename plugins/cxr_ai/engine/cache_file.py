"""The result cache's SQLite file: opening it (schema and its migrations), its size, and evicting down to a cap.

Nothing deleted rows, so the file grew by ~100 KB a film for as long as a workstation was used, rows of model
versions nobody can run any more included. Eviction therefore happens in the writer's own transaction when the
rows' pages pass the cap (measured from ``page_count`` and ``freelist_count``, which SQLite keeps in the file's
header, so the check costs nothing on each insert), down to ``EVICT_TO`` of it so the next inserts do not each
evict again. The viewer and a CLI batch may share the file: every change is one ``BEGIN IMMEDIATE`` transaction
(the rollback journal makes it all or nothing across a crash; another writer waits on the busy timeout).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

SCHEMA_VERSION = 1  # PRAGMA user_version; 0: before last_used (and auto_vacuum) existed
EVICT_TO = 0.9  # of the cap, once it is passed
CREATE = """
CREATE TABLE results (
    image_key TEXT NOT NULL,
    model_version TEXT NOT NULL,
    provider TEXT NOT NULL,
    calibration TEXT NOT NULL,
    result_json TEXT NOT NULL,
    heatmap BLOB,
    created TEXT NOT NULL DEFAULT (datetime('now')),
    last_used INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (image_key, model_version, provider, calibration)
)
"""
# a version 0 file: its rows count as last used when they were made
MIGRATE_0 = ("ALTER TABLE results ADD COLUMN last_used INTEGER NOT NULL DEFAULT 0",
             "UPDATE results SET last_used = CAST(strftime('%s', created) AS INTEGER)")


@contextmanager
def connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection of its own (worker threads never share one), in autocommit mode: changes go through
    :func:`transaction`. The 10 s busy timeout lets another process's eviction finish."""
    with closing(sqlite3.connect(path, timeout=10, isolation_level=None)) as opened:
        yield opened


@contextmanager
def transaction(opened: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once so two writers never deadlock upgrading a read lock."""
    opened.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        opened.execute("ROLLBACK")
        raise
    opened.execute("COMMIT")


def prepare(path: Path) -> None:
    """Create the table or bring an older file to ``SCHEMA_VERSION``, once, whichever process comes first. A new
    file gets incremental auto-vacuum (it can only be chosen before the first table), so evicted pages can be
    given back; an old file switches to it by a VACUUM at its first eviction (:func:`reclaim`)."""
    with connection(path) as opened:
        if opened.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        opened.execute("PRAGMA auto_vacuum = INCREMENTAL")  # a no-op unless the file has no table yet
        with transaction(opened):
            version = opened.execute("PRAGMA user_version").fetchone()[0]
            exists = opened.execute("SELECT 1 FROM sqlite_master WHERE name = 'results'").fetchone()
            if version == 0 and exists:
                for statement in MIGRATE_0:
                    opened.execute(statement)
            elif version == 0:
                opened.execute(CREATE)
            elif version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"{path}: result cache of a newer version ({version}); clear it or "
                                            "use another CXR_AI_CACHE_DIR")
            opened.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def used_bytes(opened: sqlite3.Connection) -> int:
    """The bytes of the file's pages in use (free pages waiting for a vacuum do not count)."""
    pages = opened.execute("PRAGMA page_count").fetchone()[0] - opened.execute("PRAGMA freelist_count").fetchone()[0]
    return pages * opened.execute("PRAGMA page_size").fetchone()[0]


def evict(opened: sqlite3.Connection, limit_bytes: int, keep_version: str) -> int:
    """Inside the writer's transaction: when the used pages pass ``limit_bytes``, delete rows until they are under
    ``EVICT_TO`` of it: rows of model versions other than ``keep_version`` first (the installed set never asks for
    them), then the least recently used. The rows' own lengths guess how many to delete; the pages decide when to
    stop. Returns how many rows went."""
    if used_bytes(opened) <= limit_bytes:
        return 0
    removed = 0
    while (excess := used_bytes(opened) - int(limit_bytes * EVICT_TO)) > 0:
        candidates = opened.execute(
            "SELECT rowid, length(result_json) + coalesce(length(heatmap), 0) FROM results "
            "ORDER BY model_version = ?, last_used, rowid", (keep_version,)).fetchall()
        if not candidates:
            break
        chosen, covered = [], 0
        for rowid, size in candidates:
            chosen.append((rowid,))
            covered += size
            if covered >= excess:
                break
        opened.executemany("DELETE FROM results WHERE rowid = ?", chosen)
        removed += len(chosen)
    return removed


def reclaim(opened: sqlite3.Connection) -> None:
    """Give the free pages back to the file system (SQLite keeps them otherwise). A file made before incremental
    auto-vacuum is switched to it by one VACUUM, which rewrites only the rows left after the eviction."""
    if opened.execute("PRAGMA auto_vacuum").fetchone()[0] == 2:
        opened.executescript("PRAGMA incremental_vacuum")  # execute() frees one page only
    else:
        opened.execute("PRAGMA auto_vacuum = INCREMENTAL")
        opened.execute("VACUUM")

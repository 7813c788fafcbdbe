"""SQLite cache of per-image results, keyed by image identity, model-set version, provider and calibration.

Reopening an image shows its findings at once; installing a new model set changes the version and so recomputes.
The file is kept under a size cap (``cache_file``): a hit records when it was last used, and an insert that takes
the file past the cap evicts other model versions' rows first, then the least recently used.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import platformdirs

from cxr_ai.engine.cache_file import connection, evict, prepare, reclaim, transaction
from cxr_ai.engine.result import ImageResult

CACHE_DIR_ENV = "CXR_AI_CACHE_DIR"
DEFAULT_LIMIT_MB = 500.0  # ~5000 films at ~100 KB each: weeks of a busy reader's films, a small share of a disk
TOUCH_EVERY_S = 60  # a hit records its use at most once a minute, so rereading a film rarely writes


def default_cache_dir() -> Path:
    override = os.environ.get(CACHE_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("cxr-workstation")) / "ai"


@dataclass(frozen=True)
class CacheInfo:
    """What ``cxr-ai cache info`` reports: the file, its size on disk and its rows per model version."""

    path: Path
    file_bytes: int
    rows_per_version: dict[str, int]


class ResultCache:
    def __init__(self, directory: Path | None = None, limit_mb: float = DEFAULT_LIMIT_MB,
                 clock: Callable[[], float] = time.time) -> None:
        """``limit_mb`` caps the rows' pages (the file is that plus a few pages); ``clock`` gives the time a row is
        used (seconds since the epoch)."""
        if not limit_mb > 0:
            raise ValueError(f"the cache limit must be a positive number of MB, not {limit_mb!r}")
        self.path = (Path(directory) if directory is not None else default_cache_dir()) / "results.sqlite"
        self.limit_bytes = int(limit_mb * 1024 * 1024)
        self._clock = clock
        self.path.parent.mkdir(parents=True, exist_ok=True)
        prepare(self.path)

    def get(
        self, image_key: str, model_version: str, provider: str, calibration: str
    ) -> tuple[ImageResult, np.ndarray | None] | None:
        """The cached result and heat map (None when stored without one), or None on a miss. A hit counts as a use
        for the eviction order; when the file is busy that use goes unrecorded rather than the look-up failing."""
        now = int(self._clock())
        with connection(self.path) as opened:
            found = opened.execute(  # read to the end, so the statement lets go of its read lock before the update
                "SELECT rowid, result_json, heatmap, last_used FROM results "
                "WHERE image_key=? AND model_version=? AND provider=? AND calibration=?",
                (image_key, model_version, provider, calibration),
            ).fetchall()
            row = found[0] if found else None
            if row is not None and row[3] <= now - TOUCH_EVERY_S:
                with contextlib.suppress(sqlite3.OperationalError):
                    opened.execute("UPDATE results SET last_used=? WHERE rowid=?", (now, row[0]))
        if row is None:
            return None
        result = ImageResult.from_dict(json.loads(row[1]))
        result.cached = True
        return result, (np.load(io.BytesIO(row[2]))["heatmap"] if row[2] is not None else None)

    def holds_film(self, prefix: str, model_version: str) -> bool:
        """Whether any row of ``model_version`` has a key starting with ``prefix`` (one film's frames): a range on
        the primary key's first column, so a look-up of the index, not of the table."""
        with connection(self.path) as opened:
            return opened.execute(
                "SELECT 1 FROM results WHERE image_key >= ? AND image_key < ? AND model_version = ? LIMIT 1",
                (prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1), model_version),
            ).fetchone() is not None

    def put(self, result: ImageResult, calibration: str, heatmap: np.ndarray | None = None) -> None:
        """``heatmap`` (the probability map over the image, at model resolution) is stored compressed as float16.
        Past the cap, rows are evicted in the same transaction and their pages given back after it."""
        blob = None
        if heatmap is not None:
            buffer = io.BytesIO()
            np.savez_compressed(buffer, heatmap=heatmap.astype(np.float16))
            blob = buffer.getvalue()
        with connection(self.path) as opened:
            with transaction(opened):
                opened.execute(
                    "INSERT OR REPLACE INTO results (image_key, model_version, provider, calibration, result_json, "
                    "heatmap, last_used) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (result.image_key, result.model_version, result.provider, calibration,
                     json.dumps(result.to_dict()), blob, int(self._clock())),
                )
                evicted = evict(opened, self.limit_bytes, result.model_version)
            if evicted:
                self._reclaim(opened)

    def info(self) -> CacheInfo:
        with connection(self.path) as opened:
            rows = opened.execute("SELECT model_version, count(*) FROM results GROUP BY model_version").fetchall()
        return CacheInfo(self.path, self.path.stat().st_size, dict(rows))

    def clear(self) -> int:
        """Delete every row and give the space back; returns how many went. The file stays (another process may
        have it open), a few pages long."""
        with connection(self.path) as opened:
            with transaction(opened):
                removed = opened.execute("DELETE FROM results").rowcount
            self._reclaim(opened)
        return removed

    @staticmethod
    def _reclaim(opened: sqlite3.Connection) -> None:
        """A file busy beyond the timeout keeps its free pages until the next eviction; its rows are already gone."""
        with contextlib.suppress(sqlite3.OperationalError):
            reclaim(opened)

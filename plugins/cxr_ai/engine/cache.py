"""SQLite cache of per-image results, keyed by image identity, model-set version, provider and calibration.

Reopening an image shows its findings at once; installing a new model set changes the version and so recomputes.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import numpy as np
import platformdirs

from cxr_ai.engine.result import ImageResult

CACHE_DIR_ENV = "CXR_AI_CACHE_DIR"
SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    image_key TEXT NOT NULL,
    model_version TEXT NOT NULL,
    provider TEXT NOT NULL,
    calibration TEXT NOT NULL,
    result_json TEXT NOT NULL,
    heatmap BLOB,
    created TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (image_key, model_version, provider, calibration)
)
"""


def default_cache_dir() -> Path:
    override = os.environ.get(CACHE_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_cache_dir("cxr-workstation")) / "ai"


class ResultCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.path = (Path(directory) if directory is not None else default_cache_dir()) / "results.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            connection.execute(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """One short transaction on its own connection, so worker threads never share a handle."""
        with closing(sqlite3.connect(self.path, timeout=10)) as connection, connection:
            yield connection

    def get(
        self, image_key: str, model_version: str, provider: str, calibration: str
    ) -> tuple[ImageResult, np.ndarray | None] | None:
        """The cached result and heat map (None when stored without one), or None on a miss."""
        with self._connect() as connection:
            row = connection.execute(
                "SELECT result_json, heatmap FROM results "
                "WHERE image_key=? AND model_version=? AND provider=? AND calibration=?",
                (image_key, model_version, provider, calibration),
            ).fetchone()
        if row is None:
            return None
        result = ImageResult.from_dict(json.loads(row[0]))
        result.cached = True
        return result, (np.load(io.BytesIO(row[1]))["heatmap"] if row[1] is not None else None)

    def put(self, result: ImageResult, calibration: str, heatmap: np.ndarray | None = None) -> None:
        """``heatmap`` (the probability map over the image, at model resolution) is stored compressed as float16."""
        blob = None
        if heatmap is not None:
            buffer = io.BytesIO()
            np.savez_compressed(buffer, heatmap=heatmap.astype(np.float16))
            blob = buffer.getvalue()
        with self._connect() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO results (image_key, model_version, provider, calibration, result_json, heatmap)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (result.image_key, result.model_version, result.provider, calibration, json.dumps(result.to_dict()),
                 blob),
            )

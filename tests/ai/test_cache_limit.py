"""The result cache's size cap: least recently used rows go, other model versions' first, and the file shrinks.

The cache had no cap: ~100 KB a film, kept for ever (old model versions' rows included). These tests use real
SQLite files with rows of ~10 KB under a cap of a few hundred KB.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from cxr_ai.engine.cache import ResultCache
from cxr_ai.engine.result import ImageResult

ROW_PIXELS = (64, 80)  # random float16: ~10 KB a row, as compression finds nothing to squeeze


class Clock:
    """Seconds since the epoch that a test moves on by hand, so 'least recently used' does not hang on sleeps."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        self.now += 120  # every use two minutes after the last: each hit is recorded
        return self.now


def result(name: str, version: str = "v1") -> ImageResult:
    return ImageResult(path=f"{name}.dcm", image_key=name, sop_instance_uid=None, width=80, height=64,
                       pixel_spacing_mm=None, spacing_source="uncalibrated", provider="cpu", model_version=version,
                       preprocessing_version="p1", score_rule="max", findings=[])


def heatmap(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).random(ROW_PIXELS, dtype=np.float32)


def put(cache: ResultCache, name: str, version: str = "v1") -> None:
    cache.put(result(name, version), "uncalibrated", heatmap=heatmap(zlib.crc32(name.encode())))


def hits(cache: ResultCache, name: str, version: str = "v1") -> bool:
    return cache.get(name, version, "cpu", "uncalibrated") is not None


def rows(cache: ResultCache) -> int:
    return sum(cache.info().rows_per_version.values())


def put_until_eviction(cache: ResultCache, prefix: str, start: int, version: str = "v1") -> str:
    """Put ``prefix<start>``, ``prefix<start + 1>``, … until a put evicts; the name of that last put."""
    for index in range(start, start + 60):
        count = rows(cache)
        put(cache, f"{prefix}{index}", version)
        if rows(cache) <= count:
            return f"{prefix}{index}"
    raise AssertionError("nothing was evicted")


def test_the_cap_evicts_the_least_recently_used_and_a_hit_counts_as_use(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, limit_mb=0.25, clock=Clock())
    for index in range(6):
        put(cache, f"film{index}")
    assert hits(cache, "film0")  # the oldest film, looked at again
    last = put_until_eviction(cache, "film", 6)
    assert hits(cache, "film0") and not hits(cache, "film1")
    assert hits(cache, last)
    with sqlite3.connect(cache.path) as opened:
        pages = opened.execute("PRAGMA page_count").fetchone()[0] * opened.execute("PRAGMA page_size").fetchone()[0]
    assert pages <= cache.limit_bytes


def test_rows_of_other_model_versions_go_first(tmp_path: Path) -> None:
    """An old version's rows can never be hit again by the installed models, however recently they were used."""
    cache = ResultCache(tmp_path, limit_mb=0.25, clock=Clock())
    for index in range(8):
        put(cache, f"new{index}", "v2")
    for index in range(10):
        put(cache, f"old{index}", "v1")  # used after the v2 rows
    put_until_eviction(cache, "new", 8, "v2")
    assert all(hits(cache, f"new{index}", "v2") for index in range(8))
    assert cache.info().rows_per_version["v1"] < 10


def test_eviction_gives_the_space_back_to_the_disk(tmp_path: Path) -> None:
    roomy = ResultCache(tmp_path, limit_mb=2, clock=Clock())
    for index in range(60):
        put(roomy, f"film{index}")
    before = roomy.path.stat().st_size
    assert before > 500_000
    put(ResultCache(tmp_path, limit_mb=0.25, clock=Clock()), "one more")
    assert roomy.path.stat().st_size <= 0.25 * 1024 * 1024 < before


# the result cache's table before it had last_used (schema version 0), as a file made then holds it
OLD_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    image_key TEXT NOT NULL, model_version TEXT NOT NULL, provider TEXT NOT NULL, calibration TEXT NOT NULL,
    result_json TEXT NOT NULL, heatmap BLOB, created TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (image_key, model_version, provider, calibration)
)
"""


def old_cache_file(folder: Path, count: int) -> Path:
    folder.mkdir()
    path = folder / "results.sqlite"
    with sqlite3.connect(path) as opened:
        opened.execute(OLD_SCHEMA)
        for index in range(count):
            buffer = io.BytesIO()
            np.savez_compressed(buffer, heatmap=heatmap(index).astype(np.float16))
            opened.execute(
                "INSERT INTO results (image_key, model_version, provider, calibration, result_json, heatmap, created)"
                " VALUES (?, 'v1', 'cpu', 'uncalibrated', ?, ?, ?)",
                (f"film{index}", json.dumps(result(f"film{index}").to_dict()), buffer.getvalue(),
                 f"2026-01-01 00:{index // 60:02d}:{index % 60:02d}"))
    return path


def test_a_cache_file_of_the_old_schema_is_migrated_keeps_its_hits_and_shrinks(tmp_path: Path) -> None:
    path = old_cache_file(tmp_path / "cache", 60)
    before = path.stat().st_size
    cache = ResultCache(tmp_path / "cache", limit_mb=0.25, clock=Clock())
    assert all(hits(cache, f"film{index}") for index in (0, 30, 59))
    put(cache, "new film")
    assert path.stat().st_size <= cache.limit_bytes < before
    assert hits(cache, "film0")  # hit above, so used after film1, which was made later
    assert not hits(cache, "film1") and hits(cache, "film59") and hits(cache, "new film")
    with sqlite3.connect(path) as opened:
        assert opened.execute("PRAGMA user_version").fetchone()[0] == 1
        assert opened.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental from now on


def fill(folder: Path, prefix: str, count: int, start: Any) -> None:
    """One of two processes writing the same cache file under the same cap (the viewer beside a CLI batch),
    released together by the barrier ``start`` so that their inserts and evictions interleave."""
    cache = ResultCache(folder, limit_mb=0.25)
    start.wait(60)
    for index in range(count):
        put(cache, f"{prefix}{index}")


def test_two_processes_writing_and_evicting_the_same_file_leave_it_whole(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    writers = [context.Process(target=fill, args=(tmp_path, prefix, 80, start)) for prefix in "ab"]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(120)
    assert [writer.exitcode for writer in writers] == [0, 0]
    cache = ResultCache(tmp_path, limit_mb=0.25)
    with sqlite3.connect(cache.path) as opened:
        assert opened.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        names = [name for (name,) in opened.execute("SELECT image_key FROM results")]
    assert 0 < len(names) < 160 and cache.path.stat().st_size <= cache.limit_bytes
    assert hits(cache, "a79") or hits(cache, "b79")  # the newest row is the last to go
    for name in names:  # every row left reads back as it was written
        _, stored = cache.get(name, "v1", "cpu", "uncalibrated")
        assert np.array_equal(stored, heatmap(zlib.crc32(name.encode())).astype(np.float16))

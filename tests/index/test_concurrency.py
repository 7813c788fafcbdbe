"""An importer thread writing while the GUI thread reads through its own connection (WAL)."""

from __future__ import annotations

import threading
from pathlib import Path

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import ImportReport, import_paths
from cxr_viewer.index.query import search

from .conftest import count, write_study


def test_reader_sees_only_committed_batches_during_an_import(index: StudyIndex, tmp_path: Path) -> None:
    write_study(tmp_path / "in", n_images=120)
    paused_mid_batch = threading.Event()
    reader_done = threading.Event()
    results: dict[str, object] = {}

    def progress(done: int, total: int, path: str) -> None:
        if done == 100:  # the second batch (51–100) is read but not yet written
            paused_mid_batch.set()
            reader_done.wait(timeout=30)

    def worker() -> None:
        try:
            results["report"] = import_paths(index, [tmp_path / "in"], progress=progress, batch_size=50)
        except BaseException as exc:  # surfaced by the assertion below
            results["error"] = exc
        finally:
            index.close()

    thread = threading.Thread(target=worker)
    thread.start()
    assert paused_mid_batch.wait(timeout=30)
    try:
        seen_instances = count(index, "instance")
        [study] = search(index)
    finally:
        reader_done.set()
    thread.join(timeout=60)
    assert not thread.is_alive() and "error" not in results
    assert seen_instances == 50 and study.n_instances == 50  # first batch only, consistent across queries
    report = results["report"]
    assert isinstance(report, ImportReport) and report.added == 120
    assert search(index)[0].n_instances == 120


def test_two_importers_in_parallel_do_not_duplicate(index: StudyIndex, tmp_path: Path) -> None:
    write_study(tmp_path / "in", n_images=60)
    reports: list[ImportReport] = []

    def worker() -> None:
        reports.append(import_paths(index, [tmp_path / "in"], batch_size=10))
        index.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(report.added for report in reports) == 60
    assert all(report.failed == [] for report in reports)
    assert count(index, "instance") == 60


def test_open_write_transaction_does_not_block_readers(index: StudyIndex, tmp_path: Path) -> None:
    write_study(tmp_path / "in", n_images=3)
    import_paths(index, [tmp_path / "in"])
    writer = StudyIndex(index.db_path)  # a second object, so a second connection even in this thread
    try:
        with writer.transaction() as conn:
            conn.execute("DELETE FROM instance")
            assert count(index, "instance") == 3  # the reader sees the last commit, without waiting
            assert count(writer, "instance") == 0
        assert count(index, "instance") == 0
    finally:
        writer.close()

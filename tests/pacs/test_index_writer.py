"""Received instances land in the real study index (SQLite) via the background index writer."""

from __future__ import annotations

import time
from pathlib import Path

import pydicom
import pytest

from cxr_viewer.index import db
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.query import instances_of_study
from cxr_viewer.net.index_writer import IndexWriter
from cxr_viewer.net.nodes import DicomNode
from cxr_viewer.net.scp import StorageSCP
from cxr_viewer.net.send import send_files


def test_received_instances_are_indexed(tmp_path: Path, make_study) -> None:
    index = StudyIndex(tmp_path / "index.sqlite3")
    writer = IndexWriter(index)
    originals = make_study(5, name="Indexed^Ida")
    with StorageSCP(tmp_path / "store", "CXRSCP", 0, ["SENDER"], on_stored=writer) as scp:
        assert send_files("SENDER", DicomNode("CXRSCP", "127.0.0.1", scp.port), originals).ok
    report = writer.close()
    assert report.added == 5 and not report.failed
    study_uid = str(pydicom.dcmread(originals[0], stop_before_pixels=True).StudyInstanceUID)
    rows = instances_of_study(index, study_uid)
    assert sorted(row.path for row in rows) == sorted(scp.received.stored)
    assert {row.modality for row in rows} == {"CR"}


def test_writer_survives_a_batch_that_fails_and_indexes_the_next(
    tmp_path: Path, make_study, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)  # the writer's connection gives up on a lock after 0.2 s
    index = StudyIndex(tmp_path / "index.sqlite3")
    writer = IndexWriter(index)
    first, second = make_study(2)
    with index.transaction():  # another writer holds the index's write lock longer than the busy timeout
        writer(first)
        deadline = time.monotonic() + 10
        while not writer.report.failed and time.monotonic() < deadline:
            time.sleep(0.05)
    writer(second)
    report = writer.close()
    assert [(path, "database is locked" in reason) for path, reason in report.failed] == [(first, True)]
    assert report.added == 1
    assert [row.path for row in instances_of_study(index, str(pydicom.dcmread(second).StudyInstanceUID))] == [second]
    index.close()

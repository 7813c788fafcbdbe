"""Received instances land in the real study index (SQLite) via the background index writer."""

from __future__ import annotations

from pathlib import Path

import pydicom

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

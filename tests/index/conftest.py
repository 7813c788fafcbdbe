"""Fixtures for the study index tests: a real SQLite index in a temporary folder and real DICOM studies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydicom.uid import generate_uid

from cxr_viewer.index.db import StudyIndex
from tests.dicom_factory import make_cr


@pytest.fixture
def index(tmp_path: Path):
    study_index = StudyIndex(tmp_path / "index" / "studies.sqlite3")
    yield study_index
    study_index.close()


def write_study(folder: Path, n_images: int = 2, n_series: int = 1, **tags: Any) -> str:
    """Write one study of small CR images (``n_series`` series of ``n_images``); returns its Study Instance UID."""
    study_uid = tags.pop("StudyInstanceUID", None) or generate_uid()
    for series_number in range(1, n_series + 1):
        series_uid = generate_uid()
        for instance_number in range(1, n_images + 1):
            make_cr(
                folder / f"s{series_number}" / f"i{instance_number:04d}.dcm",
                rows=16,
                cols=16,
                StudyInstanceUID=study_uid,
                SeriesInstanceUID=series_uid,
                SeriesNumber=series_number,
                InstanceNumber=instance_number,
                **tags,
            )
    return study_uid


def count(index: StudyIndex, table: str) -> int:
    return int(index.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

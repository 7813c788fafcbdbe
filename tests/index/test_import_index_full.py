"""An import whose index cannot take more (disk full): it stops with SQLite's cause, keeps every batch stored before
and says how many, and importing again adds the rest.

``PRAGMA max_page_count`` on the importing connection makes SQLite answer exactly as on a full disk
(SQLITE_FULL, "database or disk is full"), which also rolls the transaction back on its own: the second ROLLBACK
that followed used to hide the cause behind "cannot rollback - no transaction is active"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.maintenance import verify

from .conftest import count, write_study


def _films(tmp_path: Path) -> Path:
    for patient in range(6):
        write_study(tmp_path / "films" / f"p{patient}", n_images=10, PatientName=f"Full^P{patient}",
                    PatientID=f"F{patient}")
    return tmp_path / "films"


def _fill_up(index: StudyIndex, spare_pages: int) -> None:
    pages = index.connection.execute("PRAGMA page_count").fetchone()[0]
    index.connection.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def test_a_full_index_stops_the_import_naming_the_cause(index: StudyIndex, tmp_path: Path) -> None:
    films = _films(tmp_path)
    _fill_up(index, 4)
    with pytest.raises(sqlite3.OperationalError, match="database or disk is full") as stopped:
        import_paths(index, [films], batch_size=10)
    assert "no transaction is active" not in str(stopped.value)
    assert 0 < count(index, "instance") < 60  # the batches before the full one are kept, whole
    assert verify(index) == []


def test_the_stopped_import_reports_what_was_kept_and_a_second_import_adds_the_rest(index: StudyIndex,
                                                                                    tmp_path: Path) -> None:
    from cxr_viewer.index.importer import ImportStopped

    films = _films(tmp_path)
    _fill_up(index, 4)
    with pytest.raises(ImportStopped) as stopped:
        import_paths(index, [films], batch_size=10)
    kept = count(index, "instance")
    report = stopped.value.report
    assert report.added == kept and report.failed == []  # the full index is not blamed on the files
    assert stopped.value.not_stored == 10 and f"{kept} files stored before were kept" in str(stopped.value)
    index.connection.execute("PRAGMA max_page_count = 1073741823")  # space freed
    again = import_paths(index, [films], batch_size=10)
    assert (again.unchanged, again.added, again.failed) == (kept, 60 - kept, [])

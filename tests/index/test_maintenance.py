"""Files that vanish after import are reported by verify() (with progress, and a cancel) and dropped by
forget_missing()."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cxr_viewer.index import maintenance
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import VerifyCancelled, forget_missing, mark_opened, search, verify

from .conftest import count, write_study


def test_vanished_files_are_reported_not_fatal(index: StudyIndex, tmp_path: Path) -> None:
    kept = write_study(tmp_path / "kept", n_images=2)
    gone = write_study(tmp_path / "gone", n_images=2)
    import_paths(index, [tmp_path])
    assert verify(index) == []
    (tmp_path / "gone" / "s1" / "i0001.dcm").unlink()
    shutil.rmtree(tmp_path / "kept" / "s1")
    (tmp_path / "kept" / "s1").mkdir()
    (tmp_path / "kept" / "s1" / "i0001.dcm").mkdir()  # a folder where the file was
    missing = verify(index)
    assert {(m.path.relative_to(tmp_path).as_posix(), m.study_uid) for m in missing} == {
        ("gone/s1/i0001.dcm", gone), ("kept/s1/i0001.dcm", kept), ("kept/s1/i0002.dcm", kept),
    }  # fmt: skip
    reasons = {m.path.relative_to(tmp_path).as_posix(): m.reason for m in missing}
    assert reasons["kept/s1/i0001.dcm"] == "path is no longer a file"
    assert reasons["gone/s1/i0001.dcm"] == "file no longer exists (moved or deleted)"


def test_forget_missing_removes_entries_and_empty_studies(index: StudyIndex, tmp_path: Path) -> None:
    kept = write_study(tmp_path / "kept", n_images=2)
    gone = write_study(tmp_path / "gone", n_images=1, PatientName="Gone^Patient", PatientID="G1")
    import_paths(index, [tmp_path])
    mark_opened(index, gone)
    shutil.rmtree(tmp_path / "gone")
    (tmp_path / "kept" / "s1" / "i0002.dcm").unlink()
    assert forget_missing(index) == 2
    assert [row.study_uid for row in search(index)] == [kept]
    assert (count(index, "patient"), count(index, "instance"), count(index, "recent")) == (1, 1, 0)
    assert verify(index) == []


def test_forget_keeps_files_that_came_back(index: StudyIndex, tmp_path: Path) -> None:
    write_study(tmp_path / "s", n_images=1)
    import_paths(index, [tmp_path])
    path = tmp_path / "s" / "s1" / "i0001.dcm"
    backup = path.read_bytes()
    path.unlink()
    missing = verify(index)
    path.write_bytes(backup)
    assert forget_missing(index, missing) == 0 and count(index, "instance") == 1


def test_verify_reports_progress_and_a_cancel_stops_it_early_with_nothing_to_forget(
    index: StudyIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_study(tmp_path / "s", n_images=5)
    import_paths(index, [tmp_path])
    (tmp_path / "s" / "s1" / "i0001.dcm").unlink()  # found missing before the cancel
    monkeypatch.setattr(maintenance, "PROGRESS_EVERY", 2)
    checked: list[Path] = []
    real_problem = maintenance._problem
    monkeypatch.setattr(maintenance, "_problem", lambda path: checked.append(path) or real_problem(path))
    progress: list[tuple[int, int]] = []
    with pytest.raises(VerifyCancelled) as stopped:
        verify(index, lambda done, total: progress.append((done, total)), lambda: len(checked) >= 3)
    assert (stopped.value.checked, stopped.value.total, stopped.value.missing_so_far) == (3, 5, 1)
    assert len(checked) == 3  # stopped early: the last two files were never looked at
    assert progress == [(0, 5), (2, 5)]
    assert count(index, "instance") == 5  # a cancelled check forgets nothing and hands out no partial list

    checked.clear()
    progress.clear()
    missing = verify(index, lambda done, total: progress.append((done, total)), lambda: False)
    assert len(checked) == 5 and [m.path.name for m in missing] == ["i0001.dcm"]
    assert progress == [(0, 5), (2, 5), (4, 5), (5, 5)]

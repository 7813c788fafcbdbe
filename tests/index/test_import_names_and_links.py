"""Importing folders whose names SQLite cannot store, and folders reached through symbolic links."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import instances_of_study, search
from tests.dicom_factory import make_cr

from .conftest import count


def latin1_path(folder: Path, name: bytes) -> Path:
    """A path whose last part is raw Latin-1 bytes, as Linux hands it to Python (lone surrogates)."""
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + name))
    try:
        path.touch()
        path.unlink()
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not valid UTF-8")
    return path


needs_posix_names = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs byte-string file names")


@needs_posix_names
def test_file_name_that_is_not_utf8_is_reported_and_the_rest_imports(index: StudyIndex, tmp_path: Path) -> None:
    folder = tmp_path / "cd"
    make_cr(folder / "a.dcm", rows=16, cols=16, PatientName="Alpha^A")
    bad = latin1_path(folder, b"R\xe9sum\xe9.dcm")
    make_cr(bad, rows=16, cols=16, PatientName="Latin^One")
    make_cr(folder / "z.dcm", rows=16, cols=16, PatientName="Zulu^Z")
    report = import_paths(index, [folder])
    assert report.added == 2
    assert [path for path, _ in report.failed] == [bad]
    reason = report.failed[0][1]
    assert "'R\\xe9sum\\xe9.dcm' is not valid UTF-8" in reason and "rename" in reason
    reason.encode("utf-8")  # the reason itself is printable, whatever the name
    assert sorted(study.patient_name for study in search(index)) == ["Alpha^A", "Zulu^Z"]
    again = import_paths(index, [folder])  # re-imports used to stop at the same file every time
    assert (again.unchanged, [path for path, _ in again.failed]) == (2, [bad])


@needs_posix_names
def test_folder_name_that_is_not_utf8_is_reported_once(index: StudyIndex, tmp_path: Path) -> None:
    root = tmp_path / "archive"
    make_cr(root / "good" / "1.dcm", rows=16, cols=16)
    bad_folder = latin1_path(root, b"M\xfcller")
    for k in range(3):
        make_cr(bad_folder / f"{k}.dcm", rows=16, cols=16)
    report = import_paths(index, [root])
    assert report.added == 1
    assert [path for path, _ in report.failed] == [bad_folder]
    assert "folder name 'M\\xfcller'" in report.failed[0][1] and "nothing under it was imported" in report.failed[0][1]
    named = import_paths(index, [bad_folder])  # naming it directly is refused the same way, without a crash
    assert (named.added, [path for path, _ in named.failed]) == (0, [bad_folder])


needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="needs symlinks")


@needs_symlinks
def test_symlinked_subfolder_is_imported(index: StudyIndex, tmp_path: Path) -> None:
    data, elsewhere = tmp_path / "data", tmp_path / "other-disk"
    make_cr(data / "local.dcm", rows=16, cols=16, PatientName="Local^One")
    make_cr(elsewhere / "study" / "linked.dcm", rows=16, cols=16, PatientName="Linked^Folder")
    (data / "linked").symlink_to(elsewhere, target_is_directory=True)
    report = import_paths(index, [data])
    assert (report.added, report.failed, report.duplicates) == (2, [], [])
    [linked] = search(index, "linked")
    [row] = instances_of_study(index, linked.study_uid)
    assert row.path == data / "linked" / "study" / "linked.dcm"  # the path the user sees, through the link


@needs_symlinks
def test_link_loops_and_second_links_are_walked_once(index: StudyIndex, tmp_path: Path) -> None:
    data = tmp_path / "data"
    for k in range(3):
        make_cr(data / "a" / f"{k}.dcm", rows=16, cols=16)
    (data / "a" / "back-to-top").symlink_to(data, target_is_directory=True)  # a loop
    (data / "0-latest").symlink_to(data / "a", target_is_directory=True)  # the same folder again, sorted first
    report = import_paths(index, [data])
    assert (report.added, report.failed, report.duplicates) == (3, [], [])
    assert count(index, "instance") == 3
    paths = [row[0] for row in index.connection.execute("SELECT path FROM instance ORDER BY path")]
    assert paths == [str(data / "a" / f"{k}.dcm") for k in range(3)]  # filed under the real folder, not the link

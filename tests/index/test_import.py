"""Importing real DICOM files and plain images: counts, re-import, moves, bad files, cancel, DICOMDIR."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import numpy as np
import pydicom
import pytest
import SimpleITK as sitk
from PIL import Image
from pydicom.fileset import FileSet

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import instances_of_study, search
from cxr_viewer.index.records import uid_from_path
from tests.dicom_factory import make_cr, make_sr

from .conftest import count, write_study


def test_import_folder_builds_the_hierarchy(index: StudyIndex, tmp_path: Path) -> None:
    study_uid = write_study(tmp_path / "in", n_images=3, n_series=2, PatientName="Doe^Jane", PatientID="P-7")
    seen: list[tuple[int, int, str]] = []
    report = import_paths(index, [tmp_path / "in"], progress=lambda d, t, p: seen.append((d, t, p)))
    assert (report.added, report.updated, report.unchanged, report.failed) == (6, 0, 0, [])
    assert [(done, total) for done, total, _ in seen] == [(k, 6) for k in range(1, 7)]
    assert (count(index, "patient"), count(index, "study"), count(index, "series")) == (1, 1, 2)
    row = index.connection.execute("SELECT * FROM instance ORDER BY path LIMIT 1").fetchone()
    first = tmp_path / "in" / "s1" / "i0001.dcm"
    assert row["path"] == str(first) and row["file_size"] == first.stat().st_size
    assert (row["rows"], row["cols"], row["photometric"], row["source"]) == (16, 16, "MONOCHROME2", "dicom")
    assert [study.study_uid for study in search(index, "jane")] == [study_uid]


def test_reimport_adds_nothing_and_moved_file_gets_new_path(index: StudyIndex, tmp_path: Path) -> None:
    study_uid = write_study(tmp_path / "a", n_images=2)
    import_paths(index, [tmp_path / "a"])
    again = import_paths(index, [tmp_path / "a"])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    with index.transaction() as conn:
        conn.execute("UPDATE instance SET thumbnail = x'89'")
    shutil.move(tmp_path / "a" / "s1" / "i0002.dcm", tmp_path / "moved.dcm")
    moved = import_paths(index, [tmp_path / "moved.dcm"])
    assert (moved.added, moved.updated) == (0, 1)
    assert count(index, "instance") == 2
    thumbs = index.connection.execute("SELECT COUNT(*) FROM instance WHERE thumbnail IS NOT NULL").fetchone()[0]
    assert thumbs == 2  # a move keeps size and mtime, so the stored thumbnail still holds
    edited = tmp_path / "a" / "s1" / "i0001.dcm"
    edited.write_bytes(edited.read_bytes() + b"\0\0")  # rewritten in place: re-read, old thumbnail dropped
    assert import_paths(index, [edited]).updated == 1
    thumbs = index.connection.execute("SELECT path FROM instance WHERE thumbnail IS NULL").fetchall()
    assert [row[0] for row in thumbs] == [str(edited)]
    paths = {row.path for row in instances_of_study(index, study_uid)}
    assert paths == {tmp_path / "a" / "s1" / "i0001.dcm", tmp_path / "moved.dcm"}


def test_copy_of_an_indexed_file_is_reported_as_duplicate(index: StudyIndex, tmp_path: Path) -> None:
    original = make_cr(tmp_path / "one.dcm", rows=16, cols=16)
    import_paths(index, [original])
    copy = Path(shutil.copy(original, tmp_path / "copy.dcm"))
    report = import_paths(index, [copy])
    assert report.added == 0 and report.duplicates == [(copy, original)]
    assert index.connection.execute("SELECT path FROM instance").fetchall()[0][0] == str(original)


def test_file_overwritten_by_another_instance_replaces_the_old_entry(index: StudyIndex, tmp_path: Path) -> None:
    path = make_cr(tmp_path / "x.dcm", rows=16, cols=16, PatientName="Old^One")
    import_paths(index, [path])
    make_cr(path, rows=16, cols=20, PatientName="New^One")
    report = import_paths(index, [path])
    assert report.added == 1
    assert [s.patient_name for s in search(index)] == ["New^One"]  # the old study was left empty and pruned
    assert count(index, "instance") == 1 and count(index, "patient") == 1


@pytest.mark.filterwarnings("ignore:End of file reached before delimiter")
def test_bad_files_are_recorded_and_the_rest_imported(index: StudyIndex, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    write_study(folder, n_images=3)
    (folder / "garbage.dcm").write_bytes(b"\x00" * 128 + b"DICM" + b"\xff" * 40)
    (folder / "notes.txt").write_text("not an image")
    good = (folder / "s1" / "i0002.dcm").read_bytes()
    (folder / "truncated.dcm").write_bytes(good[:200])
    make_sr(folder / "report.dcm")
    make_cr(folder / "no_uid.dcm", rows=16, cols=16, SeriesInstanceUID=None)
    (folder / ".hidden.dcm").write_bytes(b"ignored")
    report = import_paths(index, [folder, tmp_path / "does-not-exist"])
    assert report.added == 3
    reasons = {path.name: reason for path, reason in report.failed}
    assert set(reasons) == {"garbage.dcm", "notes.txt", "truncated.dcm", "report.dcm", "no_uid.dcm", "does-not-exist"}
    assert reasons["garbage.dcm"] == "DICOM header lacks StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID"
    assert reasons["truncated.dcm"].startswith("truncated file")
    assert "not a DICOM file" in reasons["notes.txt"]
    assert "not an image" in reasons["report.dcm"]
    assert "SeriesInstanceUID" in reasons["no_uid.dcm"]
    assert reasons["does-not-exist"] == "no such file or folder"


def test_cancel_mid_import_commits_whole_files_only(index: StudyIndex, tmp_path: Path) -> None:
    write_study(tmp_path / "big", n_images=30)
    progress: list[int] = []
    report = import_paths(
        index, [tmp_path / "big"], progress=lambda d, t, p: progress.append(d),
        cancelled=lambda: len(progress) >= 12, batch_size=5,
    )  # fmt: skip
    assert report.cancelled and report.added == 12
    assert count(index, "instance") == 12
    assert index.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert index.connection.execute("PRAGMA foreign_key_check").fetchall() == []
    rest = import_paths(index, [tmp_path / "big"])
    assert (rest.added, rest.unchanged, rest.cancelled) == (18, 12, False)


def test_dicomdir_imports_the_files_it_lists(index: StudyIndex, tmp_path: Path) -> None:
    sources = [make_cr(tmp_path / "src" / f"{k}.dcm", rows=16, cols=16, InstanceNumber=k) for k in (1, 2, 3)]
    fileset = FileSet()
    for source in sources[:2]:
        fileset.add(pydicom.dcmread(source))
    fileset.write(tmp_path / "media")
    report = import_paths(index, [tmp_path / "media" / "DICOMDIR"])
    assert (report.added, report.failed) == (2, [])
    folder_report = import_paths(index, [tmp_path / "media"])  # the DICOMDIR itself is not a failure
    assert (folder_report.unchanged, folder_report.failed) == (2, [])


def test_plain_images_become_one_pseudo_study_per_folder(index: StudyIndex, tmp_path: Path) -> None:
    folder = tmp_path / "jpegs"
    folder.mkdir()
    Image.fromarray(np.full((256, 300), 90, np.uint8)).save(folder / "a.png")  # at least 256 px: not an icon
    Image.fromarray(np.zeros((270, 260, 3), np.uint8)).save(folder / "b.jpg")
    sitk.WriteImage(sitk.GetImageFromArray(np.zeros((8, 9), np.float32)), str(folder / "c.nrrd"))
    sitk.WriteImage(sitk.GetImageFromArray(np.zeros((4, 8, 9), np.int16)), str(folder / "volume.nii.gz"))
    (folder / "broken.png").write_bytes(b"\x89PNG not really")
    report = import_paths(index, [folder])
    assert report.added == 3
    assert {path.name for path, _ in report.failed} == {"volume.nii.gz", "broken.png"}
    [study] = search(index)
    assert study.study_uid == uid_from_path("study", folder) and study.modality == "OT"
    rows = instances_of_study(index, study.study_uid)
    shapes = {row.path.name: (row.rows, row.cols, row.photometric) for row in rows}
    assert shapes == {"a.png": (256, 300, "MONOCHROME2"), "b.jpg": (270, 260, "RGB"), "c.nrrd": (8, 9, "MONOCHROME2")}
    assert import_paths(index, [folder]).unchanged == 3


def test_index_files_inside_the_imported_folder_are_skipped(tmp_path: Path) -> None:
    study_index = StudyIndex(tmp_path / "studies.sqlite3")
    make_cr(tmp_path / "one.dcm", rows=16, cols=16)
    report = import_paths(study_index, [tmp_path])
    assert (report.added, report.failed) == (1, [])
    study_index.close()


def test_content_hash_is_stored_on_request(index: StudyIndex, tmp_path: Path) -> None:
    path = make_cr(tmp_path / "h.dcm", rows=16, cols=16)
    import_paths(index, [path])
    assert index.connection.execute("SELECT content_hash FROM instance").fetchone()[0] is None
    os.utime(path, (1_000_000_000, 1_000_000_000))
    import_paths(index, [path], hash_contents=True)
    stored = index.connection.execute("SELECT content_hash FROM instance").fetchone()[0]
    assert stored == hashlib.sha256(path.read_bytes()).hexdigest()


def test_move_is_recognised_even_when_the_old_path_holds_a_new_file(index: StudyIndex, tmp_path: Path) -> None:
    old_place = make_cr(tmp_path / "a.dcm", rows=16, cols=16, PatientName="First^Image")
    import_paths(index, str(old_place))  # a single path is accepted as well as a list
    shutil.move(old_place, tmp_path / "b.dcm")
    make_cr(old_place, rows=16, cols=16, PatientName="Second^Image")
    moved = import_paths(index, [tmp_path / "b.dcm"])
    assert (moved.updated, moved.duplicates) == (1, [])
    assert import_paths(index, [old_place]).added == 1
    names = {row.patient_name: row.study_uid for row in search(index)}
    assert set(names) == {"First^Image", "Second^Image"}
    assert [row.path for row in instances_of_study(index, names["First^Image"])] == [tmp_path / "b.dcm"]


def test_file_overwritten_by_a_copy_of_another_indexed_file_loses_its_old_entry(
    index: StudyIndex, tmp_path: Path
) -> None:
    first = make_cr(tmp_path / "a.dcm", rows=16, cols=16, PatientName="Alpha^Ann")
    second = make_cr(tmp_path / "b.dcm", rows=16, cols=16, PatientName="Beta^Bob")
    import_paths(index, [tmp_path])
    shutil.copyfile(second, first)  # a.dcm now holds Beta's image: a duplicate, and no longer Alpha's film
    os.utime(first, (1_000_000_000, 1_000_000_000))
    report = import_paths(index, [first])
    assert report.duplicates == [(first, second)]
    [study] = search(index)
    assert study.patient_name == "Beta^Bob"  # Alpha's study pointed only at a.dcm: gone, not showing Beta's film
    assert [row.path for row in instances_of_study(index, study.study_uid)] == [second]


@pytest.mark.filterwarnings("ignore:Invalid value for VR IS")
def test_out_of_range_integer_tag_is_treated_as_absent(index: StudyIndex, tmp_path: Path) -> None:
    write_study(tmp_path / "in", n_images=2)
    bad = make_cr(tmp_path / "in" / "bad.dcm", rows=16, cols=16, InstanceNumber="1e30", SeriesNumber="-3000000000")
    report = import_paths(index, [tmp_path / "in"])
    assert (report.added, report.failed) == (3, [])
    row = index.connection.execute("SELECT * FROM instance WHERE path = ?", (str(bad),)).fetchone()
    assert row["instance_number"] is None


def test_instance_the_database_refuses_fails_alone_and_the_batch_is_kept(index: StudyIndex, tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        make_cr(tmp_path / "in" / f"{name}.dcm", rows=16, cols=16, PatientName=f"{name.upper()}^Patient")
    with index.transaction() as conn:  # stands in for any row SQLite refuses (constraint, value it cannot bind)
        conn.execute(
            "CREATE TRIGGER refuse_b BEFORE INSERT ON instance WHEN NEW.path LIKE '%b.dcm'"
            " BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
        )
    report = import_paths(index, [tmp_path / "in"])
    assert report.added == 2
    assert [(path.name, "refused by test" in reason) for path, reason in report.failed] == [("b.dcm", True)]
    assert sorted(row.patient_name for row in search(index)) == ["A^Patient", "C^Patient"]
    assert count(index, "patient") == 2  # b's patient row went with its savepoint

"""What opening a folder lists and what it leaves out, read from real files (Qt-free: ``core.open_scan``)."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pydicom
from pydicom.fileset import FileSet

from cxr_viewer.core.discovery import find_image_files
from cxr_viewer.core.open_scan import scan_paths
from tests.dicom_factory import make_cr, make_sr, new_dataset, save, set_pixels


def _non_images(folder):
    """A key object selection, a presentation state and a segmentation (with pixels): no films."""
    for name, uid in (("ko", "1.2.840.10008.5.1.4.1.1.88.59"), ("pr", "1.2.840.10008.5.1.4.1.1.11.1")):
        save(new_dataset(uid, name.upper()), folder / f"{name}.dcm")
    seg = new_dataset("1.2.840.10008.5.1.4.1.1.66.4", "SEG")
    set_pixels(seg, np.zeros((8, 8), np.uint8), 8, "MONOCHROME2")
    save(seg, folder / "seg.dcm")
    make_sr(folder / "sr.dcm")


def test_a_mixed_folder_lists_its_films_and_names_everything_else_once(tmp_path):
    films = [make_cr(tmp_path / f"film{k}.dcm", rows=8, cols=8, seed=k, InstanceNumber=k + 1) for k in range(2)]
    (tmp_path / "empty.dcm").write_bytes(b"")
    (tmp_path / "notes.dcm").write_text("not DICOM at all\n" * 10)
    (tmp_path / "garbage.dcm").write_bytes(b"\0" * 128 + b"DICM" + np.random.default_rng(0).bytes(400))
    _non_images(tmp_path)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = scan_paths([tmp_path])
    assert [h.path for h in found.films] == [f.resolve() for f in films]
    reasons = {os.path.basename(line.split(":")[0]): line.split(": ", 1)[1] for line in found.left_out}
    assert len(found.left_out) == len(reasons) == 7  # each once
    assert reasons["empty.dcm"] == "file is empty (0 bytes)"
    assert reasons["notes.dcm"] == "not a DICOM file or a supported image format"
    assert reasons["garbage.dcm"].startswith("damaged: the 'DICM' mark is there but no readable DICOM header")
    assert reasons["ko.dcm"].startswith("not an image (SOP class Key Object Selection Document Storage")
    assert reasons["pr.dcm"].startswith("not an image (SOP class Grayscale Softcopy Presentation State")
    assert reasons["seg.dcm"].startswith("not an image (SOP class Segmentation Storage")
    assert reasons["sr.dcm"].startswith("not an image (SOP class Basic Text SR Storage")


def test_hidden_files_and_folders_are_not_searched(tmp_path):
    """A USB stick's trash holds studies the user deleted; a hidden file given by name still opens."""
    film = make_cr(tmp_path / "IM0001", rows=8, cols=8)
    deleted = make_cr(tmp_path / ".Trash-1000" / "files" / "old.dcm", rows=8, cols=8)
    hidden = make_cr(tmp_path / ".hidden.dcm", rows=8, cols=8)
    assert find_image_files([tmp_path]) == [film.resolve()]
    assert find_image_files([hidden]) == [hidden.resolve()] and deleted.exists()


def _media(tmp_path, count=3):
    sources = [make_cr(tmp_path / "src" / f"{k}.dcm", rows=8, cols=8, seed=k) for k in range(count)]
    file_set = FileSet()
    for source in sources:
        file_set.add(pydicom.dcmread(source))
    file_set.write(tmp_path / "cd")
    return tmp_path / "cd"


def test_a_dicomdir_finds_its_files_when_the_disk_names_them_in_lower_case(tmp_path):
    """ISO 9660 CDs are written in upper case and often mounted in lower case (Linux ``map=normal``)."""
    media = _media(tmp_path)
    for path in sorted(media.rglob("*"), key=lambda p: -len(p.parts)):
        if path.name != "DICOMDIR":
            path.rename(path.with_name(path.name.lower()))
    found = find_image_files([media / "DICOMDIR"])
    assert len(found) == 3 and all(path.name == "im000000" for path in found)


def test_files_a_dicomdir_lists_but_the_disk_lacks_are_named(tmp_path):
    media = _media(tmp_path)
    gone = sorted(media.rglob("IM*"))[0]
    gone.unlink()
    found = scan_paths([media / "DICOMDIR"])
    assert len(found.films) == 2
    assert found.left_out == [f"{gone}: listed in {media / 'DICOMDIR'} but not on disk"]
    (media / "DICOMDIR").write_bytes(b"not a DICOMDIR")
    assert "cannot read this DICOMDIR" in scan_paths([media / "DICOMDIR"]).left_out[0]


def test_films_come_in_reading_order_newest_study_first_series_and_instances_by_number(tmp_path):
    """File names say nothing: Instance 10 after 2 (not as text), series 1 before 2, the newer study first."""
    def film(name, date, study, series, number, seed):
        return make_cr(tmp_path / name, rows=8, cols=8, seed=seed, PatientID="P1", StudyDate=date,
                       StudyInstanceUID=study, SeriesInstanceUID=f"{study}.{series}", SeriesNumber=series,
                       InstanceNumber=number)

    old = film("a.dcm", "20230101", "1.9.1", 1, 1, 0)
    lateral = film("b.dcm", "20240301", "1.9.2", 2, 1, 1)
    pa_10 = film("c.dcm", "20240301", "1.9.2", 1, 10, 2)
    pa_2 = film("d.dcm", "20240301", "1.9.2", 1, 2, 3)
    found = scan_paths([tmp_path])
    assert [h.path.name for h in found.films] == [p.name for p in (pa_2, pa_10, lateral, old)]
    given_order = scan_paths([old, tmp_path / "b.dcm"])  # files given one by one keep the order given
    assert [h.path.name for h in given_order.films] == ["a.dcm", "b.dcm"]


def test_the_same_file_twice_is_listed_once_and_two_files_of_one_image_are_both_said(tmp_path):
    film = make_cr(tmp_path / "a" / "film.dcm", rows=8, cols=8)
    (tmp_path / "b").mkdir()
    shutil.copy(film, tmp_path / "b" / "copy.dcm")
    found = scan_paths([tmp_path, film, tmp_path / "a"])  # the same file given three ways
    assert [h.path for h in found.films] == [film.resolve()]
    assert found.left_out == [f"{(tmp_path / 'b' / 'copy.dcm').resolve()}: a copy of {film.resolve()} "
                              "(same SOP Instance UID and size), which is listed"]
    ds = pydicom.dcmread(film)
    ds.PatientName = "Test^Patient^Longer"  # another file of the same image: not the same bytes
    ds.save_as(tmp_path / "b" / "copy.dcm")
    found = scan_paths([tmp_path])
    assert len(found.films) == 2 and not found.left_out and "hold the same image" in found.notes[0]

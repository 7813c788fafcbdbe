"""What the index takes from a folder: bare DICOM data sets the viewer opens, old ACR-NEMA dates, and what it
leaves out on purpose (the icons and logos of a patient CD's viewer software)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pydicom
from PIL import Image
from pydicom.dataset import Dataset
from pydicom.fileset import FileSet
from pydicom.uid import ComputedRadiographyImageStorage, generate_uid

from cxr_viewer.core.loader import load_image
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import instances_of_study, search
from cxr_viewer.index.rows import parse_da
from tests.dicom_factory import make_cr

from .conftest import count


def write_bare(path: Path, ds: Dataset, implicit_vr: bool = True) -> Path:
    """The data set alone, without the 128-byte preamble, 'DICM' and file meta (as pre-Part 10 systems wrote)."""
    ds = ds.copy()
    if hasattr(ds, "file_meta"):
        del ds.file_meta
    ds.preamble = None
    path.parent.mkdir(parents=True, exist_ok=True)
    pydicom.dcmwrite(path, ds, enforce_file_format=False, implicit_vr=implicit_vr, little_endian=True)
    assert path.read_bytes()[128:132] != b"DICM"
    return path


def test_dicom_without_preamble_is_indexed_like_the_viewer_opens_it(index: StudyIndex, tmp_path: Path) -> None:
    source = pydicom.dcmread(make_cr(tmp_path / "src" / "full.dcm", rows=16, cols=24, PatientName="Bare^Implicit"))
    implicit = write_bare(tmp_path / "in" / "IM000001", source)
    source.PatientName, source.StudyInstanceUID, source.SeriesInstanceUID = "Bare^Explicit", generate_uid(), generate_uid()
    source.SOPInstanceUID = generate_uid()
    explicit = write_bare(tmp_path / "in" / "IM000002.dcm", source, implicit_vr=False)
    for path in (implicit, explicit):
        assert load_image(path).stored.shape == (16, 24)  # the viewer opens both
    report = import_paths(index, [tmp_path / "in"])
    assert (report.added, report.failed) == (2, [])
    assert sorted(study.patient_name for study in search(index)) == ["Bare^Explicit", "Bare^Implicit"]
    [implicit_study] = search(index, "implicit")
    [row] = instances_of_study(index, implicit_study.study_uid)
    assert (row.path, row.rows, row.cols, row.source) == (implicit, 16, 24, "dicom")


def test_bare_files_that_are_not_images_are_still_refused(index: StudyIndex, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notes.txt").write_text("not an image, not DICOM")
    (folder / "zeros.dcm").write_bytes(bytes(1000))
    (folder / "noise.bin").write_bytes(np.random.default_rng(0).integers(0, 256, 4096, np.uint8).tobytes())
    names_only = Dataset()
    names_only.PatientName, names_only.PatientID = "Just^Names", "X1"
    write_bare(folder / "names_only.dcm", names_only)  # parses with force, but has no SOP class and no Rows
    no_uids = Dataset()
    no_uids.SOPClassUID, no_uids.Rows, no_uids.Columns = ComputedRadiographyImageStorage, 16, 16
    write_bare(folder / "no_uids.dcm", no_uids)
    report = import_paths(index, [folder])
    reasons = {path.name: reason for path, reason in report.failed}
    assert report.added == 0 and set(reasons) == {"notes.txt", "zeros.dcm", "noise.bin", "names_only.dcm", "no_uids.dcm"}
    for name in ("notes.txt", "zeros.dcm", "noise.bin", "names_only.dcm"):
        assert reasons[name].startswith("not a DICOM file"), (name, reasons[name])
    assert reasons["no_uids.dcm"].startswith("truncated or damaged file: it ends at byte 54 with no image data")
    assert count(index, "study") == 0


def write_png(path: Path, rows: int, cols: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((rows, cols, 3), 200, np.uint8)).save(path)
    return path


def test_patient_cd_viewer_icons_are_skipped_not_filed_as_patients(index: StudyIndex, tmp_path: Path) -> None:
    cd = tmp_path / "cd"
    make_cr(cd / "DICOM" / "PA000000" / "ST000000" / "IM000000", rows=16, cols=16, PatientName="Cd^Patient")
    icons = [write_png(cd / "Viewer" / "icons" / f"{name}.png", 16, 16) for name in ("pan", "wl", "zoom")]
    logo = cd / "Viewer" / "help" / "img" / "logo.jpg"
    logo.parent.mkdir(parents=True)
    Image.fromarray(np.zeros((60, 400, 3), np.uint8)).save(logo)  # a banner: wide, but 60 px high
    report = import_paths(index, [cd])
    assert (report.added, report.failed) == (1, [])
    assert sorted(path for path, _ in report.skipped) == sorted([*icons, logo])
    assert "400×60 pixels" in dict(report.skipped)[logo] and "icon or logo" in dict(report.skipped)[logo]
    assert [study.patient_name for study in search(index)] == ["Cd^Patient"]
    assert "4 skipped as not radiographs" in report.summary()
    everything = import_paths(index, [cd / "Viewer"], min_plain_side=0)  # the rule can be switched off
    assert everything.added == 4 and everything.skipped == []


def test_plain_images_on_dicom_media_are_skipped_whatever_their_size(index: StudyIndex, tmp_path: Path) -> None:
    media = tmp_path / "media"
    fileset = FileSet()
    fileset.add(pydicom.dcmread(make_cr(tmp_path / "src" / "1.dcm", rows=16, cols=16, PatientName="Media^Patient")))
    fileset.write(media)
    splash = write_png(media / "VIEWER" / "splash.png", 400, 600)  # big enough to pass the size rule
    report = import_paths(index, [media])
    assert (report.added, report.failed) == (1, [])
    assert [path for path, _ in report.skipped] == [splash]
    assert "DICOM media" in report.skipped[0][1]
    assert [study.patient_name for study in search(index)] == ["Media^Patient"]


def test_folder_of_png_and_jpeg_radiographs_still_imports(index: StudyIndex, tmp_path: Path) -> None:
    folder = tmp_path / "jsrt"
    write_png(folder / "JPCLN001.png", 512, 512)
    write_png(folder / "JPCLN002.png", 256, 400)  # exactly the limit on the short side
    small = write_png(folder / "thumb.png", 255, 400)
    Image.fromarray(np.zeros((300, 300), np.uint8)).save(folder / "JPCLN003.jpg")
    report = import_paths(index, [folder])
    assert (report.added, report.failed, [path for path, _ in report.skipped]) == (3, [], [small])
    [study] = search(index)
    assert study.patient_name == "jsrt" and study.n_instances == 3


def test_acr_nema_dates_are_normalised_at_import(index: StudyIndex, tmp_path: Path) -> None:
    make_cr(tmp_path / "old.dcm", rows=16, cols=16, PatientName="Old^Date", StudyDate="2024.01.05",
            PatientBirthDate="1950.12.31")  # fmt: skip
    make_cr(tmp_path / "new.dcm", rows=16, cols=16, PatientName="New^Date", StudyDate="20240301")
    assert import_paths(index, [tmp_path]).added == 2
    rows = {study.patient_name: study.study_date for study in search(index)}
    assert rows == {"New^Date": dt.date(2024, 3, 1), "Old^Date": dt.date(2024, 1, 5)}
    assert [s.patient_name for s in search(index, date_from="2024-01-05", date_to="2024-01-05")] == ["Old^Date"]
    assert [s.patient_name for s in search(index)] == ["New^Date", "Old^Date"]  # newest first, as dates
    stored = index.connection.execute(
        "SELECT st.study_date, p.birth_date FROM study st JOIN patient p ON p.id = st.patient_ref"
        " WHERE p.patient_name = 'Old^Date'"
    ).fetchone()
    assert tuple(stored) == ("20240105", "19501231")


def test_parse_da_reads_both_forms_and_refuses_the_rest() -> None:
    assert parse_da("20240105") == parse_da("2024.01.05") == parse_da(" 2024.01.05 ") == dt.date(2024, 1, 5)
    assert parse_da("2024.13.05") is None and parse_da("2024-01-05x") is None and parse_da("") is None

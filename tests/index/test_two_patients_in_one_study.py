"""Files of two patients that share a Study Instance UID (a misfiled or badly anonymised study, a merge gone wrong).

Before, the study was filed under whichever patient's file was read last: the other patient's film was listed, and
opened, under the wrong name, and searching for that patient found nothing. Now a file whose PatientID differs from
the one the study is filed under, while files of that study are still in place, is not indexed and is reported with
both patients; a patient corrected in place (every file rewritten) still moves the study."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydicom

from cxr_viewer.index.cli import main
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import instances_of_study, search
from tests.dicom_factory import make_cr

STUDY = "1.2.826.0.1.3680043.10.1.77"


def _film(path: Path, patient_id: str, name: str) -> Path:
    return make_cr(path, rows=16, cols=16, StudyInstanceUID=STUDY, PatientID=patient_id, PatientName=name)


def test_a_second_patients_file_in_a_study_is_reported_not_filed_under_the_first(index: StudyIndex,
                                                                                 tmp_path: Path) -> None:
    _film(tmp_path / "a.dcm", "A1", "Alpha^Ann")
    _film(tmp_path / "b.dcm", "B2", "Beta^Ben")
    report = import_paths(index, [tmp_path])
    assert report.added == 1
    [(path, reason)] = report.failed
    assert path.name == "b.dcm"
    assert "B2" in reason and "A1" in reason and "a.dcm" in reason
    [row] = search(index)
    assert (row.patient_id, row.patient_name, row.n_instances) == ("A1", "Alpha^Ann", 1)
    assert [i.path.name for i in instances_of_study(index, STUDY)] == ["a.dcm"]
    assert search(index, "beta") == []  # never listed under Alpha's name either
    again = import_paths(index, [tmp_path])
    assert [p.name for p, _ in again.failed] == ["b.dcm"] and again.unchanged == 1


def test_the_other_patient_is_taken_once_the_first_patients_files_are_gone(index: StudyIndex, tmp_path: Path) -> None:
    _film(tmp_path / "a" / "a.dcm", "A1", "Alpha^Ann")
    _film(tmp_path / "b" / "b.dcm", "B2", "Beta^Ben")
    import_paths(index, [tmp_path / "a"])
    shutil.rmtree(tmp_path / "a")
    report = import_paths(index, [tmp_path / "b"])
    assert report.failed == [] and report.added == 1
    assert {row.patient_id for row in search(index)} == {"B2"}


def test_a_patient_corrected_in_every_file_moves_the_study(index: StudyIndex, tmp_path: Path) -> None:
    files = [_film(tmp_path / f"im{n}.dcm", "WRONG-1", "Wrong^Walter") for n in range(3)]
    import_paths(index, [tmp_path])
    for path in files:  # the PACS administrator's fix: the same images, the right patient, written in place
        ds = pydicom.dcmread(path)
        ds.PatientID, ds.PatientName = "RIGHT-2", "Right^Rosa"
        ds.save_as(path)
    report = import_paths(index, [tmp_path])
    assert report.failed == [] and report.updated == 3
    [row] = search(index)
    assert (row.patient_id, row.patient_name, row.n_instances) == ("RIGHT-2", "Right^Rosa", 3)


def test_a_file_without_a_patient_id_stays_with_the_study(index: StudyIndex, tmp_path: Path) -> None:
    _film(tmp_path / "a.dcm", "A1", "Alpha^Ann")
    _film(tmp_path / "b.dcm", "", "")
    assert import_paths(index, [tmp_path]).failed == []
    [row] = search(index)
    assert (row.patient_id, row.n_instances) == ("A1", 2)


def test_the_command_line_lists_the_file_and_exits_3(tmp_path: Path, capsys) -> None:
    _film(tmp_path / "films" / "a.dcm", "A1", "Alpha^Ann")
    _film(tmp_path / "films" / "b.dcm", "B2", "Beta^Ben")
    assert main(["--index", str(tmp_path / "ix.sqlite3"), "import", str(tmp_path / "films")]) == 3
    err = capsys.readouterr().err
    assert "not imported:" in err and "b.dcm" in err and "A1" in err

"""A film listed under two case ids, and cases of one patient, as a coordinator assembling a case list makes them.

The case list took the same image under two ids (and a copy of one DICOM under another file name) without a word:
every reader read the film twice and the MRMC analysis counted it as two independent cases. Two films of one
patient passed silently too, though the case jackknife then understates the variance.
"""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import StudyError, load_study


def _rows(study_file: Path) -> list[str]:
    return (study_file.parent / "cases.csv").read_text().splitlines()


def _write_rows(study_file: Path, rows: list[str]) -> None:
    (study_file.parent / "cases.csv").write_text("\n".join(rows) + "\n")


def _dicom_row(study_file: Path) -> tuple[str, str]:
    """The case id and the row of the demo's scored DICOM case."""
    row = next(r for r in _rows(study_file)[1:] if ".dcm," in r and not r.endswith(",yes"))
    return row.split(",")[0], row


def test_the_same_image_under_two_case_ids_is_a_problem(roc_study_file: Path):
    case_id, row = _dicom_row(roc_study_file)
    rows = _rows(roc_study_file)
    _write_rows(roc_study_file, rows + [row.replace(case_id, "TWICE", 1)])
    with pytest.raises(StudyError) as caught:
        load_study(roc_study_file)
    assert caught.value.problems == [
        f"cases.csv line {len(rows) + 1}, case TWICE: same image as case {case_id} (line {rows.index(row) + 1}): "
        "a film listed twice is read twice and counted as two cases"]


def test_a_copy_of_a_dicom_under_another_name_is_the_same_film(roc_study_file: Path):
    case_id, row = _dicom_row(roc_study_file)
    image = row.split(",")[1]
    copy = roc_study_file.parent / "copy_of_film.dcm"
    copy.write_bytes((roc_study_file.parent / image).read_bytes())
    _write_rows(roc_study_file, _rows(roc_study_file) + [row.replace(case_id, "COPY", 1).replace(image, copy.name)])
    with pytest.raises(StudyError) as caught:
        load_study(roc_study_file)
    assert len(caught.value.problems) == 1
    assert f"case COPY: same DICOM SOP Instance UID as case {case_id}" in caught.value.problems[0]


def test_two_cases_of_one_patient_pass_with_a_warning(roc_study_file: Path, capsys):
    pair = [r.split(",")[:2] for r in _rows(roc_study_file)[1:] if ".dcm," in r and not r.endswith(",yes")][:2]
    assert len(pair) == 2
    for _, image in pair:  # a follow-up film of the same patient
        film = pydicom.dcmread(roc_study_file.parent / image)
        film.PatientID = "PAT-7"
        film.save_as(roc_study_file.parent / image)
    assert main(["validate", str(roc_study_file)]) == 0
    out = capsys.readouterr().out
    assert f"warning: cases {pair[0][0]}, {pair[1][0]} are one patient (Patient ID 'PAT-7')" in out
    film = pydicom.dcmread(roc_study_file.parent / pair[0][1])
    film.PatientID = "  "
    film.save_as(roc_study_file.parent / pair[0][1])
    assert load_study(roc_study_file).case(pair[0][0]).patient_id is None  # blank names nobody
    assert main(["validate", str(roc_study_file)]) == 0
    assert "one patient" not in capsys.readouterr().out

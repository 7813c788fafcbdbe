"""The study file or case list edited once reading has begun, as a coordinator may: every output must agree on
which reads count and say why a reader's reads are missing.

An arm dropped from ``arms`` kept its reads in the long CSV export (the report and the iMRMC export left them
out), so a statistician loading the CSV analysed a modality the report did not have. A case added to the case
list after a reader's session started is never shown to that reader (a session keeps the order drawn at its
start), yet ``status`` said "25/25 read, finished" and the report blamed "unfinished sessions".
"""

from __future__ import annotations

import csv

import pydicom
from pydicom.uid import generate_uid

from cxr_reader_study.cli import main
from cxr_reader_study.simulate import main as simulate


def _rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_an_arm_dropped_from_the_study_file_is_left_out_of_the_long_export(roc_study_file, tmp_path, capsys):
    assert simulate([str(roc_study_file), "--override-washout"]) == 0
    text = roc_study_file.read_text()
    assert 'arms = ["unaided", "aided"]' in text
    roc_study_file.write_text(text.replace('arms = ["unaided", "aided"]', 'arms = ["unaided"]'))
    long_csv, imrmc = tmp_path / "ratings.csv", tmp_path / "ratings.imrmc"
    assert main(["export", str(roc_study_file), "--out", str(long_csv)]) == 0
    assert main(["export", str(roc_study_file), "--format", "imrmc", "--out", str(imrmc)]) == 0
    said = capsys.readouterr().out
    rows = _rows(long_csv)
    assert {row["modality"] for row in rows} == {"unaided"}
    assert f"wrote {len(rows)} final-read ratings to {long_csv}" in said
    assert f"wrote {len(rows)} final-read ratings to {imrmc}" in said  # both exports hold the same reads


def test_a_case_added_after_sessions_started_is_named_by_status_and_the_report(roc_study_file, tmp_path, capsys):
    assert simulate([str(roc_study_file), "--reader", "R1"]) == 3  # R1 reads one arm, then the washout stops them
    cases = roc_study_file.parent / "cases.csv"
    last = cases.read_text().splitlines()[-1]
    case_id = last.split(",")[0]
    film = pydicom.dcmread(cases.parent / f"{case_id}.dcm")  # a new film: the same one twice is refused
    film.SOPInstanceUID = film.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    film.save_as(cases.parent / "C999.dcm")
    with cases.open("a", encoding="utf-8") as handle:  # a replacement case, added once R1 has read
        handle.write(last.replace(case_id, "C999") + "\n")
    assert simulate([str(roc_study_file), "--override-washout"]) == 0  # everyone reads everything they are shown
    capsys.readouterr()

    assert main(["status", str(roc_study_file)]) == 0
    status = capsys.readouterr().out
    assert "not in this session (added to the case list after it started, so never shown to R1 in it): C999" in status
    assert status.count("C999") == 1  # the other sessions (R1's later arm included) drew it

    assert main(["report", str(roc_study_file), "--out", str(tmp_path / "report")]) == 0
    printed = capsys.readouterr().out
    assert "1 reads are missing (cases added to the case list after sessions started)" in printed
    assert "can never be read at the station" in printed and "unfinished sessions" not in printed

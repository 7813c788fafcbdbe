"""An FROC study's training case is shown first and never scored, yet validation refused an abnormal training case
without a lesion location ("FROC scoring needs one"), so a coordinator had to invent one. A scored abnormal case
without one is still refused; the study with the unlocated training case is read and reported as any other."""

from __future__ import annotations

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import StudyError, load_study
from cxr_reader_study.simulate import main as simulate


def _drop_lesion(study_file, case_id: str) -> None:
    cases = study_file.parent / "cases.csv"
    rows = [row.split(",") for row in cases.read_text().splitlines()]
    for row in rows:
        if row[0] == case_id:
            row[3] = ""
    cases.write_text("\n".join(",".join(row) for row in rows) + "\n")


def test_an_unlocated_training_case_is_accepted_and_read(froc_study_file, tmp_path):
    study = load_study(froc_study_file)
    (training,) = study.training_cases
    assert training.truth.value == "abnormal" and training.lesions
    _drop_lesion(froc_study_file, training.case_id)
    assert not load_study(froc_study_file).case(training.case_id).lesions
    assert simulate([str(froc_study_file), "--override-washout"]) == 0
    assert main(["report", str(froc_study_file), "--out", str(tmp_path / "report")]) == 0
    assert (tmp_path / "report" / "mrmc.json").is_file()


def test_an_unlocated_scored_case_is_still_refused(froc_study_file):
    scored = next(c for c in load_study(froc_study_file).scored_cases if c.lesions)
    _drop_lesion(froc_study_file, scored.case_id)
    with pytest.raises(StudyError) as caught:
        load_study(froc_study_file)
    assert caught.value.problems == [
        f"study.toml: abnormal case {scored.case_id} has no lesion location (FROC scoring needs one)"]

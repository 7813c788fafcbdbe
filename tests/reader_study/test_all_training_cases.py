"""A case list in which every case is marked ``training = yes`` is named for what it is.

Validation said "no normal cases" and "no abnormal cases" of a list full of both, sending the coordinator to the
truth column when the cause was the training column.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxr_reader_study.design.study_file import StudyError, load_study


def test_every_case_training_is_one_problem_naming_the_training_column(roc_study_file: Path):
    cases = roc_study_file.parent / "cases.csv"
    header, *rows = cases.read_text().splitlines()
    cases.write_text("\n".join([header, *(row.rsplit(",", 1)[0] + ",yes" for row in rows)]) + "\n")
    with pytest.raises(StudyError) as caught:
        load_study(roc_study_file)
    assert caught.value.problems == [
        f"study.toml: all {len(rows)} cases are training cases (training = yes): none would be scored"]


def test_one_scored_truth_missing_is_still_said(roc_study_file: Path):
    cases = roc_study_file.parent / "cases.csv"
    header, *rows = cases.read_text().splitlines()
    kept = [row for row in rows if ",normal," in row or row.endswith(",yes")]
    cases.write_text("\n".join([header, *kept]) + "\n")
    with pytest.raises(StudyError) as caught:
        load_study(roc_study_file)
    study_problems = [p for p in caught.value.problems if p.startswith("study.toml")]  # ai.json names the rest
    assert study_problems == ["study.toml: no abnormal cases (ROC analysis needs both normal and abnormal cases)"]

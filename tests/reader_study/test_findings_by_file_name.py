"""AI findings of a ``cxr-ai detect`` report reach the right case when the cases' file names repeat.

The report names images by the path given on its command line, so after the study folder is moved (or when
it ran from another folder) its images match cases by file name alone. Two cases ``P1/IM0001.png`` and
``P2/IM0001.png`` (a DICOM export's usual names) then both got the findings of the report's last
``IM0001.png``: an aided reader saw another patient's AI marks, and validation said OK.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxr_reader_study.design.study_file import StudyError, load_study
from cxr_reader_study.reading.ai_findings import load_findings


def _same_file_names(study_file: Path) -> tuple[str, str]:
    """Cases C001 and C003 (both PNG) moved to P1/IM0001.png and P2/IM0001.png; returns their ids."""
    folder = study_file.parent
    cases = (folder / "cases.csv").read_text()
    for case_id, patient in (("C001", "P1"), ("C003", "P2")):
        (folder / patient).mkdir()
        (folder / f"{case_id}.png").rename(folder / patient / "IM0001.png")
        cases = cases.replace(f"{case_id},{case_id}.png,", f"{case_id},{patient}/IM0001.png,")
    (folder / "cases.csv").write_text(cases)
    return "C001", "C003"


def _report(study_file: Path, paths: tuple[str, str]) -> None:
    images = [{"path": path, "findings": [{"x": 10.0 * n, "y": 20.0, "diameter_px": 8, "score": score}]}
              for n, (path, score) in enumerate(zip(paths, (0.2, 0.9)), start=1)]
    (study_file.parent / "ai.json").write_text(json.dumps({"tool": "cxr-ai", "images": images}))


def test_a_file_name_shared_by_two_images_matches_neither_case_and_is_a_problem(roc_study_file):
    first, second = _same_file_names(roc_study_file)
    _report(roc_study_file, ("/old/station/P1/IM0001.png", "/old/station/P2/IM0001.png"))  # another computer's paths
    with pytest.raises(StudyError) as refused:
        load_study(roc_study_file)
    said = [problem for problem in refused.value.problems if "IM0001.png" in problem]
    assert [problem.split(": ")[1] for problem in said] == [f"case {first}", f"case {second}"]
    assert all("cannot be told apart" in problem for problem in said)


def test_full_paths_still_tell_the_cases_apart(roc_study_file):
    first, second = _same_file_names(roc_study_file)
    folder = roc_study_file.parent
    _report(roc_study_file, (str(folder / "P1" / "IM0001.png"), str(folder / "P2" / "IM0001.png")))
    findings = load_findings(load_study(roc_study_file))
    assert [f.score for f in findings[first]] == [0.2] and [f.score for f in findings[second]] == [0.9]

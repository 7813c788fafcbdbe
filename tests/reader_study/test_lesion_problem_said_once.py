"""A lesion outside the image (or malformed) in an FROC study is one problem, not two.

The row's lesion was reported ("lesion 1 at (900, 900) is outside the 128×128 image") and then, the case having
been kept without it, again as "abnormal case … has no lesion location", which sent the coordinator looking
for a missing cell that was there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cxr_reader_study.design.study_file import StudyError, load_study


@pytest.mark.parametrize("lesion", ["900 900 4px", "10 10 0px", "10 x 4px"])
def test_a_bad_lesion_is_reported_once(froc_study_file: Path, lesion: str):
    rows = (froc_study_file.parent / "cases.csv").read_text().splitlines()
    number, row = next((n, r) for n, r in enumerate(rows) if ",abnormal," in r and not r.endswith(",yes"))
    case_id, image, truth, _, training = row.split(",")
    rows[number] = ",".join((case_id, image, truth, lesion, training))
    (froc_study_file.parent / "cases.csv").write_text("\n".join(rows) + "\n")
    with pytest.raises(StudyError) as caught:
        load_study(froc_study_file)
    problems = caught.value.problems
    assert len(problems) == 1 and problems[0].startswith(f"cases.csv line {number + 1}, case {case_id}: lesion 1 ")

"""Every kind of study-file mistake is reported, all at once, with the case id and CSV line."""

from __future__ import annotations

import json
from pathlib import Path

import pydicom
import pytest

from cxr_reader_study.design.model import Arm, Task, Truth
from cxr_reader_study.design.study_file import StudyError, load_study
from cxr_reader_study.reading.ai_findings import load_findings
from tests.dicom_validation import dciodvfy_errors


def _problems(study_file: Path) -> list[str]:
    with pytest.raises(StudyError) as caught:
        load_study(study_file)
    return caught.value.problems


def _rewrite_cases(study_file: Path, rows: list[str]) -> None:
    (study_file.parent / "cases.csv").write_text("case_id,image,truth,lesions,training\n" + "\n".join(rows) + "\n")


def test_demo_study_loads_with_mm_and_px_lesions(roc_study_file: Path):
    study = load_study(roc_study_file)
    assert study.task is Task.ROC and study.arms == (Arm.UNAIDED, Arm.AIDED)
    assert [c.case_id for c in study.training_cases] == ["C000"]
    dicom_case = study.case("C000")  # DICOM, PixelSpacing 1.0 mm, lesion given as 12 mm diameter
    assert dicom_case.lesions[0].radius_px == pytest.approx(6.0)
    png_case = next(c for c in study.cases if c.image.suffix == ".png" and c.lesions)
    assert png_case.lesions[0].radius_px == 6.0  # given as 6px radius
    errors = dciodvfy_errors(dicom_case.image)  # a valid Secondary Capture, as a study's own images would be
    assert not errors, "\n".join(errors)


def test_a_lesion_in_mm_gets_the_radius_the_viewer_measures(roc_study_file: Path):
    """Imager Pixel Spacing 0.2 mm with an estimated magnification of 1.25: the viewer measures 0.16 mm a pixel,
    so a 16 mm lesion has a radius of 50 px (the detector-plane 0.2 mm gave 40 px, a fifth too small)."""
    folder = roc_study_file.parent
    ds = pydicom.dcmread(folder / "C002.dcm")
    del ds.PixelSpacing
    ds.Modality = "DX"
    ds.ImagerPixelSpacing = [0.2, 0.2]
    ds.EstimatedRadiographicMagnificationFactor = 1.25
    ds.save_as(folder / "magnified.dcm")
    rows = (folder / "cases.csv").read_text().splitlines()[1:]
    _rewrite_cases(roc_study_file, ["C002,magnified.dcm,abnormal,20 20 16mm," if row.startswith("C002,") else row
                                    for row in rows])
    assert load_study(roc_study_file).case("C002").lesions[0].radius_px == pytest.approx(50.0)


def test_all_problems_listed_at_once_with_lines(roc_study_file: Path):
    _rewrite_cases(roc_study_file, [
        "A1,C002.dcm,abnormal,10 10 4px; 500 20 4px,",  # line 2: second lesion outside the 128×128 image
        "A2,missing.png,normal,,",  # line 3: unknown image
        "A3,C001.png,,,",  # line 4: no truth
        "A1,C003.png,normal,,",  # line 5: duplicate id
        "A5,C003.png,abnormal,10 10 8mm,",  # line 6: PNG has no spacing, study gives none
    ])
    problems = _problems(roc_study_file)
    text = "\n".join(problems)
    assert "line 2, case A1: lesion 2 at (500, 20) is outside the 192×192 image" in text
    assert "line 3, case A2: image 'missing.png' not found" in text
    assert "line 4, case A3: case has no truth" in text
    assert "line 5, case A1: duplicate case id 'A1' (first on line 2)" in text
    assert "line 6, case A5: lesion 1 is sized in mm but C003.png has no pixel spacing" in text
    assert not any("no normal cases" in p for p in problems)  # A2, its film missing, is a normal case all the same


def test_no_abnormal_cases_and_bad_settings(roc_study_file: Path):
    _rewrite_cases(roc_study_file, ["N1,C001.png,normal,,", "N2,C003.png,normal,,"])
    text = roc_study_file.read_text().replace('scale = "1-5"', 'scale = "1-7"').replace('"aided"]', '"guided"]')
    roc_study_file.write_text(text + '\n[[readers]]\nid = "R1"\n')
    problems = _problems(roc_study_file)
    assert any("no abnormal cases" in p for p in problems)
    assert any("scale '1-7'" in p for p in problems)
    assert any("unknown arm 'guided'" in p for p in problems)
    assert any("duplicate reader id 'R1'" in p for p in problems)


def test_froc_abnormal_case_needs_a_lesion(froc_study_file: Path):
    _rewrite_cases(froc_study_file, ["N1,C001.png,normal,,", "A1,C002.dcm,abnormal,,"])
    assert any("abnormal case A1 has no lesion location" in p for p in _problems(froc_study_file))


def test_normal_case_with_lesion_and_unreadable_toml(roc_study_file: Path):
    _rewrite_cases(roc_study_file, ["N1,C001.png,normal,3 3 2px,", "A1,C002.dcm,abnormal,,"])
    assert any("line 2, case N1: a normal case cannot have lesions" in p for p in _problems(roc_study_file))
    roc_study_file.write_text("[study\n")
    assert "cannot read the study file" in _problems(roc_study_file)[0]


def test_truth_values_parsed(roc_study):
    assert {c.truth for c in roc_study.scored_cases} == {Truth.NORMAL, Truth.ABNORMAL}


def test_unreadable_image_and_missing_truth_in_one_row_both_reported(roc_study_file: Path):
    (roc_study_file.parent / "broken.dcm").write_bytes(b"not an image at all")
    _rewrite_cases(roc_study_file, ["B1,broken.dcm,,,", "N1,C001.png,normal,,", "A1,C002.dcm,abnormal,,"])
    text = "\n".join(_problems(roc_study_file))
    assert "line 2, case B1:" in text and "broken.dcm: not a DICOM image nor a readable picture" in text
    assert "line 2, case B1: case has no truth" in text


def test_zero_size_and_malformed_lesion_numbers_are_listed(roc_study_file: Path):
    _rewrite_cases(roc_study_file, [
        "N1,C001.png,normal,,",
        "A1,C002.dcm,abnormal,10 10 0px,",  # line 3: would crash export and report ("non-positive radius")
        "A2,C002.dcm,abnormal,10 10 0mm,",  # line 4: the same in mm (the DICOM has a pixel spacing)
        "A3,C002.dcm,abnormal,10 10 1.2.5mm,",  # line 5: matched the old [\d.]+ and crashed validation
        "A4,C002.dcm,abnormal,10 1e 4px; 20 20 -3px,",  # line 6: a bad y, then a negative size
    ])
    text = "\n".join(_problems(roc_study_file))
    assert "line 3, case A1: lesion 1 has size 0px; a lesion size must be above 0" in text
    assert "line 4, case A2: lesion 1 has size 0mm; a lesion size must be above 0" in text
    assert "line 5, case A3: lesion 1 has '1.2.5', not a number" in text
    assert "line 6, case A4: lesion 1 has '1e', not a number" in text
    assert "line 6, case A4: lesion 2 has size -3px; a lesion size must be above 0" in text


def _rewrite_ai(study_file: Path, findings: dict) -> None:
    (study_file.parent / "ai.json").write_text(json.dumps(findings))


def test_ai_findings_that_match_no_case_are_a_problem(roc_study_file: Path):
    """Keys with a prefix matched nothing: the aided arm showed "AI: no findings" everywhere, the AI AUC 0.5."""
    findings = json.loads((roc_study_file.parent / "ai.json").read_text())["cases"]
    _rewrite_ai(roc_study_file, {"cases": {f"case-{key}": value for key, value in findings.items()}})
    (problem,) = _problems(roc_study_file)
    assert problem.startswith("ai.json: none of its 9 entries ('case-C000', 'case-C001', 'case-C002', …)")
    assert "an aided arm would show no AI on any case" in problem
    _rewrite_ai(roc_study_file, {"cases": {}})
    assert "ai.json: lists no case" in _problems(roc_study_file)[0]


def test_ai_findings_typos_and_findings_without_coordinates_are_all_listed(roc_study_file: Path):
    """A finding without y passed validation, then the reading station failed to load the study."""
    _rewrite_ai(roc_study_file, {"cases": {
        "C001": [{"x": 10, "y": 20, "score": 0.9}, {"x": 1, "score": 0.5}],
        "C002": [{"x": 10, "y": "20", "score": 0.9, "diameter_px": 8}],
        "C03": [],  # a typo of C003: that case would show "no findings" without a word
    }})
    problems = _problems(roc_study_file)
    assert problems == [
        "ai.json, case C001: finding 2 has no y; a finding needs numeric x, y and score (diameter_px optional)",
        "ai.json, case C002: finding 1 has y '20' is not a number; a finding needs numeric x, y and score "
        "(diameter_px optional)",
        "ai.json: 'C03' is not a case id nor an image file name of the case list (misspelt? if the case was "
        "removed from the list, remove it here too)",
    ]


def test_cases_without_ai_entry_or_with_an_empty_list_have_no_findings(roc_study_file: Path):
    _rewrite_ai(roc_study_file, {"cases": {"C001": [], "C002.dcm": [{"x": 10, "y": 20, "score": 0.9}]}})
    study = load_study(roc_study_file)
    findings = load_findings(study)
    assert findings["C001"] == [] and findings["C003"] == [] and findings["C002"][0].score == 0.9


def test_a_detect_report_may_hold_images_outside_the_study_but_must_match_one(roc_study_file: Path):
    images = [{"path": "C002.dcm", "findings": [{"x": 1, "y": 2, "score": 0.3}]}, {"path": "other.png", "findings": []}]
    _rewrite_ai(roc_study_file, {"tool": "cxr-ai", "images": images})
    assert load_findings(load_study(roc_study_file))["C002"][0].score == 0.3
    _rewrite_ai(roc_study_file, {"tool": "cxr-ai", "images": images[1:]})
    assert "none of its 2 entries ('" in _problems(roc_study_file)[0]


def test_bad_settings_are_listed_not_raised(roc_study_file: Path):
    """Each of these gave a traceback, a silent sensitivity of 0 or seven "unknown arm 'u'" messages."""
    text = (roc_study_file.read_text().replace("seed = 7", 'seed = "seven"')
            .replace("washout_days = 28", 'washout_days = "4 weeks"')
            .replace("positive_threshold = 3", "positive_threshold = 30")
            .replace('arms = ["unaided", "aided"]', 'arms = "unaided"'))
    roc_study_file.write_text(text)
    assert _problems(roc_study_file) == [
        'study.toml: arms = "unaided" must be a list, e.g. arms = ["unaided", "aided"]',
        'study.toml: seed = "seven" must be a whole number without quotes, e.g. seed = 20260101',
        'study.toml: washout_days = "4 weeks" must be a number without quotes, e.g. washout_days = 28',
        "study.toml: positive_threshold = 30 does not fit the 1-5 scale: a rating at or above it is a positive "
        "call, so it must be above 1 and at most 5",
    ]
    roc_study_file.write_text(text.replace("positive_threshold = 30", 'positive_threshold = "3"'))
    assert ('study.toml: positive_threshold = "3" must be a number without quotes, e.g. positive_threshold = 3'
            in _problems(roc_study_file))


def test_negative_washout_and_a_threshold_at_the_lowest_rating(roc_study_file: Path):
    text = roc_study_file.read_text().replace("washout_days = 28", "washout_days = -5")
    roc_study_file.write_text(text.replace("positive_threshold = 3", "positive_threshold = 1"))
    problems = _problems(roc_study_file)
    assert problems[0] == "study.toml: washout_days = -5 must be 0 or more"
    assert problems[1].startswith("study.toml: positive_threshold = 1 does not fit the 1-5 scale")


def test_file_names_that_are_not_text_are_listed_not_raised(roc_study_file: Path):
    text = roc_study_file.read_text().replace('cases = "cases.csv"', "cases = 3")
    roc_study_file.write_text(text.replace('ai_findings = "ai.json"', "ai_findings = true"))
    assert _problems(roc_study_file)[:2] == [
        'study.toml: cases = 3 must be a file name in quotes, e.g. cases = "cases.csv"',
        'study.toml: ai_findings = true must be a file name in quotes, e.g. ai_findings = "ai.json"',
    ]

"""``cxr-train score-detections``: a cxr-ai report scored against a small JSRT-shaped table."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from model_training.cli import main as train_main
from model_training.detection.score_detections import ReportNotScorable, score_report
from model_training import jsrt

HEADER = "case_id,split,has_nodule,subtlety,size_mm,age,sex,x_2048,y_2048,x,y,state,position,diagnosis\n"
ROWS = ["JPCLN001,train,1,3,14,50,Male,800,600,400.0,300.0,malignant,r,cancer",  # radius 20 px on the 1024 grid
        "JPCNN001,val,0,,,40,Female,,,,,,,",
        "JPCLN002,test,1,5,21,60,Male,1200,1000,600.0,500.0,benign,l,granuloma"]


@pytest.fixture()
def shared(tmp_path: Path) -> Path:
    jsrt_dir = tmp_path / "shared" / "data" / "jsrt"
    jsrt_dir.mkdir(parents=True)
    (jsrt_dir / "cases.csv").write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return tmp_path / "shared"


def _finding(x: float, y: float, score: float) -> dict:
    return {"x": x, "y": y, "score": score, "diameter_mm": 10.0, "contour": []}


def _report(tmp_path: Path, images: dict[str, list[dict]], operating_point: str = "all", cap: int = 5) -> Path:
    report = {"operating_point": operating_point, "max_findings_per_image": cap, "errors": [],
              "model_version": "test", "provider": "CPUExecutionProvider",
              "images": [{"path": f"/data/{stem}.jpg", "findings": findings} for stem, findings in images.items()]}
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    return path


def test_hits_and_false_positives_are_counted_from_the_report(shared: Path, tmp_path: Path) -> None:
    path = _report(tmp_path, {"JPCLN001": [_finding(410, 305, 0.9), _finding(100, 100, 0.4)],
                              "JPCNN001": [_finding(500, 500, 0.3)]})
    result = score_report(path, shared, replicates=0)
    assert (result["images"], result["lesions"]) == (2, 1)
    # the nodule's hit (0.9) outranks both FPs: found at every rate, 2 FPs over 2 images = 1 FP/image at most
    assert result["metrics"]["0.125"] == pytest.approx(1.0)
    assert result["split"] == "train+val"


def test_marks_beyond_the_engine_cap_are_not_scored(shared: Path, tmp_path: Path) -> None:
    path = _report(tmp_path, {"JPCLN001": [_finding(100, 100, 0.9), _finding(400, 300, 0.2)]}, cap=1)
    result = score_report(path, shared, replicates=0)
    assert result["metrics"]["8"] == pytest.approx(0.0)  # the only hit was the second-best mark, capped away


def test_test_cases_need_the_explicit_flag(shared: Path, tmp_path: Path) -> None:
    path = _report(tmp_path, {"JPCLN002": [_finding(600, 500, 0.8)]})
    with pytest.raises(jsrt.TestSplitRefused):
        score_report(path, shared, replicates=0)
    assert score_report(path, shared, evaluate_on_test=True, replicates=0)["metrics"]["1"] == pytest.approx(1.0)


@pytest.mark.parametrize(("operating_point", "stem", "message"), [
    ("sens", "JPCLN001", "--operating-point all"),
    ("all", "not_a_case", "not a JSRT case")])
def test_unscorable_reports_say_why(shared: Path, tmp_path: Path, operating_point: str, stem: str,
                                    message: str) -> None:
    path = _report(tmp_path, {stem: []}, operating_point)
    with pytest.raises(ReportNotScorable, match=message):
        score_report(path, shared, replicates=0)


def test_command_line_writes_a_record(shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = _report(tmp_path, {"JPCLN001": [_finding(400, 300, 0.7)], "JPCNN001": []})
    code = train_main(["score-detections", str(path), "--shared", str(shared), "--replicates", "20",
                       "--results-dir", str(tmp_path / "results")])
    assert code == 0
    record = json.loads(next((tmp_path / "results").glob("*.json")).read_text(encoding="utf-8"))
    assert record["kind"] == "cli-report" and record["metrics"]["1"] == pytest.approx(1.0)
    assert "sensitivity @ 1 FP/image" in capsys.readouterr().out


def test_failure_figure_draws_the_worst_miss_and_false_positive(shared: Path, tmp_path: Path) -> None:
    from PIL import Image

    from model_training.detection.failure_figure import failure_figure, worst_false_positives, worst_misses
    from model_training.detection.score_detections import report_marks

    images_dir = shared / "data" / "jsrt" / "images"
    images_dir.mkdir()
    for case_id in ("JPCLN001", "JPCNN001", "JPCLN002"):
        Image.fromarray(np.full((1024, 1024), 128, np.uint8)).save(images_dir / f"{case_id}.jpg")
    path = _report(tmp_path, {"JPCLN001": [_finding(100, 100, 0.8)], "JPCNN001": [_finding(500, 520, 0.3)]})
    cases = {case.case_id: case for case in jsrt.read_cases(shared / "data" / "jsrt")}
    marks = report_marks(json.loads(path.read_text(encoding="utf-8")), cases)
    (miss,) = worst_misses(marks, 4)
    assert miss[0].case_id == "JPCLN001" and miss[2] == -np.inf  # the nodule at (400, 300) got no mark
    assert [(image.case_id, image.marks[index].score) for image, index in worst_false_positives(marks, 4)] == [
        ("JPCLN001", 0.8), ("JPCNN001", 0.3)]
    out = failure_figure(path, shared, tmp_path / "failures.png")
    with Image.open(out) as picture:
        assert picture.size[0] > 300 and picture.size[1] > 200

"""``cxr-train score-detections``: FROC of a ``cxr-ai detect --operating-point all`` report against JSRT truth.

The model card's test figures come from the engine inside ``evaluate detector --evaluate-on-test``; this scores
what a user gets from the shipped command line instead, so anyone can check the card with two commands. The same
per-image cap as the engine's operating points applies, and the guarded test split stays guarded.
"""

from __future__ import annotations

import json
from pathlib import Path

from model_training import jsrt
from model_training.detection.data import jsrt_lesions
from model_training.detection.froc import ImageMarks, Mark
from model_training.detection.froc_summary import summarise


class ReportNotScorable(ValueError):
    """The report cannot give FROC figures (not every candidate kept, failed inputs, or unknown images)."""


def report_marks(report: dict, cases: dict[str, jsrt.JsrtCase]) -> list[ImageMarks]:
    """One ``ImageMarks`` per report image, matched to its JSRT case by file stem; marks capped per image."""
    if report.get("operating_point") != "all":
        raise ReportNotScorable("FROC needs every candidate: run `cxr-ai detect --operating-point all`")
    if report.get("errors"):
        raise ReportNotScorable(f"{len(report['errors'])} input(s) failed in the report, e.g. {report['errors'][0]}")
    cap = int(report["max_findings_per_image"])
    images = []
    for image in report["images"]:
        case_id = Path(image["path"]).stem
        if case_id not in cases:
            raise ReportNotScorable(f"{image['path']}: not a JSRT case (expected <case_id>.jpg)")
        findings = sorted(image["findings"], key=lambda finding: -finding["score"])[:cap]
        marks = tuple(Mark(finding["x"], finding["y"], finding["score"]) for finding in findings)
        images.append(ImageMarks(case_id, jsrt_lesions(cases[case_id]), marks))
    return images


def load_report(report_path: Path, shared: Path, evaluate_on_test: bool) -> tuple[dict, list[ImageMarks], list[str]]:
    """(report, marks per image, JSRT splits present); refused if it holds test cases without ``evaluate_on_test``."""
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    cases = {case.case_id: case for case in jsrt.read_cases(shared / "data" / "jsrt")}
    images = report_marks(report, cases)
    splits = sorted({cases[image.case_id].split for image in images})
    if "test" in splits and not evaluate_on_test:
        raise jsrt.TestSplitRefused("the report holds JSRT test cases: pass --evaluate-on-test to use them")
    return report, images, splits


def score_report(report_path: Path, shared: Path, evaluate_on_test: bool = False, replicates: int = 1000,
                 seed: int = 0) -> dict:
    """The FROC summary of a report."""
    report, images, splits = load_report(report_path, shared, evaluate_on_test)
    return {"task": "detector", "kind": "cli-report", "label": f"cxr-ai detect report ({'+'.join(splits)})",
            "split": "+".join(splits), "report": str(report_path), "model_version": report.get("model_version"),
            "provider": report.get("provider")} | summarise(images, replicates, seed)

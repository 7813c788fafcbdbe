"""Table 1's figures as numbers (``table1.json``), checked against a hand computation from the reads export.

``table1.csv`` gave only text cells (``0.870 ± 0.012``) and no file of the report held each reader's AUC with
its DeLong interval, sensitivity and specificity: a statistician had to parse strings to check a figure.
"""

from __future__ import annotations

import csv
import json
import statistics

from cxr_reader_study.cli import main
from cxr_reader_study.simulate import main as simulate


def _mann_whitney(abnormal: list[float], normal: list[float]) -> float:
    wins = sum((a > n) + 0.5 * (a == n) for a in abnormal for n in normal)
    return wins / (len(abnormal) * len(normal))


def test_table1_json_agrees_with_a_hand_computation(roc_study_file, tmp_path, capsys):
    assert simulate([str(roc_study_file), "--override-washout"]) == 0
    out = tmp_path / "report"
    assert main(["report", str(roc_study_file), "--out", str(out)]) == 0
    assert main(["export", str(roc_study_file), "--format", "reads", "--out", str(tmp_path / "reads.csv")]) == 0
    capsys.readouterr()
    with (tmp_path / "reads.csv").open(newline="", encoding="utf-8") as handle:
        reads = [r for r in csv.DictReader(handle) if r["phase"] == "final"]
    record = json.loads((out / "table1.json").read_text(encoding="utf-8"))
    threshold = record["positive_threshold"]
    assert threshold is not None and record["confidence_level"] == 0.95 and record["labels"]["auc"] == "AUC"

    for row in record["per_reader"]:
        mine = [r for r in reads if r["reader"] == row["reader"] and r["arm"] == row["modality"]]
        abnormal = [float(r["rating"]) for r in mine if r["truth"] == "1"]
        normal = [float(r["rating"]) for r in mine if r["truth"] == "0"]
        assert abs(row["auc"] - _mann_whitney(abnormal, normal)) < 1e-12
        assert row["auc_ci_low"] <= row["auc"] <= row["auc_ci_high"]
        assert abs(row["sensitivity"] - sum(a >= threshold for a in abnormal) / len(abnormal)) < 1e-12
        assert abs(row["specificity"] - sum(n < threshold for n in normal) / len(normal)) < 1e-12

    with (out / "table1.csv").open(newline="", encoding="utf-8") as handle:
        printed = {row["group"]: row for row in csv.DictReader(handle)}
    everyone = [g for g in record["groups"] if g["group"] == "All readers"]
    assert {g["modality"] for g in everyone} == {"unaided", "aided"}
    for cell in everyone:
        aucs = [r["auc"] for r in record["per_reader"] if r["modality"] == cell["modality"]]
        assert cell["n_readers"] == len(aucs)
        assert abs(cell["auc"]["mean"] - statistics.mean(aucs)) < 1e-12
        assert abs(cell["auc"]["sd"] - statistics.stdev(aucs)) < 1e-12
        text = f"{cell['auc']['mean']:.3f} ± {cell['auc']['sd']:.3f}"
        assert printed["All readers"][f"AUC — {cell['modality']}"] == text

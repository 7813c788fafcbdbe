"""``cxr-reader analyze`` of an export taken while a reader had read one arm only (the other waiting on the washout).

The report leaves such a reader out; the analysis of the exported file kept them, scoring the arm never read
as a case read without marks on every case (wAFROC 0.5), so its readers' means, F and p differed from the
report's with no word said. Now the reader is left out of the analysis and named, and the figures agree with
the report's.
"""

from __future__ import annotations

import json

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.simulate import main as simulate


@pytest.mark.parametrize("fmt", ["long", "jafroc"])
def test_a_reader_with_one_arm_is_left_out_and_named(froc_study_file, tmp_path, capsys, fmt):
    assert simulate([str(froc_study_file), "--override-washout", "--reader", "R1", "--reader", "R2",
                     "--reader", "R3"]) == 0
    assert simulate([str(froc_study_file), "--reader", "R4"]) == 3  # one arm, then the washout
    out = tmp_path / ("marks.csv" if fmt == "long" else "study.xlsx")
    assert main(["export", str(froc_study_file), "--format", fmt, "--out", str(out)]) == 0
    assert main(["report", str(froc_study_file), "--out", str(tmp_path / "report")]) == 0
    report = json.loads((tmp_path / "report" / "mrmc.json").read_text())["wafroc"]
    truth = ["--truth", str(tmp_path / "marks_truth.csv")] if fmt == "long" else []
    capsys.readouterr()

    assert main(["analyze", str(out), *truth, "--fom", "wafroc", "--json"]) == 0
    analysis = json.loads(capsys.readouterr().out)
    assert analysis["readers"] == ["R1", "R2", "R3"] == report["readers"]
    (missing_arm,) = analysis["excluded_readers"]["R4"]
    for arm, per_reader in report["fom_per_reader"].items():
        assert analysis["fom_per_reader"][arm] == pytest.approx(per_reader)
    assert analysis["or"]["rrrc"]["p"] == pytest.approx(report["or"]["rrrc"]["p"])
    assert {row["reader"] for row in analysis["per_reader"]} == {"R1", "R2", "R3"}
    assert f"R4 has none in {missing_arm}" in analysis["notes"][0]

    assert main(["analyze", str(out), *truth, "--fom", "wafroc"]) == 0
    assert "note: 1 reader(s) left out of every analysis for having no ratings or marks in a modality " \
           f"(R4 has none in {missing_arm})" in capsys.readouterr().out

"""A reader who has not read every case in every arm (dropped out, or not back from the washout yet).

Their unread cases counted as the lowest rating: a reader missing the aided arm entered Table 1 and the MRMC
analysis with an aided AUC of 0.5 and a specificity of 1, which dragged the aided mean down and could turn a
real gain into none. The analyses now use the readers who read everything, and the report names the others.
"""

from __future__ import annotations

import json

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.simulate import main as simulate
from cxr_reader_study.storage.store import ReadStore
from tests.reader_study.partial_study import read_partially


def _mann_whitney(abnormal: list[float], normal: list[float]) -> float:
    """AUC by hand: every abnormal-normal pair, 1 when the abnormal case is rated higher, 1/2 on a tie."""
    pairs = [1.0 if a > n else 0.5 if a == n else 0.0 for a in abnormal for n in normal]
    return sum(pairs) / len(pairs)


def _hand_aucs(study_file) -> dict[str, dict[str, float]]:
    study = load_study(study_file)
    truth = {case.case_id: case.truth.value for case in study.scored_cases}
    aucs: dict[str, dict[str, float]] = {}
    for reader in ("R1", "R2", "R3"):
        for arm in ("unaided", "aided"):
            reads = [r for r in ReadStore(study.database).reads(reader)
                     if r.arm == arm and not r.training and r.phase == "final"]
            assert len(reads) == len(truth)  # these readers read every case
            aucs.setdefault(arm, {})[reader] = _mann_whitney(
                [r.rating for r in reads if truth[r.case_id] == "abnormal"],
                [r.rating for r in reads if truth[r.case_id] == "normal"])
    return aucs


def test_a_reader_without_the_second_arm_is_left_out_of_the_analyses_and_named(roc_study_file, tmp_path, capsys):
    read_partially(roc_study_file, seed=4)
    capsys.readouterr()
    out = tmp_path / "report"
    assert main(["report", str(roc_study_file), "--out", str(out)]) == 0
    printed = capsys.readouterr().out

    mrmc = json.loads((out / "mrmc.json").read_text())
    for fom in ("auc", "sens", "spec"):
        assert mrmc[fom]["readers"] == ["R1", "R2", "R3"]
    assert mrmc["auc"]["fom_per_reader"] == _hand_aucs(roc_study_file)
    rows = [row.split(",") for row in (out / "table1.csv").read_text().splitlines()[1:]]
    assert [row[:2] for row in rows] == [["Radiologists", "2"], ["Non-radiologists", "1"], ["All readers", "3"]]
    note = "R4 (8 of 16) is left out of Table 1, the curves and every analysis"
    assert note in printed and note in (out / "report.html").read_text()


def test_with_fewer_than_two_complete_readers_the_report_says_it_is_a_preview(roc_study_file, tmp_path, capsys):
    assert simulate([str(roc_study_file), "--reader", "R1", "--override-washout"]) == 0
    capsys.readouterr()
    assert main(["report", str(roc_study_file), "--out", str(tmp_path / "report")]) == 0
    printed = capsys.readouterr().out
    assert "48 reads are missing (unfinished sessions)" in printed
    assert "a preview" in printed and "do not publish" in printed

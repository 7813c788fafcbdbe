"""The report's standalone-AI section, its sequential (first vs final read) section and its timing table,
each checked against numbers worked out here from the study files and the database."""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.formats.long_csv import read_froc_csv
from cxr_reader_study.results.export import write_truth
from cxr_reader_study.simulate import main as simulate
from cxr_reader_study.stats.fom import compute_fom
from cxr_reader_study.storage.store import ReadStore


def _auc(abnormal, normal) -> float:
    wins = sum((a > n) + 0.5 * (a == n) for a in abnormal for n in normal)
    return wins / (len(abnormal) * len(normal))


def _ai_case_scores(study) -> dict[str, float]:
    """Highest finding score per case, 0 without findings, straight from the demo's JSON."""
    findings = json.loads(study.ai_findings.read_text())["cases"]
    return {c.case_id: max((f["score"] for f in findings[c.case_id]), default=0.0) for c in study.scored_cases}


def _report(study_file, out, *extra) -> dict:
    assert simulate([str(study_file), "--override-washout", "--seed", "12"]) == 0
    assert main(["report", str(study_file), "--out", str(out), *extra]) == 0
    return json.loads((out / "ai.json").read_text())


def test_ai_auc_and_readers_versus_ai_per_arm(roc_study_file, tmp_path):
    ai = _report(roc_study_file, tmp_path / "report")
    study = load_study(roc_study_file)
    scores = _ai_case_scores(study)
    abnormal = [scores[c.case_id] for c in study.scored_cases if c.truth.value == "abnormal"]
    normal = [scores[c.case_id] for c in study.scored_cases if c.truth.value == "normal"]
    assert ai["ai"]["auc"]["value"] == pytest.approx(_auc(abnormal, normal))
    assert ai["ai"]["auc"]["ci_low"] <= ai["ai"]["auc"]["value"] <= ai["ai"]["auc"]["ci_high"]
    mrmc = json.loads((tmp_path / "report" / "mrmc.json").read_text())
    for arm in ("unaided", "aided"):
        comparison = ai["readers_minus_ai"]["auc"][arm]
        assert comparison["reader_mean_fom"] == pytest.approx(mrmc["auc"]["fom_per_modality"][arm])
        assert comparison["difference"] == pytest.approx(comparison["reader_mean_fom"] - ai["ai"]["auc"]["value"])
        assert 0 <= comparison["p"] <= 1
    page = (tmp_path / "report" / "report.html").read_text()
    assert "Standalone AI versus readers" in page and "readers − AI" in page


def test_ai_wafroc_matches_findings_scored_by_hand(froc_study_file, tmp_path):
    ai = _report(froc_study_file, tmp_path / "report")
    study = load_study(froc_study_file)
    findings = json.loads(study.ai_findings.read_text())["cases"]
    marks = tmp_path / "ai_marks.csv"
    with marks.open("w", newline="") as handle:  # demo cases have at most one lesion
        writer = csv.writer(handle)
        writer.writerow(["reader", "modality", "case", "truth", "mark_type", "lesion_id", "rating"])
        for case in study.scored_cases:
            taken = False
            for f in sorted(findings[case.case_id], key=lambda f: -f["score"]):
                lesion = case.lesions[0] if case.lesions else None
                hit = lesion and not taken and math.hypot(f["x"] - lesion.x, f["y"] - lesion.y) <= lesion.radius_px
                taken = taken or bool(hit)
                writer.writerow(["AI", "AI", case.case_id, int(bool(case.lesions)), "LL" if hit else "NL",
                                 lesion.lesion_id if hit else "", f["score"]])
    write_truth(study, tmp_path / "truth.csv")
    expected = compute_fom(read_froc_csv(marks, tmp_path / "truth.csv"), "wafroc").fom[0, 0]
    assert ai["ai"]["wafroc"]["value"] == pytest.approx(expected)
    assert set(ai["readers_minus_ai"]) == {"auc", "wafroc"}
    assert set(ai["readers_minus_ai"]["wafroc"]) == {"unaided", "aided"}


def test_report_takes_per_case_ai_ratings_from_a_file(roc_study_file, tmp_path):
    study = load_study(roc_study_file)
    scores = {c.case_id: float(i % 5) for i, c in enumerate(study.scored_cases)}
    (tmp_path / "ai.csv").write_text("case,rating\n" + "".join(f"{c},{s}\n" for c, s in scores.items()))
    ai = _report(roc_study_file, tmp_path / "report", "--ai-ratings", str(tmp_path / "ai.csv"))
    abnormal = [scores[c.case_id] for c in study.scored_cases if c.truth.value == "abnormal"]
    normal = [scores[c.case_id] for c in study.scored_cases if c.truth.value == "normal"]
    assert ai["ai"]["auc"]["value"] == pytest.approx(_auc(abnormal, normal))
    assert "ai.csv" in ai["source"]


def test_sequential_section_compares_first_and_final_reads_and_warns(second_read_study_file, tmp_path, capsys):
    _report(second_read_study_file, tmp_path / "report")
    assert "favour the aided read" in capsys.readouterr().out
    sequential = json.loads((tmp_path / "report" / "sequential.json").read_text())
    assert "favour the aided read" in sequential["warning"]
    assert sequential["auc"]["modalities"] == ["first read (unaided)", "final read (aided)"]
    study = load_study(second_read_study_file)
    store = ReadStore(study.database)
    truth = {c.case_id: c.truth.value == "abnormal" for c in study.scored_cases}
    for reader in ("R1", "R2", "R3", "R4"):
        for phase, modality in (("first", "first read (unaided)"), ("final", "final read (aided)")):
            reads = [r for r in store.reads(reader) if r.arm == "aided-second-read" and r.phase == phase
                     and not r.training]
            auc = _auc([r.rating for r in reads if truth[r.case_id]], [r.rating for r in reads if not truth[r.case_id]])
            assert sequential["auc"]["fom_per_reader"][modality][reader] == pytest.approx(auc)
        changed = sum(store.read(reader, "aided-second-read", c, "first").rating != store.read(
            reader, "aided-second-read", c, "final").rating for c in truth)
        assert sequential["changed_answers"][reader] == changed
    page = (tmp_path / "report" / "report.html").read_text()
    assert "Sequential reading: first versus final read" in page and "favour the aided read" in page
    assert (tmp_path / "report" / "sequential_roc.png").stat().st_size > 10_000


def test_timing_table_sums_both_halves_of_a_second_read_and_counts_pauses(froc_second_read_study_file, tmp_path):
    _report(froc_second_read_study_file, tmp_path / "report")
    study = load_study(froc_second_read_study_file)
    store = ReadStore(study.database)
    rows = list(csv.DictReader((tmp_path / "report" / "timing.csv").open()))
    assert len(rows) == 4 * 2 + 2
    for row in rows[:8]:
        reads = [r for r in store.reads(row["reader"]) if r.arm == row["arm"] and not r.training]
        per_case: dict[str, float] = {}
        for read in reads:
            per_case[read.case_id] = per_case.get(read.case_id, 0.0) + read.active_ms / 1000
        assert float(row["mean_s"]) == pytest.approx(np.mean(list(per_case.values())), abs=0.005)
        assert float(row["median_s"]) == pytest.approx(np.median(list(per_case.values())), abs=0.005)
        assert int(row["pauses"]) == sum(r.pause_count for r in reads)
        first_marks = [r.first_mark_ms / 1000 for r in reads if r.phase == ("first" if row["arm"] ==
                       "aided-second-read" else "final") and r.first_mark_ms is not None]
        assert float(row["median_first_mark_s"]) == pytest.approx(np.median(first_marks), abs=0.005)
        assert 5 < float(row["mean_s"]) < 120  # the simulated reader's seconds, not milliseconds
    assert rows[-1]["reader"] == "all readers" and int(rows[-1]["reads"]) == 4 * 8


def test_unchanged_second_reads_are_reported_without_a_test(second_read_study_file, tmp_path, capsys):
    assert simulate([str(second_read_study_file), "--override-washout", "--ignore-ai"]) == 0
    assert main(["report", str(second_read_study_file), "--out", str(tmp_path / "report")]) == 0
    sequential = json.loads((tmp_path / "report" / "sequential.json").read_text())
    assert set(sequential["changed_answers"].values()) == {0} and "auc" not in sequential
    assert "first and final reads are identical" in sequential["notes"][0]


def test_no_completed_second_reads_is_not_called_unchanged(second_read_study_file, tmp_path):
    assert simulate([str(second_read_study_file), "--reader", "R1"]) == 3  # R1's unaided arm, then the washout
    assert main(["report", str(second_read_study_file), "--out", str(tmp_path / "report")]) == 0
    sequential = json.loads((tmp_path / "report" / "sequential.json").read_text())
    assert sequential["notes"] == ["No second read is complete yet (no case has both a first and a final "
                                   "answer), so there is nothing to compare."]
    assert "auc" not in sequential and "identical" not in (tmp_path / "report" / "sequential.html").read_text()

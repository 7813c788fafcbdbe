"""The report and ``cxr-reader analyze`` on the study's exports give the same differences, with the same sign.

``analyze`` reports every difference as the later arm minus the earlier (aided − unaided: positive when the AI
helped), while the report printed RJafroc's earlier minus later (unaided − aided): one study's two outputs had
opposite signs. The report's MRMC, readers-versus-AI, paired reading-time and sequential differences are now
TEST − REF, name their direction, and agree with analyze figure for figure; and no figure of the report depends
on the order in which the study file lists its readers, arms or cases.
"""

from __future__ import annotations

import json
import re

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.demo import write_demo_study
from cxr_reader_study.simulate import main as simulate

KEYS = ("first", "second", "estimate", "se", "df", "p", "ci_low", "ci_high")  # a difference's fields


def _json(capsys, *args) -> dict:
    assert main([*map(str, args)]) == 0
    return json.loads(capsys.readouterr().out)


def _read_and_export(study_file, tmp_path, capsys):
    assert simulate([str(study_file), "--override-washout", "--seed", "11"]) == 0
    for fmt, name in (("long", "ratings.csv"), ("reads", "reads.csv")):
        assert main(["export", str(study_file), "--format", fmt, "--out", str(tmp_path / name)]) == 0
    capsys.readouterr()


def _report(study_file, out, capsys, ai_scores: bool = True) -> str:
    """``ai_scores``: the AI from ``ai_scores.csv``, as analyze takes it; else from the study's findings."""
    ai = ["--ai-ratings", str(study_file.parent / "ai_scores.csv")] if ai_scores else []
    assert main(["report", str(study_file), "--out", str(out), *ai]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fom", ["auc", "sens"])
def test_report_and_analyze_give_the_same_signed_differences(fom, roc_study_file, tmp_path, capsys):
    _read_and_export(roc_study_file, tmp_path, capsys)
    printed = _report(roc_study_file, tmp_path / "report", capsys)
    analyzed = _json(capsys, "analyze", tmp_path / "ratings.csv", "--fom", fom, "--threshold", 3, "--times",
                     tmp_path / "reads.csv", "--ai-ratings", roc_study_file.parent / "ai_scores.csv", "--json")
    reported = json.loads((tmp_path / "report" / "mrmc.json").read_text())[fom]

    for method in ("or", "dbm"):
        for test in ("rrrc", "frrc", "rrfc"):
            (ours,), (theirs,) = reported[method][test]["differences"], analyzed[method][test]["differences"]
            assert (ours["first"], ours["second"]) == ("aided", "unaided")  # TEST − REF
            assert {k: ours[k] for k in KEYS} == {k: theirs[k] for k in KEYS}  # the same arithmetic, same order
    means = reported["fom_per_modality"]
    assert reported["or"]["rrrc"]["differences"][0]["estimate"] == pytest.approx(means["aided"] - means["unaided"])
    assert reported["arms"] == analyzed["arms"]
    assert reported["arms"]["reference"] == "unaided"

    ai = json.loads((tmp_path / "report" / "ai.json").read_text())
    if fom == "auc":
        assert ai["readers_minus_ai"]["auc"] == analyzed["ai_vs_readers"]["readers_minus_ai"]["auc"]

    timing = json.loads((tmp_path / "report" / "timing.json").read_text())
    (paired,), (theirs,) = timing["paired"], analyzed["paired_reading_time"]
    assert (paired["first_arm"], paired["second_arm"]) == ("unaided", "aided")
    assert paired == theirs
    assert f"mean difference aided − unaided {paired['mean_difference_s']:+.2f} s" in printed

    page = (tmp_path / "report" / "report.html").read_text()
    row = re.search(rf"<td>{reported['label']}</td><td>aided − unaided</td>" + "<td>([-0-9.]+)</td>" * 3, page)
    ours = reported["or"]["rrrc"]["differences"][0]
    assert row and [float(x) for x in row.groups()] == [round(ours[k], 3) for k in ("estimate", "ci_low", "ci_high")]
    assert "Differences: aided − unaided (each later arm minus each earlier one; reference: unaided" in page
    assert "unaided − aided" not in page and "unaided − aided" not in (tmp_path / "report" / "mrmc.html").read_text()


def test_sequential_differences_are_final_minus_first(tmp_path, capsys):
    study_file = write_demo_study(tmp_path / "second", arms=("unaided", "aided-second-read"))
    assert simulate([str(study_file), "--override-washout", "--seed", "2"]) == 0
    _report(study_file, tmp_path / "report", capsys)
    sequential = json.loads((tmp_path / "report" / "sequential.json").read_text())["auc"]
    (difference,) = sequential["or"]["rrrc"]["differences"]
    means = sequential["fom_per_modality"]
    assert (difference["first"], difference["second"]) == ("final read (aided)", "first read (unaided)")
    assert difference["estimate"] == pytest.approx(means["final read (aided)"] - means["first read (unaided)"])
    assert sequential["arms"]["reference"] == "first read (unaided)"
    page = (tmp_path / "report" / "sequential.html").read_text()
    assert "Differences: final read (aided) − first read (unaided) (each later arm minus each earlier one" in page


def test_no_figure_depends_on_the_study_files_order_of_readers_arms_and_cases(tmp_path, capsys):
    study_file = write_demo_study(tmp_path / "study", n_normal=9, n_abnormal=8, readers=5)
    _read_and_export(study_file, tmp_path, capsys)
    _report(study_file, tmp_path / "before", capsys, ai_scores=False)  # the AI findings, matched case by case

    text = study_file.read_text()
    head, *readers = text.split("[[readers]]")
    head = head.replace('arms = ["unaided", "aided"]', 'arms = ["aided", "unaided"]')
    assert 'arms = ["aided", "unaided"]' in head
    study_file.write_text("[[readers]]".join([head, *reversed(readers)]).replace("\n\n\n", "\n\n"))
    cases = study_file.parent / "cases.csv"
    header, *rows = cases.read_text().splitlines()
    cases.write_text("\n".join([header, *reversed(rows)]) + "\n")
    _report(study_file, tmp_path / "after", capsys, ai_scores=False)

    for name in ("mrmc.json", "ai.json", "timing.json", "table1.json", "table1.csv", "timing_paired.csv"):
        before, after = ((tmp_path / run / name).read_text() for run in ("before", "after"))
        assert after == before, name


def test_froc_report_and_analyze_give_the_same_wafroc_difference(froc_study_file, tmp_path, capsys):
    assert simulate([str(froc_study_file), "--override-washout", "--seed", "5"]) == 0
    assert main(["export", str(froc_study_file), "--out", str(tmp_path / "marks.csv")]) == 0
    _report(froc_study_file, tmp_path / "report", capsys)
    analyzed = _json(capsys, "analyze", tmp_path / "marks.csv", "--truth", tmp_path / "marks_truth.csv", "--fom",
                     "wafroc", "--json")
    reported = json.loads((tmp_path / "report" / "mrmc.json").read_text())["wafroc"]
    (ours,), (theirs,) = reported["or"]["rrrc"]["differences"], analyzed["or"]["rrrc"]["differences"]
    assert (ours["first"], ours["second"]) == ("aided", "unaided")
    assert {k: ours[k] for k in KEYS} == {k: theirs[k] for k in KEYS}

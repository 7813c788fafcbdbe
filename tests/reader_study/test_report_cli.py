"""The CLI end to end on small simulated studies: validate, plan, export (read back by the stats), report."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.formats.long_csv import read_froc_csv, read_roc_csv
from cxr_reader_study.results.dataset_builder import build_dataset
from cxr_reader_study.simulate import main as simulate
from cxr_reader_study.stats.analyze import analyze
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.storage.store import ReadStore


def test_validate_and_plan(roc_study_file, capsys):
    assert main(["validate", str(roc_study_file)]) == 0
    out = capsys.readouterr().out
    assert "8 scored cases (4 abnormal, 4 normal), 1 training, 4 readers" in out and "warning" not in out
    assert main(["plan", str(roc_study_file)]) == 0
    out = capsys.readouterr().out
    assert "R1 (radiologist)\n  session 1: unaided" in out and "R3 (radiologist)\n  session 1: aided" in out
    assert "after 28-day washout" in out


def test_status_shows_progress_washout_and_override(roc_study_file, capsys):
    assert simulate([str(roc_study_file), "--reader", "R1"]) == 3  # stopped by the washout after arm 1
    assert "opens after the 28-day washout" in capsys.readouterr().err
    assert simulate([str(roc_study_file), "--reader", "R2", "--override-washout"]) == 0
    capsys.readouterr()
    assert main(["status", str(roc_study_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("  1. unaided: 8 of 8 study reads done, 1 of 1 training case read, finished")
    assert lines[2].startswith("  2. aided: not started, opens")
    assert "washout overridden by simulate on " in lines[5] and lines[7] == "  1. aided: not started"
    assert lines[5].endswith(": simulated reader (--override-washout)")  # who, when and why


def test_validate_reports_problems_with_exit_code_2(roc_study_file, capsys):
    (roc_study_file.parent / "cases.csv").write_text("case_id,image,truth\nX1,nope.dcm,normal\n")
    assert main(["validate", str(roc_study_file)]) == 2
    err = capsys.readouterr().err
    assert "cases.csv line 2, case X1: image 'nope.dcm' not found" in err and "no abnormal cases" in err


def test_export_matches_the_direct_dataset(roc_study_file, tmp_path):
    assert simulate([str(roc_study_file), "--override-washout"]) == 0
    out = tmp_path / "ratings.csv"
    assert main(["export", str(roc_study_file), "--out", str(out)]) == 0
    from_csv = analyze(read_roc_csv(out), "auc")
    study = load_study(roc_study_file)
    direct = analyze(build_dataset(study, ReadStore(study.database)), "auc")
    order = [from_csv.readers.index(r) for r in direct.readers]
    assert np.allclose(from_csv.fom[:, order][[from_csv.modalities.index(m) for m in direct.modalities]], direct.fom)
    assert len(out.read_text().splitlines()) == 1 + 4 * 2 * 8  # training case not exported


def test_froc_export_gives_the_same_wafroc_as_the_direct_dataset(froc_study_file, tmp_path):
    assert simulate([str(froc_study_file), "--override-washout", "--seed", "5"]) == 0
    out = tmp_path / "marks.csv"
    assert main(["export", str(froc_study_file), "--out", str(out)]) == 0
    from_csv = analyze(read_froc_csv(out, tmp_path / "marks_truth.csv"), "wafroc")
    study = load_study(froc_study_file)
    direct = analyze(build_dataset(study, ReadStore(study.database)), "wafroc")
    assert from_csv.modalities == direct.modalities and from_csv.readers == direct.readers
    assert np.allclose(from_csv.fom, direct.fom)
    assert {"LL", "NL"} <= {line.split(",")[4] for line in out.read_text().splitlines()[1:]}


@pytest.mark.parametrize("task", ["roc", "froc"])
def test_report_files(task, request, tmp_path, capsys):
    study_file = request.getfixturevalue(f"{task}_study_file")
    assert simulate([str(study_file), "--override-washout", "--seed", "3"]) == 0
    out = tmp_path / "report"
    assert main(["report", str(study_file), "--out", str(out)]) == 0
    expected = {"table1.csv", "table1.html", "table1.json", "roc_curves.png", "timing.csv", "timing.html",
                "timing_paired.csv", "timing.json", "mrmc.json", "mrmc.html", "report.html", "provenance.json", "ai.json", "ai.html",
                "washout_overrides.csv"} | ({"froc_curves.png"} if task == "froc" else set())
    assert {p.name for p in out.iterdir()} == expected
    overrides = (out / "washout_overrides.csv").read_text().splitlines()  # every reader's second arm, simulated
    assert len(overrides) == 1 + 4 and all(",simulate," in row and "simulated reader" in row for row in overrides[1:])
    mrmc = json.loads((out / "mrmc.json").read_text())
    assert set(mrmc) == {"auc", "sens", "spec"} | ({"wafroc"} if task == "froc" else set())
    assert mrmc["auc"]["modalities"] == ["unaided", "aided"] and 0 <= mrmc["auc"]["or"]["rrrc"]["p"] <= 1
    table = (out / "table1.csv").read_text().splitlines()
    metrics = (["AUC", "Sensitivity", "Specificity"] if task == "roc" else
               ["Inferred ROC AUC (highest rating)", "wAFROC", "Lesion-localised sensitivity",
                "Lesion sensitivity", "Specificity"])
    assert table[0] == ",".join(["group", "readers"] + [f"{m} — {arm}" for arm in ("unaided", "aided")
                                                        for m in metrics])
    assert [row.split(",")[:2] for row in table[1:]] == [["Radiologists", "2"], ["Non-radiologists", "2"],
                                                         ["All readers", "4"]]
    assert all(" ± " in cell for row in table[1:] for cell in row.split(",")[2:])
    with Image.open(out / "roc_curves.png") as png:
        assert png.width > 400 and np.asarray(png.convert("L")).std() > 10  # a drawn figure, not blank
    timing = (out / "timing.csv").read_text().splitlines()
    assert len(timing) == 1 + 4 * 2 + 2  # reader x arm, then all readers per arm
    assert ("median_first_mark_s" in timing[0]) == (task == "froc") and timing[0].endswith("pauses")


def test_vertical_average_of_two_roc_curves():
    from cxr_reader_study.results.plots import vertical_average

    diagonal = (np.array([0.0, 1.0]), np.array([0.0, 1.0]))
    perfect = (np.array([0.0, 0.0, 1.0]), np.array([0.0, 1.0, 1.0]))  # a vertical step at FPF 0 counts at its top
    grid = np.array([0.0, 0.25, 0.5, 1.0])
    assert np.allclose(vertical_average([diagonal, perfect], grid), [0.5, 0.625, 0.75, 1.0])


def test_report_names_a_case_missing_from_the_ai_ratings(roc_study_file, tmp_path, capsys):
    assert simulate([str(roc_study_file), "--override-washout"]) == 0
    (tmp_path / "ai.csv").write_text("case,rating\nC001,0.5\n")
    capsys.readouterr()
    assert main(["report", str(roc_study_file), "--out", str(tmp_path / "r"), "--ai-ratings",
                 str(tmp_path / "ai.csv")]) == 2
    assert "ai.csv: no AI rating for case(s) C002" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()  # nothing half-written


def test_froc_report_states_the_missing_reads(froc_study_file, tmp_path, capsys):
    assert simulate([str(froc_study_file), "--reader", "R1"]) == 3  # one arm of one reader, then the washout
    assert main(["report", str(froc_study_file), "--out", str(tmp_path / "report")]) == 0
    missing = "56 reads are missing (unfinished sessions)"  # 4 readers x 2 arms x 8 cases, 8 read
    assert missing in capsys.readouterr().out
    assert missing in (tmp_path / "report" / "report.html").read_text()


def test_mrmc_page_shows_the_dbm_tests_as_well_as_or(roc_study_file, tmp_path):
    assert simulate([str(roc_study_file), "--override-washout", "--seed", "3"]) == 0
    out = tmp_path / "report"
    assert main(["report", str(roc_study_file), "--out", str(out)]) == 0
    page, mrmc = (out / "mrmc.html").read_text(), json.loads((out / "mrmc.json").read_text())
    for fom, label in (("auc", "AUC"), ("sens", "Sensitivity"), ("spec", "Specificity")):
        assert f"{label} — Dorfman–Berbaum–Metz" in page
        dbm = mrmc[fom]["dbm"]["frrc"]  # a finite ddf, unlike OR's fixed-reader chi-square, so it is DBM's
        assert f"Fixed readers, random cases: F = {dbm['f']:.4f}, ndf = 1, ddf = {dbm['ddf']:.2f}" in page
    assert page.count("Random readers, random cases: F =") == 2 * 3  # OR and DBM for each figure of merit


def test_mrmc_json_stays_strict_when_no_error_variance_is_left():
    """Every reader perfect in one arm and rating every case alike in the other: no variance, F infinite."""
    truth = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    ratings = np.stack([np.full((3, 8), 3.0), np.tile(np.where(truth == 1, 5.0, 1.0), (3, 1))])
    result = analyze(RatingDataset(("R1", "R2", "R3"), ("unaided", "aided"), tuple(f"C{k}" for k in range(8)),
                                   truth, ratings))
    assert result.or_tests["frrc"].f == float("inf")
    out = json.loads(json.dumps(result.to_dict(), allow_nan=False))  # raised on Infinity before
    assert out["or"]["frrc"]["f"] is None and out["or"]["frrc"]["chi2"] is None and out["or"]["frrc"]["p"] == 0


def _remove_case(study_file, case_id: str) -> None:
    """The coordinator takes a case out of the study after it was read (the row and its AI entry)."""
    cases = study_file.parent / "cases.csv"
    cases.write_text("".join(line for line in cases.read_text().splitlines(keepends=True)
                             if not line.startswith(f"{case_id},")))
    ai = json.loads((study_file.parent / "ai.json").read_text())
    del ai["cases"][case_id]
    (study_file.parent / "ai.json").write_text(json.dumps(ai))


def test_reads_of_a_case_removed_from_the_case_list_are_left_out_with_a_note(roc_study_file, tmp_path, capsys):
    """report and export stopped with a KeyError traceback once a read case was removed from cases.csv."""
    assert simulate([str(roc_study_file), "--override-washout"]) == 0
    _remove_case(roc_study_file, "C004")
    capsys.readouterr()
    note = ("8 read(s) of 1 case(s) no longer in the case list were left out of every result: C004 (R1 aided, "
            "R1 unaided, R2 aided, R2 unaided, R3 aided, R3 unaided, R4 aided, R4 unaided). The database keeps them")
    assert main(["report", str(roc_study_file), "--out", str(tmp_path / "report")]) == 0
    out = capsys.readouterr().out
    assert note in out and "missing" not in out  # the left-out reads are not counted as done nor as missing
    assert note in (tmp_path / "report" / "report.html").read_text()
    timing = [row.split(",") for row in (tmp_path / "report" / "timing.csv").read_text().splitlines()[1:]]
    assert [row[3] for row in timing] == ["7"] * 8 + ["28"] * 2  # reads per reader and arm, then all readers
    assert main(["export", str(roc_study_file), "--out", str(tmp_path / "ratings.csv")]) == 0
    assert note in capsys.readouterr().out
    rows = (tmp_path / "ratings.csv").read_text().splitlines()
    assert len(rows) == 1 + 4 * 2 * 7 and not any(",C004," in row for row in rows)


def test_status_counts_a_session_like_the_reading_station_once_a_case_is_removed(roc_study_file, tmp_path,
                                                                                 capsys):
    """status said "x/9" for a session whose reader, at the station, saw "of 8": the station skips a case
    taken out of the case list since the session started, and status counted the stored order."""
    from datetime import datetime, timezone

    from cxr_reader_study.reading.ai_findings import load_findings
    from cxr_reader_study.reading.session import ReadingSession
    from cxr_reader_study.scheduling import open_session

    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    study = load_study(roc_study_file)
    store = ReadStore(study.database)
    session = ReadingSession(study, store, open_session(study, store, "R1", now), load_findings(study),
                             wall=lambda: now)
    for _ in range(3):
        session.image_shown()
        session.press_digit(3)
        session.submit()
    drawn = session.record.case_order
    _remove_case(roc_study_file, next(case for case in drawn[3:] if not study.case(case).training))
    store.close()

    study = load_study(roc_study_file)
    store = ReadStore(study.database)
    station = ReadingSession(study, store, open_session(study, store, "R1", now), load_findings(study),
                             wall=lambda: now)
    done, total = station.progress
    assert (done, total) == (3, len(drawn) - 1)
    store.close()
    assert main(["status", str(roc_study_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    trained = len(study.training_cases)  # shown first, so all read
    assert lines[1].startswith(f"  1. {station.arm.value}: {done - trained} of {total - trained} study reads done, "
                               f"{trained} of {trained} training case read, in progress")


@pytest.mark.parametrize("command", ["status", "export", "report"])
def test_a_misspelt_database_is_refused_not_created(command, roc_study_file, tmp_path, capsys):
    """A wrong --database path became a new, empty database: the report gave every AUC 0.5 with exit 0."""
    typo = tmp_path / "reads.sqlit"
    out = ["--out", str(tmp_path / "out")] if command != "status" else []
    assert main([command, str(roc_study_file), "--database", str(typo), *out]) == 2
    assert f"cxr-reader {command}: no reads database at {typo}" in capsys.readouterr().err
    assert not typo.exists() and not (tmp_path / "out").exists()

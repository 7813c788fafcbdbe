"""The report folder says what it was computed from, and at what confidence level.

A statistician handed a report folder could not tell which software, seed, study file, case list or reads it came
from (no version, no checksum, no seed anywhere in it), nor, from ``mrmc.json`` alone, whether its intervals were
95% CIs. ``provenance.json`` now records them; its reads checksum is that of ``export --format reads``.
"""

from __future__ import annotations

import hashlib
import json

from cxr_reader_study.cli import main
from cxr_reader_study.simulate import main as simulate


def test_report_records_versions_seed_checksums_and_the_reads(froc_study_file, tmp_path, capsys):
    assert simulate([str(froc_study_file), "--override-washout"]) == 0
    out = tmp_path / "report"
    assert main(["report", str(froc_study_file), "--out", str(out)]) == 0
    assert main(["export", str(froc_study_file), "--format", "reads", "--out", str(tmp_path / "reads.csv")]) == 0
    capsys.readouterr()

    record = json.loads((out / "provenance.json").read_text(encoding="utf-8"))
    study_text = froc_study_file.read_text(encoding="utf-8")
    seed = int(next(line for line in study_text.splitlines() if line.startswith("seed")).split("=")[1])
    assert record["study"]["seed"] == seed and record["study"]["task"] == "froc"
    files = record["files"]
    assert files["study"]["sha256"] == hashlib.sha256(froc_study_file.read_bytes()).hexdigest()
    case_list = froc_study_file.parent / "cases.csv"
    assert files["case_list"]["sha256"] == hashlib.sha256(case_list.read_bytes()).hexdigest()
    assert record["reads"]["sha256"] == hashlib.sha256((tmp_path / "reads.csv").read_bytes()).hexdigest()
    assert record["reads"]["count"] == len((tmp_path / "reads.csv").read_text().splitlines()) - 1
    assert record["software"]["numpy"] and record["software"]["python"]
    assert record["analysis"]["alpha"] == 0.05 and record["analysis"]["readers_analysed"]

    mrmc = json.loads((out / "mrmc.json").read_text(encoding="utf-8"))
    assert {(r["alpha"], r["confidence_level"]) for r in mrmc.values()} == {(0.05, 0.95)}
    page = (out / "report.html").read_text(encoding="utf-8")
    assert f"study seed {seed}" in page and "provenance.json" in page


def test_the_reads_checksum_changes_with_a_read(roc_study_file, tmp_path, capsys):
    """Two reports of one study taken at different moments are told apart by their reads checksum."""
    assert simulate([str(roc_study_file), "--reader", "R1", "--reader", "R2", "--override-washout"]) == 0
    assert main(["report", str(roc_study_file), "--out", str(tmp_path / "early")]) == 0
    assert simulate([str(roc_study_file), "--reader", "R3", "--override-washout"]) == 0
    assert main(["report", str(roc_study_file), "--out", str(tmp_path / "late")]) == 0
    capsys.readouterr()
    early, late = (json.loads((tmp_path / name / "provenance.json").read_text()) for name in ("early", "late"))
    assert late["reads"]["count"] > early["reads"]["count"]
    assert late["reads"]["sha256"] != early["reads"]["sha256"]
    assert late["files"] == early["files"]  # same study file and case list

"""``python -m cxr_reader_study.stats.analyze_cli``: JSON output, mounting as a subcommand, bad input."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from cxr_reader_study.formats.long_csv import write_froc_csv, write_roc_csv
from cxr_reader_study.stats import analyze_cli
from cxr_reader_study.stats.analyze import analyze
from cxr_reader_study.stats.simulate import simulate_froc, simulate_roc


def test_module_runs_on_its_own_and_prints_the_analysis_as_json(tmp_path):
    dataset = simulate_roc(n_readers=4, n_modalities=2, n_normal=20, n_abnormal=20, seed=3)
    write_roc_csv(dataset, tmp_path / "ratings.csv")
    done = subprocess.run([sys.executable, "-m", "cxr_reader_study.stats.analyze_cli", str(tmp_path / "ratings.csv"),
                           "--fom", "auc", "--json"], capture_output=True, text=True, check=True)
    out = json.loads(done.stdout)
    expected = analyze(dataset)
    assert out["fom_per_modality"]["M1"] == pytest.approx(expected.modality_means[0])
    assert set(out["or"]["variance_components"]) == {"var", "cov1", "cov2", "cov3"}
    assert out["or"]["ms_t"] == pytest.approx(expected.or_components.ms_t)
    for method in ("or", "dbm"):
        for analysis in ("rrrc", "frrc", "rrfc"):
            test = out[method][analysis]
            assert {"f", "ndf", "ddf", "p"} <= set(test)
            assert {"ci_low", "ci_high"} <= set(test["differences"][0])
    assert out["or"]["rrrc"]["f"] == pytest.approx(expected.or_tests["rrrc"].f)
    first = out["per_reader"][0]
    assert (first["modality"], first["reader"]) == ("M1", "R1")
    assert first["auc"] == pytest.approx(expected.fom[0, 0])
    assert first["auc_ci_low"] < first["auc"] < first["auc_ci_high"]


def test_mounted_as_subcommand_runs_froc_with_truth(tmp_path, capsys):
    dataset = simulate_froc(n_readers=3, n_modalities=2, n_normal=10, n_abnormal=10, seed=1)
    write_froc_csv(dataset, tmp_path / "marks.csv", tmp_path / "truth.csv")
    parser = argparse.ArgumentParser(prog="cxr-reader")
    analyze_cli.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["analyze", str(tmp_path / "marks.csv"), "--truth", str(tmp_path / "truth.csv"),
                              "--fom", "wafroc", "--json"])
    assert args.func(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["fom"] == "wafroc"
    assert out["fom_per_reader"]["M2"]["R3"] == pytest.approx(analyze(dataset, "wafroc").fom[1, 2])


def test_text_report_and_sens_needs_threshold(tmp_path, capsys):
    write_roc_csv(simulate_roc(n_readers=3, seed=2), tmp_path / "r.csv")
    assert analyze_cli.main([str(tmp_path / "r.csv"), "--fom", "sens", "--threshold", "1.0"]) == 0
    assert "OR RRRC: F =" in capsys.readouterr().out
    assert analyze_cli.main([str(tmp_path / "r.csv"), "--fom", "sens"]) == 2
    assert "positivity threshold" in capsys.readouterr().err


def test_errors_name_the_file_and_exit_2(tmp_path, capsys):
    dataset = simulate_froc(n_readers=2, n_modalities=2, n_normal=5, n_abnormal=5)
    write_froc_csv(dataset, tmp_path / "marks.csv", tmp_path / "truth.csv")
    assert analyze_cli.main([str(tmp_path / "marks.csv"), "--fom", "wafroc"]) == 2
    assert "marks.csv: FROC marks need the lesion truth file" in capsys.readouterr().err
    assert analyze_cli.main([str(tmp_path / "absent.csv")]) == 2
    assert "absent.csv: no such file" in capsys.readouterr().err

"""A ratings file written by another tool lists its rows in any order. ``cxr-reader analyze`` took the arms (and
readers and cases) in order of first appearance, so the reference arm, and with it the sign of "with AI minus
without AI", depended on which row came first. The same ratings in any row order must give the same report."""

from __future__ import annotations

import json
import random
from dataclasses import replace

import numpy as np
import pytest

from cxr_reader_study.formats.imrmc import write_imrmc
from cxr_reader_study.formats.long_csv import write_froc_csv, write_roc_csv
from cxr_reader_study.stats import analyze_cli
from cxr_reader_study.stats.simulate import simulate_froc, simulate_roc

ARMS = ("unaided", "aided")  # simulate's M2 has the higher AUC: the AI helps


def _roc(timed: bool = False):
    dataset = replace(simulate_roc(n_readers=4, n_normal=15, n_abnormal=15, modality_gain=0.8, seed=5),
                      modalities=ARMS)
    if timed:
        times = np.random.default_rng(1).uniform(10, 60, dataset.ratings.shape).round(1)
        dataset = replace(dataset, reading_times=times)
    return dataset


def _shuffled(source, target, seed: int, first_line: int = 1) -> None:
    """The same rows, header (and any preamble) kept, in another order; the first data row from another arm."""
    lines = source.read_text().splitlines()
    head, rows = lines[:first_line], lines[first_line:]
    random.Random(seed).shuffle(rows)
    target.write_text("\n".join(head + rows) + "\n")


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = analyze_cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _both_orders(tmp_path, capsys, original, *extra):
    """The JSON and the text of the file as written and with its rows reordered so the aided arm comes first."""
    for seed in range(50):
        _shuffled(original, tmp_path / "shuffled.csv", seed)
        first = (tmp_path / "shuffled.csv").read_text().splitlines()[1]
        if ",aided," in first:
            break
    outputs = []
    for path in (original, tmp_path / "shuffled.csv"):
        code, as_json, _ = _run(capsys, path, *extra, "--json")
        assert code == 0
        outputs.append((json.loads(as_json), _run(capsys, path, *extra)[1]))
    return outputs


def test_roc_rows_in_any_order_give_the_same_report_and_aided_minus_unaided(tmp_path, capsys):
    write_roc_csv(_roc(timed=True), tmp_path / "ratings.csv")
    (json_a, text_a), (json_b, text_b) = _both_orders(tmp_path, capsys, tmp_path / "ratings.csv")
    assert json_a == json_b
    assert text_a == text_b
    difference = json_a["or"]["rrrc"]["differences"][0]
    assert (difference["first"], difference["second"]) == ("aided", "unaided")
    assert difference["estimate"] == pytest.approx(json_a["fom_per_modality"]["aided"]
                                                   - json_a["fom_per_modality"]["unaided"])
    assert difference["estimate"] > 0
    assert json_a["arms"]["reference"] == "unaided"
    assert "difference = aided - unaided" in text_a
    timing = json_a["paired_reading_time"][0]
    assert (timing["first_arm"], timing["second_arm"]) == ("unaided", "aided")


def test_froc_marks_and_truth_in_any_order_give_the_same_figures(tmp_path, capsys):
    dataset = replace(simulate_froc(n_readers=3, n_normal=10, n_abnormal=10, seed=4), modalities=ARMS)
    write_froc_csv(dataset, tmp_path / "marks.csv", tmp_path / "truth.csv")
    _shuffled(tmp_path / "truth.csv", tmp_path / "truth_shuffled.csv", seed=2)
    outputs = []
    for truth in (tmp_path / "truth.csv", tmp_path / "truth_shuffled.csv"):
        outputs += _both_orders(tmp_path, capsys, tmp_path / "marks.csv", "--truth", truth, "--fom", "wafroc")
    assert all(json_ == outputs[0][0] for json_, _ in outputs)
    assert all(text == outputs[0][1] for _, text in outputs)
    assert outputs[0][0]["or"]["rrrc"]["differences"][0]["first"] == "aided"


def test_imrmc_rows_in_any_order_give_the_same_report(tmp_path, capsys):
    write_imrmc(_roc(), tmp_path / "study.imrmc")
    lines = (tmp_path / "study.imrmc").read_text().splitlines()
    data = lines.index("BEGIN DATA:") + 1
    _shuffled(tmp_path / "study.imrmc", tmp_path / "shuffled.imrmc", seed=7, first_line=data)
    assert lines[data:] != (tmp_path / "shuffled.imrmc").read_text().splitlines()[data:]
    outputs = [_run(capsys, path, "--json")[1] for path in (tmp_path / "study.imrmc", tmp_path / "shuffled.imrmc")]
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["or"]["rrrc"]["differences"][0]["first"] == "aided"


def test_arms_option_names_the_reference_and_flips_the_sign(tmp_path, capsys):
    write_roc_csv(_roc(), tmp_path / "ratings.csv")
    default = json.loads(_run(capsys, tmp_path / "ratings.csv", "--json")[1])
    code, out, _ = _run(capsys, tmp_path / "ratings.csv", "--arms", "aided,unaided", "--json")
    assert code == 0
    swapped = json.loads(out)
    d0, d1 = (result["or"]["rrrc"]["differences"][0] for result in (default, swapped))
    assert (d1["first"], d1["second"]) == ("unaided", "aided")
    assert d1["estimate"] == -d0["estimate"]
    assert (d1["ci_low"], d1["ci_high"], d1["p"]) == (-d0["ci_high"], -d0["ci_low"], d0["p"])
    assert swapped["arms"] == {"reference": "aided", "order": ["aided", "unaided"], "source": "--arms",
                               "difference": "each later arm minus each earlier one: unaided - aided"}
    assert "difference = unaided - aided (reference: aided, from --arms)" in _run(
        capsys, tmp_path / "ratings.csv", "--arms", "aided,unaided")[1]


def test_an_arm_not_in_the_file_is_refused_with_the_file_s_arms(tmp_path, capsys):
    write_roc_csv(_roc(), tmp_path / "ratings.csv")
    code, out, err = _run(capsys, tmp_path / "ratings.csv", "--arms", "unaided,with-ai")
    assert (code, out) == (2, "")
    assert "--arms: with-ai is not an arm of" in err and "its arms are aided, unaided" in err
    code, _, err = _run(capsys, tmp_path / "ratings.csv", "--arms", "aided")
    assert code == 2 and "--arms needs at least two arms" in err


def test_other_tools_arm_names_default_to_sorted_order(tmp_path, capsys):
    dataset = replace(_roc(), modalities=("2", "10"))
    write_roc_csv(dataset, tmp_path / "ratings.csv")
    out = json.loads(_run(capsys, tmp_path / "ratings.csv", "--json")[1])
    assert out["arms"]["order"] == ["2", "10"]  # numbers by value, as iMRMC and JAFROC IDs are
    assert out["arms"]["source"] == "sorted names (numbers by value)"
    assert out["or"]["rrrc"]["differences"][0]["first"] == "10"


def test_arms_option_may_choose_two_of_three_arms_and_says_which_it_left_out(tmp_path, capsys):
    dataset = replace(simulate_roc(n_readers=3, n_modalities=3, n_normal=10, n_abnormal=10, seed=2),
                      modalities=("aided-second-read", "unaided", "aided"))
    write_roc_csv(dataset, tmp_path / "ratings.csv")
    out = json.loads(_run(capsys, tmp_path / "ratings.csv", "--arms", "unaided,aided", "--json")[1])
    assert out["modalities"] == ["unaided", "aided"]
    assert out["notes"] == ["arm(s) aided-second-read left out of every analysis (not named in --arms)"]
    full = json.loads(_run(capsys, tmp_path / "ratings.csv", "--json")[1])
    assert full["modalities"] == ["unaided", "aided", "aided-second-read"]
    assert [(d["first"], d["second"]) for d in full["or"]["rrrc"]["differences"]] == [
        ("aided", "unaided"), ("aided-second-read", "unaided"), ("aided-second-read", "aided")]
    code, _, err = _run(capsys, tmp_path / "ratings.csv", "--arms", "aided,aided")
    assert code == 2 and "--arms names an arm twice" in err

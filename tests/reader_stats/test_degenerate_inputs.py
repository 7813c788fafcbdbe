"""Degenerate inputs of ``cxr-reader analyze``: no variance left, a single reader, too few cases, a bad alpha.

A publication takes these numbers as they come, so each must be a correct figure or a clear refusal, and the
``--json`` output must stay strict JSON (no NaN or Infinity) whatever the data.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from cxr_reader_study.formats.long_csv import write_roc_csv
from cxr_reader_study.stats import analyze_cli
from cxr_reader_study.stats.analyze import analyze
from cxr_reader_study.stats.dataset import RatingDataset

TRUTH = np.array([0, 0, 0, 0, 1, 1, 1, 1])
CASES = tuple(f"C{k}" for k in range(TRUTH.size))


def _strict_json(text: str) -> dict:
    """json.loads that refuses NaN/Infinity, which Python writes by default but JSON does not allow."""
    def refuse(constant: str):
        raise ValueError(f"not strict JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


def _run(args, capsys) -> tuple[int, str, str]:
    code = analyze_cli.main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _perfect_then_flat(readers=("A", "B", "C")) -> RatingDataset:
    """Every reader separates the classes perfectly in "perfect" and rates every case 3 in "flat": the
    jackknife of either modality has no variance at all."""
    perfect = np.where(TRUTH == 1, 5.0, 1.0)
    ratings = np.stack([np.tile(perfect, (len(readers), 1)), np.full((len(readers), TRUTH.size), 3.0)])
    return RatingDataset(readers, ("perfect", "flat"), CASES, TRUTH, ratings)


def test_readers_equal_to_a_perfect_ai_are_no_difference_and_json_stays_strict(tmp_path, capsys):
    """Readers' mean AUC minus the AI's with zero standard error: a zero difference is t = 0, p = 1 (it was
    t = inf, p = 0: "certainly different"), a nonzero one is a signed infinite t, written as null."""
    write_roc_csv(_perfect_then_flat(), tmp_path / "ratings.csv")
    (tmp_path / "ai.csv").write_text("case,rating\n" + "".join(
        f"{case},{0.9 if truth else 0.1}\n" for case, truth in zip(CASES, TRUTH)))
    code, out, _ = _run([tmp_path / "ratings.csv", "--ai-ratings", tmp_path / "ai.csv", "--json"], capsys)
    assert code == 0
    comparison = _strict_json(out)["ai_vs_readers"]["readers_minus_ai"]["auc"]
    same, worse = comparison["perfect"], comparison["flat"]
    assert (same["difference"], same["se"], same["t"], same["p"]) == (0.0, 0.0, 0.0, 1.0)
    assert (worse["difference"], worse["se"], worse["p"]) == (-0.5, 0.0, 0.0)
    assert worse["t"] is None  # -inf: JSON has no infinity

    code, out, _ = _run([tmp_path / "ratings.csv", "--ai-ratings", tmp_path / "ai.csv"], capsys)
    assert "readers (perfect) - AI, AUC: +0.0000, df inf, 95% CI [+0.0000, +0.0000], p = 1" in out


def test_zero_variance_mrmc_output_is_strict_json(tmp_path, capsys):
    write_roc_csv(_perfect_then_flat(), tmp_path / "ratings.csv")
    code, out, _ = _run([tmp_path / "ratings.csv", "--json", "--threshold", "3"], capsys)
    assert code == 0
    result = _strict_json(out)
    rrrc = result["or"]["rrrc"]
    assert rrrc["f"] is None and rrrc["p"] == 0.0  # a difference of 0.5 with no error variance at all
    assert [row["auc_se"] for row in result["per_reader"]] == [0.0] * 6


@pytest.mark.parametrize("alpha", ["0", "1", "1.5", "-0.05", "nan"])
def test_alpha_outside_zero_one_is_refused(tmp_path, capsys, alpha):
    """alpha = 0 gave infinite intervals (-Infinity in the JSON), alpha > 1 inverted ones; exit status 2."""
    write_roc_csv(_perfect_then_flat(), tmp_path / "ratings.csv")
    with pytest.raises(SystemExit) as stopped:
        analyze_cli.main([str(tmp_path / "ratings.csv"), "--alpha", alpha, "--json"])
    assert stopped.value.code == 2
    assert "significance level must lie strictly between 0 and 1" in capsys.readouterr().err


def test_single_reader_is_refused_with_a_message_naming_the_reader(tmp_path, capsys):
    write_roc_csv(_perfect_then_flat(readers=("A",)), tmp_path / "ratings.csv")
    code, out, err = _run([tmp_path / "ratings.csv", "--json"], capsys)
    assert (code, out) == (2, "")
    assert "the MRMC analysis (OR and DBM) needs at least two readers; the data have one (A)" in err


def test_single_modality_points_to_the_ai_comparison():
    one = _perfect_then_flat()
    single = RatingDataset(one.readers, ("perfect",), CASES, TRUTH, one.ratings[:1])
    with pytest.raises(ValueError, match=r"the data have one \(perfect\); readers versus a standalone AI: --ai"):
        analyze(single)


def test_too_few_cases_for_the_jackknife_says_how_many(tmp_path, capsys):
    one_normal = np.array([0, 1, 1, 1])
    ratings = np.array([[[1.0, 2, 3, 4], [2, 3, 4, 5]], [[1, 3, 3, 5], [1, 2, 5, 4]]])
    write_roc_csv(RatingDataset(("A", "B"), ("M1", "M2"), CASES[:4], one_normal, ratings), tmp_path / "r.csv")
    code, _, err = _run([tmp_path / "r.csv"], capsys)
    assert code == 2 and "at least two normal and two abnormal cases (has 1 normal, 3 abnormal)" in err
    code, _, err = _run([tmp_path / "r.csv", "--fom", "spec", "--threshold", "3"], capsys)
    assert code == 2 and "the jackknife of specificity needs at least two normal cases (has 1)" in err
    code, out, _ = _run([tmp_path / "r.csv", "--fom", "sens", "--threshold", "3"], capsys)
    assert code == 0 and "OR RRRC" in out  # sensitivity jackknifes the three abnormal cases only


def test_a_nan_threshold_is_refused(tmp_path, capsys):
    """NaN compares false with every rating: it gave sensitivity and specificity 0 without a word; exit status 2."""
    write_roc_csv(_perfect_then_flat(), tmp_path / "ratings.csv")
    with pytest.raises(SystemExit) as stopped:
        analyze_cli.main([str(tmp_path / "ratings.csv"), "--threshold", "nan", "--json"])
    assert stopped.value.code == 2
    assert "the positivity threshold must be a number, got nan" in capsys.readouterr().err

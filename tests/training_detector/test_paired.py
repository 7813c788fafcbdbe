"""Paired comparison of two detectors: hand-made marks with known differences, the alignment guards, the CLI."""

import json

import pytest

from model_training.detection.froc import ImageMarks, Lesion, Mark
from model_training.detection.paired import paired_difference, paired_report


def _lesion(x, y):
    return Lesion(x, y, 20.0, 14.0, 3)


def _films(hit_second: bool) -> list[ImageMarks]:
    """Five films, three with a nodule; the detector always finds the first, the second only when asked."""
    second = (Mark(200, 200, 0.8),) if hit_second else (Mark(400, 400, 0.8),)
    return [ImageMarks("a", (_lesion(100, 100),), (Mark(100, 100, 0.9),)),
            ImageMarks("b", (_lesion(200, 200),), second),
            ImageMarks("c", (_lesion(300, 300),), ()),
            ImageMarks("d", (), (Mark(50, 50, 0.3),)),
            ImageMarks("e", (), ())]


def test_a_detector_against_itself_differs_by_exactly_zero():
    result = paired_difference(_films(True), _films(True), replicates=50)
    assert set(result["difference"]) >= {"cpm", "1", "0.25", "image_auc"}
    assert all(value == 0 for value in result["difference"].values())
    assert all(low == high == 0 for low, high in result["ci95"].values())
    assert result["share_a_not_better"]["cpm"] == 1.0  # A ≤ B in every resample: no evidence A is better


def test_one_more_nodule_found_shows_as_a_positive_difference_with_a_paired_interval():
    better, worse = _films(True), _films(False)
    result = paired_difference(better, list(reversed(worse)), replicates=400, seed=1)  # order does not matter
    assert result["a"]["1"] == pytest.approx(2 / 3) and result["b"]["1"] == pytest.approx(1 / 3)
    assert result["difference"]["1"] == pytest.approx(1 / 3)
    assert result["difference"]["cpm"] > 0
    low, high = result["ci95"]["cpm"]
    assert 0 <= low < high  # A is never worse on any film, so no resample puts it behind
    # a resample without film "b" ties (A ≤ B), which happens in about (1 - 1/5)^5 = 33 % of them
    assert 0.2 < result["share_a_not_better"]["cpm"] < 0.5
    result |= {"label_a": "better", "label_b": "worse", "split": "hand-made"}
    report = paired_report(result)
    assert report.startswith("# Paired comparison: better (A) against worse (B)")
    assert "| sensitivity @ 1 FP/image | 0.667 | 0.333 | +0.333 [" in report


def test_different_films_or_reference_nodules_are_refused():
    films = _films(True)
    with pytest.raises(ValueError, match="same images"):
        paired_difference(films, films[:4])
    moved = films[:2] + [ImageMarks("c", (_lesion(310, 300),), ())] + films[3:]
    with pytest.raises(ValueError, match="different reference nodules"):
        paired_difference(films, moved)


def test_cli_pairs_one_switch_of_a_run_root_and_matches_both_evaluations(fold_runs, tmp_path, capsys):
    pytest.importorskip("torch")
    from model_training import cli

    options = ["--tta", "identity", "--replicates", "20"]
    assert cli.main(["compare-detectors", str(fold_runs), "--no-lung-fp-reduction-b", "--label-a", "with",
                     "--label-b", "without", *options, "--results-dir", str(tmp_path / "paired")]) == 0
    assert "# Paired comparison: with (A) against without (B)" in capsys.readouterr().out
    paired = json.loads(next((tmp_path / "paired").glob("detector-paired-*.json")).read_text())
    assert paired["kind"] == "paired" and paired["settings_b"]["post"]["lung_fp_reduction"] is False
    singles = {}
    for name, switch in (("with", []), ("without", ["--no-lung-fp-reduction"])):
        assert cli.main(["evaluate", "detector", str(fold_runs), *options, *switch,
                         "--results-dir", str(tmp_path / name)]) == 0
        singles[name] = json.loads(next((tmp_path / name).glob("detector-oof-*.json")).read_text())["metrics"]
    assert paired["a"] == singles["with"] and paired["b"] == singles["without"]  # each side scored as evaluate does
    assert paired["difference"]["cpm"] == pytest.approx(singles["with"]["cpm"] - singles["without"]["cpm"])
    capsys.readouterr()
    assert cli.main(["compare-detectors", str(fold_runs), str(fold_runs), *options]) == 2
    assert "same detector at the same settings" in capsys.readouterr().err

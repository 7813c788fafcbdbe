"""``cxr-reader analyze --ai-ratings``: the AI's standalone AUC with CI and readers (per modality) versus AI."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cxr_reader_study.formats.long_csv import write_roc_csv
from cxr_reader_study.stats import analyze_cli
from cxr_reader_study.stats.ai_summary import ai_rating_dataset
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.simulate import simulate_roc
from cxr_reader_study.stats.standalone import ai_vs_readers


def _mann_whitney(abnormal, normal) -> float:
    """AUC by counting pairs, independent of the package's kernel."""
    wins = sum((a > n) + 0.5 * (a == n) for a in abnormal for n in normal)
    return wins / (len(abnormal) * len(normal))


def _write_ai(path, cases, scores) -> None:
    path.write_text("case,rating\n" + "".join(f"{c},{float(s)!r}\n" for c, s in zip(cases, scores)))


@pytest.fixture
def study(tmp_path):
    dataset = simulate_roc(n_readers=4, n_modalities=2, n_normal=15, n_abnormal=15, seed=8)
    write_roc_csv(dataset, tmp_path / "ratings.csv")
    rng = np.random.default_rng(1)
    scores = np.round(dataset.truth * 0.8 + rng.normal(0, 0.5, dataset.truth.size), 2)
    _write_ai(tmp_path / "ai.csv", reversed(dataset.cases), scores[::-1])  # order must not matter
    return dataset, scores, tmp_path


def _run(args, capsys):
    code = analyze_cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_has_the_ai_auc_and_readers_minus_ai_per_modality(study, capsys):
    dataset, scores, folder = study
    code, out, _ = _run([str(folder / "ratings.csv"), "--ai-ratings", str(folder / "ai.csv"), "--json"], capsys)
    assert code == 0
    result = json.loads(out)["ai_vs_readers"]
    auc = result["ai"]["auc"]
    assert auc["value"] == pytest.approx(_mann_whitney(scores[dataset.truth == 1], scores[dataset.truth == 0]))
    assert auc["ci_low"] < auc["value"] < auc["ci_high"] and auc["method"] == "DeLong"
    ai = ai_rating_dataset(dataset, list(scores))
    for modality in dataset.modalities:
        expected = ai_vs_readers(dataset, ai, modality)
        got = result["readers_minus_ai"]["auc"][modality]
        assert got["difference"] == pytest.approx(expected.difference)
        assert got["p"] == pytest.approx(expected.p)
        assert got["difference"] == pytest.approx(got["reader_mean_fom"] - auc["value"])
        assert got["ci_low"] < got["difference"] < got["ci_high"]


def test_single_modality_file_gets_the_ai_comparison_without_mrmc(study, capsys):
    dataset, scores, folder = study
    one = RatingDataset(dataset.readers, dataset.modalities[:1], dataset.cases, dataset.truth, dataset.ratings[:1])
    write_roc_csv(one, folder / "one.csv")
    code, out, _ = _run([str(folder / "one.csv"), "--ai-ratings", str(folder / "ai.csv")], capsys)
    assert code == 0
    assert out.startswith("AI standalone AUC: ") and "readers (M1) - AI, AUC:" in out and "OR:" not in out


def test_a_case_without_ai_rating_is_named(study, capsys):
    dataset, scores, folder = study
    _write_ai(folder / "short.csv", dataset.cases[1:], scores[1:])
    code, out, err = _run([str(folder / "ratings.csv"), "--ai-ratings", str(folder / "short.csv")], capsys)
    assert code == 2 and out == ""
    assert "short.csv: no AI rating for case(s) " + dataset.cases[0] in err


def test_a_non_numeric_ai_rating_names_file_and_line(study, capsys):
    dataset, _, folder = study
    (folder / "bad.csv").write_text(f"case,rating\n{dataset.cases[0]},high\n")
    code, _, err = _run([str(folder / "ratings.csv"), "--ai-ratings", str(folder / "bad.csv")], capsys)
    assert code == 2 and "bad.csv, line 2: rating 'high' is not a number" in err

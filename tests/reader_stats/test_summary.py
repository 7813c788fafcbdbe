"""Per-reader summaries, the group x arm Table 1, and standalone AI versus readers."""

from __future__ import annotations

import numpy as np
import pytest

from cxr_reader_study.stats.analyze import analyze
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.roc import empirical_auc
from cxr_reader_study.stats.simulate import simulate_roc
from cxr_reader_study.stats.standalone import ai_vs_readers
from cxr_reader_study.stats.summary import per_reader_summary, table1


def _timed(dataset: RatingDataset) -> RatingDataset:
    times = np.arange(dataset.ratings.size, dtype=float).reshape(dataset.ratings.shape) % 7 + 10
    return RatingDataset(dataset.readers, dataset.modalities, dataset.cases, dataset.truth, dataset.ratings,
                         reading_times=times)


def test_per_reader_summary_values():
    dataset = _timed(simulate_roc(n_readers=2, n_modalities=2, n_normal=10, n_abnormal=12, seed=5))
    rows = per_reader_summary(dataset, threshold=1.0)
    assert [(r.modality, r.reader) for r in rows] == [("M1", "R1"), ("M1", "R2"), ("M2", "R1"), ("M2", "R2")]
    last = rows[-1]
    ratings, truth = dataset.ratings[1, 1], dataset.truth
    assert last.auc == pytest.approx(empirical_auc(ratings[truth == 1], ratings[truth == 0]))
    assert last.auc_ci_low < last.auc < last.auc_ci_high
    assert last.sensitivity == pytest.approx(np.mean(ratings[truth == 1] >= 1.0))
    assert last.specificity == pytest.approx(np.mean(ratings[truth == 0] < 1.0))
    assert last.time_mean == pytest.approx(dataset.reading_times[1, 1].mean())
    assert last.time_median == pytest.approx(np.median(dataset.reading_times[1, 1]))


def test_table1_groups_by_reader_group_and_arm():
    dataset = simulate_roc(n_readers=4, n_modalities=2, seed=6)
    rows = per_reader_summary(dataset, threshold=1.0)
    groups = {"R1": "radiologists", "R2": "radiologists", "R3": "non-radiologists", "R4": "non-radiologists"}
    table = table1(rows, groups)
    assert [(r["group"], r["modality"]) for r in table] == [
        ("radiologists", "M1"), ("radiologists", "M2"), ("non-radiologists", "M1"), ("non-radiologists", "M2"),
        ("All readers", "M1"), ("All readers", "M2")]
    aucs = [r.auc for r in rows if r.modality == "M2" and r.reader in ("R3", "R4")]
    cell = table[3]["auc"]
    assert cell["mean"] == pytest.approx(np.mean(aucs))
    assert cell["sd"] == pytest.approx(np.std(aucs, ddof=1))
    assert cell["text"] == f"{np.mean(aucs):.3f} ± {np.std(aucs, ddof=1):.3f}"
    assert table[4]["n_readers"] == 4


def test_standalone_ai_equals_two_modality_or_with_ai_replicated():
    """The one-sample OR test on reader-minus-AI differences is the OR analysis of a two-modality
    study in which every reader's second-modality ratings are the AI's."""
    readers = simulate_roc(n_readers=5, n_modalities=1, n_normal=30, n_abnormal=30, seed=9)
    ai_ratings = np.round(readers.truth * 1.8 + np.random.default_rng(1).normal(0, 1, len(readers.cases)), 1)
    ai = RatingDataset(("AI",), ("AI",), readers.cases, readers.truth, ai_ratings[None, None, :])
    comparison = ai_vs_readers(readers, ai)

    combined = RatingDataset(readers.readers, ("readers", "AI"), readers.cases, readers.truth,
                             np.concatenate([readers.ratings, np.broadcast_to(ai_ratings, readers.ratings.shape)]))
    rrrc = analyze(combined).or_tests["rrrc"]
    (difference,) = rrrc.differences
    assert comparison.difference == pytest.approx(difference.estimate)
    assert comparison.se == pytest.approx(difference.se)
    assert comparison.df == pytest.approx(rrrc.ddf)
    assert comparison.p == pytest.approx(rrrc.p)
    assert (comparison.ci_low, comparison.ci_high) == pytest.approx((difference.ci_low, difference.ci_high))
    assert comparison.ai_fom == pytest.approx(empirical_auc(ai_ratings[readers.truth == 1],
                                                            ai_ratings[readers.truth == 0]))


def test_standalone_refuses_mismatched_cases():
    readers = simulate_roc(n_readers=3, n_modalities=1, n_normal=5, n_abnormal=5)
    other = simulate_roc(n_readers=1, n_modalities=1, n_normal=6, n_abnormal=5)
    with pytest.raises(ValueError, match="same cases"):
        ai_vs_readers(readers, other)

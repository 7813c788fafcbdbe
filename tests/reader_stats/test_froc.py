"""FROC figures of merit: properties that must hold, and the scoring of click marks."""

from __future__ import annotations

import numpy as np
import pytest

from cxr_reader_study.stats.dataset import FrocMarks, RatingDataset
from cxr_reader_study.stats.fom import compute_fom
from cxr_reader_study.stats.froc import afroc_curve, froc_curve
from cxr_reader_study.stats.marks import Lesion, Mark, classify_marks
from cxr_reader_study.stats.simulate import simulate_froc


def _with_marks(dataset: RatingDataset, ll=None, nl=None) -> RatingDataset:
    froc = dataset.froc
    froc = FrocMarks(froc.lesion_ids, froc.lesion_weights, froc.ll_ratings if ll is None else ll,
                     froc.nl_ratings if nl is None else nl)
    ratings = np.maximum(froc.ll_ratings.max(axis=3), froc.nl_ratings.max(axis=3))
    return RatingDataset(dataset.readers, dataset.modalities, dataset.cases, dataset.truth, ratings, froc)


def test_perfect_reader_scores_one():
    dataset = simulate_froc(n_readers=2, n_modalities=1, seed=1)
    ll = np.where(dataset.froc.lesion_mask[None, None], 5.0, -np.inf) * np.ones_like(dataset.froc.ll_ratings)
    nl = np.full(dataset.froc.nl_ratings.shape, -np.inf)
    nl[..., 0] = np.where(dataset.truth == 0, 1.0, 9.0)  # NL marks on abnormal cases outrank every lesion
    perfect = _with_marks(dataset, np.where(np.isnan(ll), -np.inf, ll), nl)
    np.testing.assert_allclose(compute_fom(perfect, "wafroc").fom, 1.0)
    np.testing.assert_allclose(compute_fom(perfect, "afroc").fom, 1.0)


def test_wafroc_ignores_nl_marks_on_abnormal_cases():
    dataset = simulate_froc(n_readers=3, n_modalities=2, seed=4)
    nl = dataset.froc.nl_ratings.copy()
    nl[:, :, dataset.truth == 1] = np.round(np.random.default_rng(0).normal(3, 1, nl[:, :, dataset.truth == 1].shape))
    changed = _with_marks(dataset, nl=nl)
    np.testing.assert_allclose(compute_fom(changed, "wafroc").fom, compute_fom(dataset, "wafroc").fom)
    np.testing.assert_allclose(compute_fom(changed, "wafroc").jackknife, compute_fom(dataset, "wafroc").jackknife)
    assert not np.allclose(compute_fom(changed, "auc").fom, compute_fom(dataset, "auc").fom)


def test_one_lesion_per_case_without_abnormal_nl_equals_inferred_roc_auc():
    dataset = simulate_froc(n_readers=3, n_modalities=2, max_lesions=1, seed=8)
    nl = dataset.froc.nl_ratings.copy()
    nl[:, :, dataset.truth == 1] = -np.inf
    clean = _with_marks(dataset, nl=nl)
    auc, wafroc, afroc = (compute_fom(clean, f) for f in ("auc", "wafroc", "afroc"))
    np.testing.assert_allclose(wafroc.fom, afroc.fom)
    np.testing.assert_allclose(wafroc.fom, auc.fom)
    np.testing.assert_allclose(wafroc.jackknife, auc.jackknife)


def test_weighting_matters_only_with_several_lesions():
    dataset = simulate_froc(n_readers=2, n_modalities=1, max_lesions=3, seed=9)
    assert not np.allclose(compute_fom(dataset, "wafroc").fom, compute_fom(dataset, "afroc").fom)


@pytest.mark.parametrize("weighted", [True, False])
def test_area_under_afroc_curve_is_the_fom(weighted):
    dataset = simulate_froc(n_readers=2, n_modalities=1, seed=3)
    fom = compute_fom(dataset, "wafroc" if weighted else "afroc").fom
    for reader in range(2):
        curve = afroc_curve(dataset, 0, reader, weighted)
        assert np.trapezoid(curve.y, curve.x) == pytest.approx(fom[0, reader])


def test_froc_curve_ends_at_all_marks():
    dataset = simulate_froc(n_readers=1, n_modalities=1, seed=6)
    curve = froc_curve(dataset, 0, 0)
    froc = dataset.froc
    assert curve.x[-1] == pytest.approx(np.isfinite(froc.nl_ratings).sum() / len(dataset.cases))
    assert curve.y[-1] == pytest.approx(np.isfinite(froc.ll_ratings).sum() / froc.n_lesions.sum())
    assert np.all(np.diff(curve.x) >= 0) and np.all(np.diff(curve.y) >= 0)


def test_classify_marks_uses_the_acceptance_radius_and_one_ll_per_lesion():
    lesions = [Lesion("c1", "L1", 100, 100, 10), Lesion("c1", "L2", 130, 100, 10)]
    marks = [
        Mark("c1", 113, 100, 3),  # 13 px from L1, 17 from L2: outside both at factor 1
        Mark("c1", 98, 102, 5),  # inside L1
        Mark("c1", 145, 100, 2),  # 15 px from L2: NL at factor 1, LL at factor 2
        Mark("c2", 100, 100, 4),  # a case without lesions
    ]
    scored = classify_marks(marks, lesions, acceptance_radius_factor=1.0)
    assert [(s.mark_type, s.lesion_id) for s in scored] == [("NL", None), ("LL", "L1"), ("NL", None), ("NL", None)]
    wider = classify_marks(marks, lesions, acceptance_radius_factor=2.0)
    # at factor 2 the first mark hits both; L1 is taken by the higher-rated mark, so it takes L2,
    # and the third mark, inside L2 only, finds it taken
    assert [(s.mark_type, s.lesion_id) for s in wider] == [("LL", "L2"), ("LL", "L1"), ("NL", None), ("NL", None)]
    with pytest.raises(ValueError, match="positive"):
        classify_marks(marks, lesions, 0)

"""The O(n log n) kernel sums and O(1) jackknife against brute force on random data with ties and -inf."""

from __future__ import annotations

import numpy as np

from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.fom import compute_fom
from cxr_reader_study.stats.froc import afroc_fom
from cxr_reader_study.stats.kernel import kernel_sums
from cxr_reader_study.stats.simulate import simulate_froc


def _psi(normal, item):
    return np.where(item > normal, 1.0, np.where(item == normal, 0.5, 0.0))


def test_kernel_sums_equal_the_explicit_matrix():
    rng = np.random.default_rng(3)
    items = rng.integers(0, 5, 40).astype(float)
    items[:5] = -np.inf
    weights = rng.random(40)
    item_case = rng.integers(0, 12, 40)
    normals = rng.integers(0, 5, 30).astype(float)
    normals[:4] = -np.inf
    matrix = weights[:, None] * _psi(normals[None, :], items[:, None])
    sums = kernel_sums(items, weights, item_case, 12, normals)
    np.testing.assert_allclose(sums.total, matrix.sum())
    np.testing.assert_allclose(sums.per_normal_case, matrix.sum(axis=0))
    np.testing.assert_allclose(sums.per_abnormal_case, [matrix[item_case == a].sum() for a in range(12)])


def _drop_case(dataset: RatingDataset, k: int) -> RatingDataset:
    keep = np.arange(len(dataset.cases)) != k
    froc = dataset.froc
    if froc is not None:
        froc = type(froc)(tuple(ids for ids, kept in zip(froc.lesion_ids, keep) if kept),
                          froc.lesion_weights[keep], froc.ll_ratings[:, :, keep], froc.nl_ratings[:, :, keep])
    return RatingDataset(dataset.readers, dataset.modalities, tuple(np.array(dataset.cases)[keep]),
                         dataset.truth[keep], dataset.ratings[:, :, keep], froc)


def test_vectorised_jackknife_equals_recomputing_without_each_case():
    dataset = simulate_froc(n_readers=2, n_modalities=2, n_normal=6, n_abnormal=7, seed=5)
    for fom in ("auc", "wafroc", "afroc"):
        jack = compute_fom(dataset, fom)
        for k in range(len(dataset.cases)):
            again = compute_fom(_drop_case(dataset, k), fom)
            np.testing.assert_allclose(jack.jackknife[:, :, k], again.fom, err_msg=f"{fom}, case {k}")


def test_afroc_fom_helper_matches_the_matrix():
    dataset = simulate_froc(n_readers=2, n_modalities=1, seed=2)
    np.testing.assert_allclose(compute_fom(dataset, "wafroc").fom[0, 1], afroc_fom(dataset, 0, 1, weighted=True))

"""Row and column sums of the (weighted) Mann-Whitney kernel without building the kernel matrix.

Every empirical figure of merit here (ROC AUC, AFROC, wAFROC) is a normalised sum of
psi(normal score, abnormal item) = 1 if the abnormal item is rated higher, 1/2 on a tie, 0 otherwise,
with a weight per abnormal item. Removing one case from the sum only subtracts that case's row (abnormal)
or column (normal) sum, so with these sums every leave-one-case-out figure of merit costs O(1): the whole
jackknife is one sort per reader and modality instead of cases x (abnormal x normal) work.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class KernelSums:
    """Sum of the weighted kernel, and its sums per abnormal case and per normal case."""

    total: float
    per_abnormal_case: np.ndarray
    per_normal_case: np.ndarray


def kernel_sums(
    item_scores: np.ndarray,
    item_weights: np.ndarray,
    item_case: np.ndarray,
    n_abnormal_cases: int,
    normal_scores: np.ndarray,
) -> KernelSums:
    """Sums of w * psi(normal, item) over all pairs.

    ``item_scores``/``item_weights``/``item_case`` describe the abnormal items (one per abnormal case for
    ROC, one per lesion for AFROC/wAFROC) and which abnormal case (0..n_abnormal_cases-1) each belongs to.
    ``-inf`` scores are allowed and tie with each other.
    """
    sorted_normals = np.sort(normal_scores)
    below = np.searchsorted(sorted_normals, item_scores, side="left")
    below_or_tied = np.searchsorted(sorted_normals, item_scores, side="right")
    per_item = item_weights * (below + 0.5 * (below_or_tied - below))
    per_abnormal = np.bincount(item_case, weights=per_item, minlength=n_abnormal_cases)

    order = np.argsort(item_scores, kind="stable")
    sorted_items = item_scores[order]
    cumulative = np.concatenate(([0.0], np.cumsum(item_weights[order])))
    first_tied = np.searchsorted(sorted_items, normal_scores, side="left")
    after_tied = np.searchsorted(sorted_items, normal_scores, side="right")
    above = cumulative[-1] - cumulative[after_tied]
    tied = cumulative[after_tied] - cumulative[first_tied]
    per_normal = above + 0.5 * tied
    return KernelSums(float(per_item.sum()), per_abnormal, per_normal)


def fom_and_jackknife(
    sums: KernelSums, abnormal_case_weight: np.ndarray, truth: np.ndarray
) -> tuple[float, np.ndarray]:
    """The figure of merit and its leave-one-case-out values, in case order given by ``truth``.

    The figure of merit is total / (n_normal * W) with W the summed item weight; removing abnormal case a
    removes its row sum and its weight ``abnormal_case_weight[a]`` from W, removing a normal case removes its
    column sum and one normal.
    """
    n_normal = len(sums.per_normal_case)
    if n_normal < 2 or len(sums.per_abnormal_case) < 2:
        raise ValueError(f"the jackknife needs at least two normal and two abnormal cases (has {n_normal} normal, "
                         f"{len(sums.per_abnormal_case)} abnormal)")
    total_weight = float(abnormal_case_weight.sum())
    fom = sums.total / (n_normal * total_weight)
    jackknife = np.empty(len(truth))
    jackknife[truth == 0] = (sums.total - sums.per_normal_case) / ((n_normal - 1) * total_weight)
    jackknife[truth == 1] = (sums.total - sums.per_abnormal_case) / (
        n_normal * (total_weight - abnormal_case_weight)
    )
    return fom, jackknife

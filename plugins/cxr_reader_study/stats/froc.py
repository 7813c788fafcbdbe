"""FROC figures of merit of one reader and modality: AFROC, wAFROC, and the FROC/AFROC operating points.

Conventions (Chakraborty's, as in RJafroc): an unmarked lesion scores ``-inf``; a normal case's false-positive
score is its highest non-lesion mark (``-inf`` when unmarked); ties count 1/2; non-lesion marks on abnormal
cases do not enter AFROC or wAFROC.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dataset import RatingDataset
from .kernel import KernelSums, kernel_sums


@dataclass(frozen=True)
class AfrocInputs:
    """One reader's abnormal items (lesions) and normal-case scores, ready for the kernel."""

    sums: KernelSums
    case_weight: np.ndarray


def afroc_inputs(dataset: RatingDataset, modality: int, reader: int, weighted: bool) -> AfrocInputs:
    """Kernel sums over (normal case, lesion) pairs; wAFROC weights each lesion, AFROC counts each as 1."""
    froc = dataset.froc
    if froc is None:
        raise ValueError("AFROC figures of merit need FROC marks and lesion truth")
    abnormal = dataset.truth == 1
    mask = froc.lesion_mask[abnormal]
    weights = froc.lesion_weights[abnormal] if weighted else mask.astype(float)
    item_case = np.broadcast_to(np.arange(mask.shape[0])[:, None], mask.shape)[mask]
    lesion_scores = froc.ll_ratings[modality, reader][abnormal][mask]
    fp_scores = froc.nl_ratings[modality, reader][~abnormal].max(axis=1)
    sums = kernel_sums(lesion_scores, weights[mask], item_case, mask.shape[0], fp_scores)
    return AfrocInputs(sums, (weights * mask).sum(axis=1))


def afroc_fom(dataset: RatingDataset, modality: int, reader: int, weighted: bool = True) -> float:
    """wAFROC (default) or AFROC area under the empirical curve."""
    inputs = afroc_inputs(dataset, modality, reader, weighted)
    return inputs.sums.total / (len(inputs.sums.per_normal_case) * inputs.case_weight.sum())


@dataclass(frozen=True)
class OperatingPoints:
    """Curve points for descending rating thresholds, starting at the origin."""

    x: np.ndarray
    y: np.ndarray


def _cumulative_fraction(scores: np.ndarray, thresholds: np.ndarray, denominator: float, weights=None):
    order = np.argsort(-scores)
    cumulative = np.concatenate(([0.0], np.cumsum(np.ones(scores.size) if weights is None else weights[order])))
    counts = np.searchsorted(-scores[order], -thresholds, side="right")
    return cumulative[counts] / denominator


def froc_curve(dataset: RatingDataset, modality: int, reader: int) -> OperatingPoints:
    """NLF (non-lesion marks per image, all cases) against LLF (fraction of lesions localised)."""
    froc = dataset.froc
    if froc is None:
        raise ValueError("an FROC curve needs FROC marks")
    ll = froc.ll_ratings[modality, reader][froc.lesion_mask]
    nl = froc.nl_ratings[modality, reader].ravel()
    ll, nl = ll[np.isfinite(ll)], nl[np.isfinite(nl)]
    thresholds = np.unique(np.concatenate((ll, nl)))[::-1]
    nlf = _cumulative_fraction(nl, thresholds, len(dataset.cases))
    llf = _cumulative_fraction(ll, thresholds, int(froc.n_lesions.sum()))
    return OperatingPoints(np.concatenate(([0.0], nlf)), np.concatenate(([0.0], llf)))


def afroc_curve(dataset: RatingDataset, modality: int, reader: int, weighted: bool = True) -> OperatingPoints:
    """FPF (normal cases with a mark at or above the threshold) against (weighted) LLF, ending at (1, 1)."""
    froc = dataset.froc
    if froc is None:
        raise ValueError("an AFROC curve needs FROC marks")
    abnormal = dataset.truth == 1
    mask = froc.lesion_mask[abnormal]
    weights = (froc.lesion_weights[abnormal] if weighted else mask.astype(float))[mask]
    lesion_scores = froc.ll_ratings[modality, reader][abnormal][mask]
    fp_scores = froc.nl_ratings[modality, reader][~abnormal].max(axis=1)
    marked = lesion_scores[np.isfinite(lesion_scores)]
    thresholds = np.unique(np.concatenate((marked, fp_scores[np.isfinite(fp_scores)])))[::-1]
    fpf = _cumulative_fraction(fp_scores, thresholds, fp_scores.size)
    llf = _cumulative_fraction(lesion_scores, thresholds, weights.sum(), weights)
    return OperatingPoints(np.concatenate(([0.0], fpf, [1.0])), np.concatenate(([0.0], llf, [1.0])))

"""Figure-of-merit matrix [modality, reader] and its leave-one-case-out jackknife for any supported FOM.

The jackknife runs over the cases the figure of merit depends on: all cases for AUC/AFROC/wAFROC, only
abnormal cases for sensitivity and only normal cases for specificity (removing a normal case leaves
sensitivity unchanged, so those pseudo-values would carry no information and dilute the case variance).
In an FROC data set sensitivity is lesion-localised (``detection.detected``): a case counts as found only
when a mark at or above the threshold lies on a lesion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dataset import RatingDataset
from .detection import cleared, detected
from .froc import afroc_inputs
from .kernel import fom_and_jackknife, kernel_sums

FOMS = ("auc", "wafroc", "afroc", "sens", "spec")


@dataclass(frozen=True)
class FomJackknife:
    """``fom`` [modality, reader]; ``jackknife`` [modality, reader, k] with case ``jackknife_cases[k]`` left out."""

    fom_name: str
    fom: np.ndarray
    jackknife: np.ndarray
    jackknife_cases: tuple[str, ...]


def _auc_plane(dataset: RatingDataset, modality: int, reader: int) -> tuple[float, np.ndarray]:
    ratings = dataset.ratings[modality, reader]
    abnormal = ratings[dataset.truth == 1]
    sums = kernel_sums(abnormal, np.ones(abnormal.size), np.arange(abnormal.size), abnormal.size,
                       ratings[dataset.truth == 0])
    return fom_and_jackknife(sums, np.ones(abnormal.size), dataset.truth)


def _afroc_plane(dataset: RatingDataset, modality: int, reader: int, weighted: bool) -> tuple[float, np.ndarray]:
    inputs = afroc_inputs(dataset, modality, reader, weighted)
    return fom_and_jackknife(inputs.sums, inputs.case_weight, dataset.truth)


def _binary_fraction(dataset: RatingDataset, threshold: float, positive_cases: bool) -> FomJackknife:
    """Sensitivity (abnormal cases found; lesion-localised in FROC) or specificity (normal cases cleared)."""
    chosen = dataset.truth == (1 if positive_cases else 0)
    correct = (detected(dataset, threshold) if positive_cases else cleared(dataset, threshold)).astype(float)
    n = correct.shape[2]
    if n < 2:
        raise ValueError(f"the jackknife of {'sensitivity' if positive_cases else 'specificity'} needs at least two "
                         f"{'abnormal' if positive_cases else 'normal'} cases (has {n})")
    totals = correct.sum(axis=2, keepdims=True)
    jackknife = (totals - correct) / (n - 1)
    cases = tuple(np.asarray(dataset.cases, dtype=object)[chosen])
    return FomJackknife("sens" if positive_cases else "spec", totals[..., 0] / n, jackknife, cases)


def compute_fom(dataset: RatingDataset, fom: str = "auc", threshold: float | None = None) -> FomJackknife:
    """FOM matrix and jackknife; ``threshold`` (rating >= threshold is a positive call) for sens/spec."""
    if fom not in FOMS:
        raise ValueError(f"unknown figure of merit {fom!r}; choose one of {', '.join(FOMS)}")
    if fom in ("sens", "spec"):
        if threshold is None:
            raise ValueError(f"{fom} needs the study's positivity threshold")
        return _binary_fraction(dataset, threshold, positive_cases=fom == "sens")
    if fom in ("wafroc", "afroc") and not dataset.is_froc:
        raise ValueError(f"{fom} needs an FROC data set (marks and lesion truth)")
    n_modalities, n_readers = len(dataset.modalities), len(dataset.readers)
    foms = np.empty((n_modalities, n_readers))
    jackknife = np.empty((n_modalities, n_readers, len(dataset.cases)))
    for modality in range(n_modalities):
        for reader in range(n_readers):
            if fom == "auc":
                value, loo = _auc_plane(dataset, modality, reader)
            else:
                value, loo = _afroc_plane(dataset, modality, reader, weighted=fom == "wafroc")
            foms[modality, reader], jackknife[modality, reader] = value, loo
    return FomJackknife(fom, foms, jackknife, dataset.cases)

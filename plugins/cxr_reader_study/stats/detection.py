"""Binary calls at the study's positivity threshold: which abnormal cases and lesions count as found, and
which normal cases as cleared.

In an ROC study a case is called positive when its rating is at or above the threshold. In an FROC study the
reader answers with marks, and a published sensitivity must be localised: an abnormal case counts as detected
only when a mark rated at or above the threshold lies on a lesion, by the acceptance rule that already scores
marks as lesion localisations for wAFROC and the FROC curve (``marks.classify_marks``; the rating of each
lesion's localising mark is in ``FrocMarks.ll_ratings``). The inferred ROC rating of a case (its highest
mark wherever it lies) would count a confident mark in the wrong place as a detection. A lesion's other
marks are non-lesion marks under that rule, but they never hide it: the lesion keeps its highest-rated mark,
so "max LL rating >= threshold" is exactly "a mark at or above the threshold lies on a lesion".

Specificity is the same in both paradigms: a normal case is cleared when nothing on it (its rating, or any
mark) reaches the threshold; the inferred ROC rating of a normal case is its highest mark, so it serves.
"""

from __future__ import annotations

import numpy as np

from .dataset import RatingDataset


def detected(dataset: RatingDataset, threshold: float) -> np.ndarray:
    """[modality, reader, abnormal case] True where the case is found: ROC rating >= threshold, or (FROC) a
    lesion localised by a mark rated >= threshold."""
    abnormal = dataset.truth == 1
    if dataset.froc is None:
        return dataset.ratings[:, :, abnormal] >= threshold
    return (dataset.froc.ll_ratings[:, :, abnormal] >= threshold).any(axis=3)


def cleared(dataset: RatingDataset, threshold: float) -> np.ndarray:
    """[modality, reader, normal case] True where nothing on the case is rated at or above the threshold."""
    return dataset.ratings[:, :, dataset.truth == 0] < threshold


def lesions_found(dataset: RatingDataset, threshold: float) -> np.ndarray:
    """[modality, reader, lesion] over the study's lesions (padding slots dropped): True where the lesion is
    localised by a mark rated >= threshold. FROC only: an ROC rating says nothing about a lesion."""
    froc = dataset.froc
    if froc is None:
        raise ValueError("lesion sensitivity needs FROC marks and lesion truth")
    return (froc.ll_ratings >= threshold)[:, :, froc.lesion_mask]


def lesion_sensitivity(dataset: RatingDataset, threshold: float) -> np.ndarray | None:
    """[modality, reader] fraction of all lesions localised at the threshold; None for an ROC data set."""
    if dataset.froc is None:
        return None
    return lesions_found(dataset, threshold).mean(axis=2)

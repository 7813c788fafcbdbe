"""FROC analysis for nodule detection: per-lesion hits, FP counting, sensitivity at fixed FP rates and the CPM.

A mark is a true positive when its centre lies within a lesion's radius (distance ≤ radius). Several marks on one
lesion count as one hit (the lesion's score is the best of them) and the others are ignored, not counted as false
positives; a mark inside two lesions' radii counts for both (as LUNA16's script does). The sensitivity at a rate is
that of the most sensitive *realisable* threshold whose FP/image does not exceed the rate (a step read-off of the
curve), so a reported figure is always one a real threshold achieves. With untied scores it equals LUNA16's linear
interpolation of the curve; a TP and an FP tied at one score are where the two differ.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

FP_RATES = (0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)


@dataclass(frozen=True)
class Lesion:
    """A reference nodule in image pixels (x = column); ``radius_px`` = size_mm / 2 / pixel_mm."""

    x: float
    y: float
    radius_px: float
    diameter_mm: float
    subtlety: int | None = None

    def hit_by(self, x: float, y: float) -> bool:
        """The TP rule: a mark's centre within the lesion's radius (also labels the candidate classifier's data)."""
        return bool(np.hypot(x - self.x, y - self.y) <= self.radius_px)


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    score: float


@dataclass
class ImageMarks:
    case_id: str
    lesions: tuple[Lesion, ...]
    marks: tuple[Mark, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Matched:
    """Per image: the best hit score of each lesion (-inf when missed) and the scores of its false positives."""

    lesion_scores: np.ndarray
    fp_scores: np.ndarray
    image_score: float  # highest mark score (0 without marks): the image-level "nodule present" score


def match_image(image: ImageMarks) -> Matched:
    lesion_scores = np.full(len(image.lesions), -np.inf)
    fp_scores = []
    for mark in image.marks:
        hits = [index for index, lesion in enumerate(image.lesions) if lesion.hit_by(mark.x, mark.y)]
        if not hits:
            fp_scores.append(mark.score)
        for index in hits:
            lesion_scores[index] = max(lesion_scores[index], mark.score)
    best = max((mark.score for mark in image.marks), default=0.0)
    return Matched(lesion_scores, np.asarray(fp_scores, float), float(best))


def froc_curve(lesion_scores: np.ndarray, fp_scores: np.ndarray, n_images: int, n_lesions: int) -> tuple:
    """(thresholds descending, FP/image, sensitivity) at every distinct score; starts above the highest score."""
    thresholds = np.unique(np.concatenate([lesion_scores[np.isfinite(lesion_scores)], fp_scores]))[::-1]
    hits = np.sort(lesion_scores[np.isfinite(lesion_scores)])
    fps = np.sort(fp_scores)
    tp_at = hits.size - np.searchsorted(hits, thresholds, side="left")
    fp_at = fps.size - np.searchsorted(fps, thresholds, side="left")
    sensitivity = np.concatenate([[0.0], tp_at / max(n_lesions, 1)])
    fp_per_image = np.concatenate([[0.0], fp_at / max(n_images, 1)])
    return np.concatenate([[np.inf], thresholds]), fp_per_image, sensitivity


def sensitivity_at(fp_per_image: np.ndarray, sensitivity: np.ndarray, rate: float) -> float:
    allowed = fp_per_image <= rate
    return float(sensitivity[allowed].max()) if allowed.any() else 0.0


def sensitivities(lesion_scores, fp_scores, n_images: int, n_lesions: int,
                  rates=FP_RATES) -> dict[str, float | None]:
    """Sensitivity at each rate and their mean (the CPM); all None without a reference nodule, where a sensitivity
    is undefined: a 0 would read as a detector that missed everything (normal-only films still give FP/image)."""
    if n_lesions == 0:
        return {f"{rate:g}": None for rate in rates} | {"cpm": None}
    _, fp_per_image, sensitivity = froc_curve(np.asarray(lesion_scores, float), np.asarray(fp_scores, float),
                                              n_images, n_lesions)
    values = {f"{rate:g}": sensitivity_at(fp_per_image, sensitivity, rate) for rate in rates}
    return values | {"cpm": float(np.mean(list(values.values())))}


def image_auc(scores: np.ndarray, labels: np.ndarray) -> float | None:
    """Mann–Whitney AUC (ties count one half); None when one class is absent."""
    scores, labels = np.asarray(scores, float), np.asarray(labels, bool)
    positives, negatives = scores[labels], scores[~labels]
    if positives.size == 0 or negatives.size == 0:
        return None
    greater = (positives[:, None] > negatives[None, :]).sum()
    ties = (positives[:, None] == negatives[None, :]).sum()
    return float((greater + 0.5 * ties) / (positives.size * negatives.size))

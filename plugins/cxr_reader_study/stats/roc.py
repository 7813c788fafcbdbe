"""ROC figures of merit of one reader: empirical AUC with DeLong CI, and sensitivity/specificity."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats as sps

from .kernel import kernel_sums


def _sums(ratings_abnormal: np.ndarray, ratings_normal: np.ndarray):
    abnormal = np.asarray(ratings_abnormal, dtype=float)
    normal = np.asarray(ratings_normal, dtype=float)
    if abnormal.size == 0 or normal.size == 0:
        raise ValueError("an AUC needs at least one abnormal and one normal rating")
    return kernel_sums(abnormal, np.ones(abnormal.size), np.arange(abnormal.size), abnormal.size, normal)


def empirical_auc(ratings_abnormal: np.ndarray, ratings_normal: np.ndarray) -> float:
    """Wilcoxon-Mann-Whitney AUC: P(abnormal rated higher) + 1/2 P(tie), the trapezoidal ROC area."""
    sums = _sums(ratings_abnormal, ratings_normal)
    return sums.total / (len(sums.per_abnormal_case) * len(sums.per_normal_case))


@dataclass(frozen=True)
class AucWithCi:
    auc: float
    se: float
    ci_low: float
    ci_high: float


def delong_auc_ci(ratings_abnormal: np.ndarray, ratings_normal: np.ndarray, alpha: float = 0.05) -> AucWithCi:
    """AUC with the DeLong (1988) standard error and a Wald interval clipped to [0, 1].

    The structural components are the kernel's row means (per abnormal case) and column means (per normal
    case); their sample variances over n give the variance of the U-statistic.
    """
    sums = _sums(ratings_abnormal, ratings_normal)
    n_abnormal, n_normal = len(sums.per_abnormal_case), len(sums.per_normal_case)
    auc = sums.total / (n_abnormal * n_normal)
    v10 = sums.per_abnormal_case / n_normal
    v01 = sums.per_normal_case / n_abnormal
    variance = 0.0
    if n_abnormal > 1:
        variance += np.var(v10, ddof=1) / n_abnormal
    if n_normal > 1:
        variance += np.var(v01, ddof=1) / n_normal
    se = float(np.sqrt(variance))
    z = sps.norm.ppf(1 - alpha / 2)
    return AucWithCi(auc, se, max(0.0, auc - z * se), min(1.0, auc + z * se))


def sensitivity(ratings_abnormal: np.ndarray, threshold: float) -> float:
    """Fraction of abnormal cases called positive (rating >= threshold)."""
    return float(np.mean(np.asarray(ratings_abnormal) >= threshold))


def specificity(ratings_normal: np.ndarray, threshold: float) -> float:
    """Fraction of normal cases called negative (rating < threshold)."""
    return float(np.mean(np.asarray(ratings_normal) < threshold))

"""Result records of an MRMC analysis, and the inference steps OR and DBM share (t/F tests and CIs).

An infinite ``ddf`` means a large-sample test: the statistic is then chi-square(ndf) / ndf and the intervals
use the normal distribution (the OR fixed-readers analysis).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import asdict, dataclass

import numpy as np
from scipy import stats as sps


def json_number(value: float) -> float | None:
    """JSON has no infinity: an infinite degree of freedom or test statistic is written as null."""
    return None if not math.isfinite(value) else float(value)


@dataclass(frozen=True)
class Difference:
    """Modality ``first`` minus ``second``, averaged over readers."""

    first: str
    second: str
    estimate: float
    se: float
    df: float
    p: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class ModalityEstimate:
    modality: str
    fom: float
    se: float
    df: float
    ci_low: float
    ci_high: float


@dataclass(frozen=True)
class SignificanceTest:
    """The global test of equal modalities, with pairwise differences and per-modality intervals."""

    f: float
    ndf: int
    ddf: float
    p: float
    differences: tuple[Difference, ...]
    modality_estimates: tuple[ModalityEstimate, ...]

    def to_dict(self) -> dict:
        out = {"f": json_number(self.f), "ndf": self.ndf, "ddf": json_number(self.ddf), "p": self.p}
        if not math.isfinite(self.ddf):
            out["chi2"] = json_number(self.f * self.ndf)
        out["differences"] = [
            {**asdict(d), "df": json_number(d.df)} for d in self.differences
        ]
        out["modality_estimates"] = [
            {**asdict(m), "df": json_number(m.df)} for m in self.modality_estimates
        ]
        return out


def _quantile(df: float, alpha: float) -> float:
    return float(sps.norm.ppf(1 - alpha / 2) if not math.isfinite(df) else sps.t.ppf(1 - alpha / 2, df))


def f_test(numerator: float, denominator: float, ndf: int, ddf: float) -> tuple[float, float]:
    """F statistic and p-value; with ddf = inf the chi-square(ndf) limit."""
    if denominator > 0:
        f = numerator / denominator
    else:  # no error variance at all: any modality difference is certain, none is no evidence
        f = math.inf if numerator > 0 else 0.0
    if not math.isfinite(ddf):
        return f, float(sps.chi2.sf(f * ndf, ndf))
    return f, float(sps.f.sf(f, ndf, ddf))


def hillis_ddf(denominator: float, ms_interaction: float, interaction_df: int) -> float:
    """Satterthwaite-type denominator df of Hillis (2007); infinite when the interaction mean square is 0."""
    if ms_interaction <= 0:
        return math.inf
    return denominator**2 / (ms_interaction**2 / interaction_df)


def t_statistic(estimate: float, se: float) -> float:
    """estimate / se. Without any standard error a nonzero estimate is certain (signed infinity) and a zero one
    is no evidence at all (0, p = 1), rather than the 0/0 that would read as a certain difference."""
    if se > 0:
        return estimate / se
    return math.copysign(math.inf, estimate) if estimate else 0.0


def pairwise_differences(
    modality_means: np.ndarray, names: tuple[str, ...], se: float, df: float, alpha: float
) -> tuple[Difference, ...]:
    """All pairwise differences, each with the common standard error of the analysis."""
    q = _quantile(df, alpha)
    out = []
    for a, b in itertools.combinations(range(len(names)), 2):
        estimate = float(modality_means[a] - modality_means[b])
        statistic = t_statistic(estimate, se)
        p = 2 * (sps.norm.sf(abs(statistic)) if not math.isfinite(df) else sps.t.sf(abs(statistic), df))
        out.append(Difference(names[a], names[b], estimate, se, df, float(p), estimate - q * se, estimate + q * se))
    return tuple(out)


def modality_estimate(name: str, fom: float, se: float, df: float, alpha: float) -> ModalityEstimate:
    q = _quantile(df, alpha)
    return ModalityEstimate(name, float(fom), float(se), float(df), float(fom - q * se), float(fom + q * se))

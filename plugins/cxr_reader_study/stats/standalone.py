"""Standalone AI versus readers: a one-sample OR test of the readers' mean FOM minus the AI's FOM.

The AI is a reader whose ratings are fixed, so it carries case variability but no reader variability. For
each reader j the difference D_j = FOM_j - FOM_AI is formed, per jackknife sample too, and the single-
modality OR analysis (random readers, random cases, Hillis ddf) is run on the D_j: the error term is
MS(R) of the differences plus r x max(Cov2, 0) of their jackknife covariance. This equals the two-modality
OR analysis in which the AI is entered as a second "modality" read identically by every reader (a test
shows it), and is the "1T-RRRC" approach Chakraborty and Hillis describe for CAD versus radiologists.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from scipy import stats as sps

from .dataset import RatingDataset
from .fom import compute_fom
from .or_analysis import or_components
from .result import hillis_ddf, json_number, modality_estimate, t_statistic


@dataclass(frozen=True)
class StandaloneComparison:
    ai_fom: float
    reader_mean_fom: float
    difference: float  # readers minus AI
    se: float
    df: float
    t: float
    p: float
    ci_low: float
    ci_high: float

    def to_dict(self) -> dict:
        return {**asdict(self), "df": json_number(self.df), "t": json_number(self.t)}


def ai_vs_readers(readers: RatingDataset, ai: RatingDataset, modality: str | None = None, fom: str = "auc",
                  threshold: float | None = None, alpha: float = 0.05) -> StandaloneComparison:
    """Readers (in ``modality``, default the first) against the AI, a one-reader one-modality data set."""
    if ai.cases != readers.cases or not np.array_equal(ai.truth, readers.truth):
        raise ValueError("the AI must rate the same cases, with the same truth, as the readers")
    if len(ai.readers) != 1 or len(ai.modalities) != 1:
        raise ValueError("the AI data set must hold exactly one reader and one modality")
    if len(readers.readers) < 2:
        raise ValueError("comparing readers with the AI needs at least two readers")
    i = 0 if modality is None else readers.modalities.index(modality)
    people, machine = compute_fom(readers, fom, threshold), compute_fom(ai, fom, threshold)
    differences = people.fom[i] - machine.fom[0, 0]
    jackknife = people.jackknife[i] - machine.jackknife[0, 0]
    c = or_components(differences[None, :], jackknife[None, :, :])
    r = len(readers.readers)
    error = c.ms_r_per_modality[0] + r * max(c.cov2_per_modality[0], 0.0)
    df = hillis_ddf(error, c.ms_r_per_modality[0], r - 1)
    estimate = modality_estimate("readers - AI", float(differences.mean()), float(np.sqrt(error / r)), df, alpha)
    t = t_statistic(estimate.fom, estimate.se)
    p = float(2 * (sps.norm.sf(abs(t)) if not np.isfinite(df) else sps.t.sf(abs(t), df)))
    return StandaloneComparison(float(machine.fom[0, 0]), float(people.fom[i].mean()), estimate.fom, estimate.se,
                                df, float(t), p, estimate.ci_low, estimate.ci_high)

"""The AI as a standalone reader: its figure of merit with a CI, and readers (per modality) versus the AI.

The AI data set holds one reader and one modality on the readers' cases. Its AUC interval is DeLong's;
for wAFROC (no closed form) the interval comes from the same case jackknife the MRMC analysis uses,
var = (n-1)/n x sum (FOM_(k) - mean)^2, so both intervals describe case sampling only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from scipy import stats as sps

from .dataset import RatingDataset
from .fom import compute_fom
from .roc import delong_auc_ci
from .standalone import StandaloneComparison, ai_vs_readers

AI_READER = "AI"
AI_MODALITY = "AI standalone"


@dataclass(frozen=True)
class AiFom:
    fom: str
    value: float
    se: float
    ci_low: float
    ci_high: float
    method: str


@dataclass(frozen=True)
class AiSummary:
    """The AI's figures of merit and, per figure of merit and reader modality, readers minus AI."""

    ai: dict[str, AiFom]
    comparisons: dict[str, dict[str, StandaloneComparison]]
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "ai": {name: asdict(value) for name, value in self.ai.items()},
            "readers_minus_ai": {name: {m: c.to_dict() for m, c in per.items()}
                                 for name, per in self.comparisons.items()},
            "method": "one-sample OR (random readers, random cases, Hillis ddf) on reader - AI differences",
            "notes": list(self.notes),
        }


def ai_fom_with_ci(ai: RatingDataset, fom: str = "auc", alpha: float = 0.05) -> AiFom:
    if fom == "auc":
        abnormal = ai.truth == 1
        auc = delong_auc_ci(ai.ratings[0, 0][abnormal], ai.ratings[0, 0][~abnormal], alpha)
        return AiFom("auc", auc.auc, auc.se, auc.ci_low, auc.ci_high, "DeLong")
    jack = compute_fom(ai, fom)
    values = jack.jackknife[0, 0]
    n = values.size
    se = float(np.sqrt((n - 1) / n * ((values - values.mean()) ** 2).sum()))
    value = float(jack.fom[0, 0])
    z = sps.norm.ppf(1 - alpha / 2)
    return AiFom(fom, value, se, max(0.0, value - z * se), min(1.0, value + z * se), "case jackknife")


def summarize_ai(readers: RatingDataset, ai: RatingDataset, foms: tuple[str, ...] = ("auc",),
                 alpha: float = 0.05) -> AiSummary:
    """AI figures of merit and readers-minus-AI tests; comparisons need two readers (else a note)."""
    notes = []
    comparisons: dict[str, dict[str, StandaloneComparison]] = {}
    if len(readers.readers) < 2:
        notes.append("readers versus AI needs at least two readers; only the AI's own figures are given")
    for fom in foms:
        if len(readers.readers) >= 2:
            comparisons[fom] = {m: ai_vs_readers(readers, ai, m, fom, alpha=alpha) for m in readers.modalities}
    return AiSummary({fom: ai_fom_with_ci(ai, fom, alpha) for fom in foms}, comparisons, tuple(notes))


def ai_rating_dataset(readers: RatingDataset, scores: list[float]) -> RatingDataset:
    """A one-reader, one-modality ROC data set of per-case AI scores on the readers' cases and truth."""
    ratings = np.asarray(scores, dtype=float).reshape(1, 1, -1)
    return RatingDataset((AI_READER,), (AI_MODALITY,), readers.cases, readers.truth, ratings)

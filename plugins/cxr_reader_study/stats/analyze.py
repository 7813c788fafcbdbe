"""One call from a reader-study data set to the full MRMC analysis (OR and DBM, three generalisations)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dataset import RatingDataset
from .dbm import DbmMeanSquares, dbm_mean_squares, dbm_tests, pseudovalues
from .fom import FomJackknife, compute_fom
from .fom_names import fom_definition, fom_label
from .or_analysis import OrComponents, or_analysis
from .result import SignificanceTest


@dataclass(frozen=True)
class MrmcResult:
    """Figures of merit, OR variance components and both analyses; ``to_dict`` is JSON-able. ``froc`` says
    the data are FROC marks, where ``auc`` is the highest-rating inferred ROC AUC and ``sens`` is
    lesion-localised (``label`` and ``definition`` say so in print)."""

    fom_name: str
    readers: tuple[str, ...]
    modalities: tuple[str, ...]
    n_normal: int
    n_abnormal: int
    threshold: float | None
    fom: np.ndarray
    jackknife: FomJackknife
    or_components: OrComponents
    or_tests: dict[str, SignificanceTest]
    dbm_mean_squares: DbmMeanSquares
    dbm_tests: dict[str, SignificanceTest]
    froc: bool = False
    alpha: float = 0.05  # every interval is a (1 - alpha) CI; the JSON says so, as a bare [low, high] does not

    @property
    def label(self) -> str:
        return fom_label(self.fom_name, self.froc)

    @property
    def definition(self) -> str:
        return fom_definition(self.fom_name, self.froc)

    @property
    def modality_means(self) -> np.ndarray:
        return self.fom.mean(axis=1)

    def to_dict(self) -> dict:
        return {
            "fom": self.fom_name,
            "label": self.label,
            "definition": self.definition,
            "threshold": self.threshold,
            "alpha": self.alpha,
            "confidence_level": 1 - self.alpha,
            "readers": list(self.readers),
            "modalities": list(self.modalities),
            "n_normal": self.n_normal,
            "n_abnormal": self.n_abnormal,
            "n_jackknife_cases": len(self.jackknife.jackknife_cases),
            "fom_per_reader": {
                m: {r: float(self.fom[i, j]) for j, r in enumerate(self.readers)}
                for i, m in enumerate(self.modalities)
            },
            "fom_per_modality": {m: float(v) for m, v in zip(self.modalities, self.modality_means)},
            "or": {
                "variance_components": {k: getattr(self.or_components, k) for k in ("var", "cov1", "cov2", "cov3")},
                "ms_t": self.or_components.ms_t,
                "ms_r": self.or_components.ms_r,
                "ms_tr": self.or_components.ms_tr,
                **{name: test.to_dict() for name, test in self.or_tests.items()},
            },
            "dbm": {
                "mean_squares": self.dbm_mean_squares.to_dict(),
                **{name: test.to_dict() for name, test in self.dbm_tests.items()},
            },
        }


def analyze(
    dataset: RatingDataset, fom: str = "auc", threshold: float | None = None, alpha: float = 0.05
) -> MrmcResult:
    """OR (jackknife covariances, Hillis ddf) and DBM analyses of ``fom`` over all modalities.

    Analyses: ``rrrc`` random readers and cases, ``frrc`` fixed readers, ``rrfc`` fixed cases; each with
    the global F test and every pairwise difference.
    """
    if len(dataset.modalities) < 2:
        raise ValueError(f"comparing modalities needs at least two; the data have one ({dataset.modalities[0]}); "
                         "readers versus a standalone AI: --ai-ratings (stats.standalone)")
    if len(dataset.readers) < 2:
        raise ValueError(f"the MRMC analysis (OR and DBM) needs at least two readers; the data have one "
                         f"({dataset.readers[0]})")
    jack = compute_fom(dataset, fom, threshold)
    components, or_results = or_analysis(jack.fom, jack.jackknife, dataset.modalities, alpha)
    y = pseudovalues(jack.fom, jack.jackknife)
    mean_squares = dbm_mean_squares(y)
    return MrmcResult(
        fom_name=fom,
        readers=dataset.readers,
        modalities=dataset.modalities,
        n_normal=dataset.n_normal,
        n_abnormal=dataset.n_abnormal,
        threshold=threshold,
        fom=jack.fom,
        jackknife=jack,
        or_components=components,
        or_tests=or_results,
        dbm_mean_squares=mean_squares,
        dbm_tests=dbm_tests(jack.fom, y, mean_squares, dataset.modalities, alpha),
        froc=dataset.is_froc,
        alpha=alpha,
    )

"""The in-memory form of a fully crossed reader study, shared by every figure of merit and analysis.

Ratings live in dense arrays indexed [modality, reader, case] so that the jackknife can run over whole
reader/modality planes at once; ``-inf`` stands for "no rating / no mark", which the Mann-Whitney kernel
ranks below every real rating and ties with other ``-inf`` values (the RJafroc convention).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

UNRATED = -np.inf


@dataclass(frozen=True)
class FrocMarks:
    """Lesion truth and localisation marks of an FROC study.

    ``lesion_weights`` is [case, max_lesions] (0 in padding slots, each abnormal case's weights sum to 1),
    ``ll_ratings`` is [modality, reader, case, max_lesions] and ``nl_ratings`` [modality, reader, case,
    max_nl]; both use ``-inf`` for unmarked lesions and padding.
    """

    lesion_ids: tuple[tuple[str, ...], ...]
    lesion_weights: np.ndarray
    ll_ratings: np.ndarray
    nl_ratings: np.ndarray

    @property
    def n_lesions(self) -> np.ndarray:
        return np.array([len(ids) for ids in self.lesion_ids], dtype=int)

    @property
    def lesion_mask(self) -> np.ndarray:
        """[case, max_lesions] True where a real lesion (not padding) sits."""
        slots = np.arange(self.lesion_weights.shape[1])
        return slots[None, :] < self.n_lesions[:, None]


@dataclass(frozen=True)
class RatingDataset:
    """Readers x modalities x cases, with truth and ratings (and optionally FROC marks and reading times).

    For FROC data ``ratings`` holds the inferred ROC rating of each case (its highest mark, ``-inf`` when
    unmarked), so ROC figures of merit work on FROC studies too.
    """

    readers: tuple[str, ...]
    modalities: tuple[str, ...]
    cases: tuple[str, ...]
    truth: np.ndarray
    ratings: np.ndarray
    froc: FrocMarks | None = None
    reading_times: np.ndarray | None = field(default=None)

    def __post_init__(self) -> None:
        shape = (len(self.modalities), len(self.readers), len(self.cases))
        if self.ratings.shape != shape:
            raise ValueError(f"ratings have shape {self.ratings.shape}, expected {shape} (modality, reader, case)")
        if self.truth.shape != (len(self.cases),) or not np.isin(self.truth, (0, 1)).all():
            raise ValueError("truth must hold one 0 (normal) or 1 (abnormal) per case")
        if np.isnan(self.ratings).any():
            raise ValueError("ratings contain NaN; use -inf for unrated cases")
        if self.n_normal == 0 or self.n_abnormal == 0:
            raise ValueError(
                f"a study needs normal and abnormal cases (has {self.n_normal} normal, {self.n_abnormal} abnormal)"
            )
        if self.reading_times is not None and self.reading_times.shape != shape:
            raise ValueError(f"reading_times have shape {self.reading_times.shape}, expected {shape}")
        if self.froc is not None:
            n_lesions = self.froc.n_lesions
            if (n_lesions[self.truth == 1] == 0).any() or (n_lesions[self.truth == 0] > 0).any():
                raise ValueError("in FROC truth every abnormal case needs a lesion and normal cases none")
            if self.froc.ll_ratings.shape[:3] != shape or self.froc.nl_ratings.shape[:3] != shape:
                raise ValueError("FROC mark arrays do not match (modality, reader, case)")

    @property
    def n_normal(self) -> int:
        return int((self.truth == 0).sum())

    @property
    def n_abnormal(self) -> int:
        return int((self.truth == 1).sum())

    @property
    def is_froc(self) -> bool:
        return self.froc is not None

    def missing_ratings(self) -> dict[tuple[str, str], int]:
        """Unrated cases per (modality, reader) with any, in an ROC data set (empty for FROC, where an unrated
        case is one read without marks). OR and DBM take them as the lowest rating, which a report must say."""
        if self.is_froc:
            return {}
        counts = (self.ratings == UNRATED).sum(axis=2)
        return {(modality, reader): int(counts[i, j]) for i, modality in enumerate(self.modalities)
                for j, reader in enumerate(self.readers) if counts[i, j]}

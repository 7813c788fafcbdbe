"""Simulated reader studies (Roe-Metz-like ROC, and a simple search-model-like FROC) for tests, benchmarks
and sizing; they have known structure, not realism. Ratings are rounded to one decimal so ties occur."""

from __future__ import annotations

import numpy as np

from .dataset import UNRATED, FrocMarks, RatingDataset


def _names(prefix: str, n: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i + 1}" for i in range(n))


def simulate_roc(n_readers: int = 5, n_modalities: int = 2, n_normal: int = 50, n_abnormal: int = 50,
                 separation: float = 1.5, modality_gain: float = 0.2, seed: int = 0) -> RatingDataset:
    """Case, reader and interaction effects plus noise; modality i shifts abnormal cases by i x gain."""
    rng = np.random.default_rng(seed)
    n_cases = n_normal + n_abnormal
    truth = np.r_[np.zeros(n_normal, int), np.ones(n_abnormal, int)]
    case_effect = rng.normal(0, 0.7, n_cases)
    reader_effect = rng.normal(0, 0.3, (1, n_readers, 1))
    shift = separation + modality_gain * np.arange(n_modalities)[:, None, None]
    ratings = (truth * shift + case_effect + reader_effect
               + rng.normal(0, 0.3, (n_modalities, 1, n_cases)) + rng.normal(0, 0.7, (n_modalities, n_readers, n_cases)))
    return RatingDataset(_names("R", n_readers), _names("M", n_modalities), _names("C", n_cases), truth,
                         np.round(ratings, 1))


def simulate_froc(n_readers: int = 5, n_modalities: int = 2, n_normal: int = 50, n_abnormal: int = 50,
                  max_lesions: int = 3, detect: float = 0.7, nl_rate: float = 0.8, seed: int = 0) -> RatingDataset:
    """Each lesion is marked with probability ``detect`` (rating ~ N(2, 1)); each case carries a Poisson
    number of non-lesion marks (rating ~ N(0, 1)); lesion weights are equal within a case."""
    rng = np.random.default_rng(seed)
    n_cases = n_normal + n_abnormal
    truth = np.r_[np.zeros(n_normal, int), np.ones(n_abnormal, int)]
    n_lesions = np.where(truth == 1, rng.integers(1, max_lesions + 1, n_cases), 0)
    lesion_ids = tuple(tuple(str(k + 1) for k in range(n)) for n in n_lesions)
    slots = np.arange(max_lesions)[None, :] < n_lesions[:, None]
    weights = np.where(slots, 1.0 / np.maximum(n_lesions, 1)[:, None], 0.0)
    shape = (n_modalities, n_readers, n_cases)
    detected = rng.random(shape + (max_lesions,)) < detect
    ll = np.where(detected & slots, np.round(rng.normal(2.0, 1.0, shape + (max_lesions,)), 1), UNRATED)
    n_nl = rng.poisson(nl_rate, shape)
    width = max(1, int(n_nl.max()))
    nl = np.where(np.arange(width) < n_nl[..., None], np.round(rng.normal(0.0, 1.0, shape + (width,)), 1), UNRATED)
    froc = FrocMarks(lesion_ids, weights, ll, nl)
    return RatingDataset(_names("R", n_readers), _names("M", n_modalities), _names("C", n_cases), truth,
                         np.maximum(ll.max(axis=3), nl.max(axis=3)), froc)

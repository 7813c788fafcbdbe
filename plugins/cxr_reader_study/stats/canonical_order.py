"""A ratings file's data set in one order whatever the order of the file's rows.

The formats take readers, cases and lesions in order of first appearance. No figure of merit depends on that in
exact arithmetic, but sums over readers, cases and lesions run in that order, so a shuffled file moved the last
digits of the printed figures, and the JSON listed readers (``fom_per_reader``, ``per_reader``, the paired reading
time) in another order: two runs on the same ratings did not compare equal. Sorting them (R2 before R10) first
makes the output a function of the ratings alone.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .arm_order import natural_key
from .dataset import FrocMarks, RatingDataset


def _order(names: tuple[str, ...], wanted: tuple[str, ...] | None = None) -> np.ndarray:
    wanted = wanted if wanted is not None else tuple(sorted(names, key=natural_key))
    position = {name: i for i, name in enumerate(names)}
    return np.array([position[name] for name in wanted], dtype=int)


def _sorted_lesions(froc: FrocMarks) -> FrocMarks:
    """Each case's lesions by name; padding slots stay after them."""
    width = froc.lesion_weights.shape[1]
    slots = np.tile(np.arange(width), (len(froc.lesion_ids), 1))
    for k, ids in enumerate(froc.lesion_ids):
        slots[k, : len(ids)] = _order(ids)
    rows = np.arange(len(froc.lesion_ids))[:, None]
    return replace(froc, lesion_ids=tuple(tuple(sorted(ids, key=natural_key)) for ids in froc.lesion_ids),
                   lesion_weights=froc.lesion_weights[rows, slots], ll_ratings=froc.ll_ratings[:, :, rows, slots])


def canonical(dataset: RatingDataset, modalities: tuple[str, ...]) -> RatingDataset:
    """``modalities`` (a subset, reference first) in that order; readers, cases and lesions sorted by name."""
    m, r, c = _order(dataset.modalities, modalities), _order(dataset.readers), _order(dataset.cases)
    grid = np.ix_(m, r, c)
    froc = dataset.froc
    if froc is not None:
        froc = _sorted_lesions(replace(froc, lesion_ids=tuple(froc.lesion_ids[k] for k in c),
                                       lesion_weights=froc.lesion_weights[c], ll_ratings=froc.ll_ratings[grid],
                                       nl_ratings=froc.nl_ratings[grid]))
    times = None if dataset.reading_times is None else dataset.reading_times[grid]
    return RatingDataset(tuple(dataset.readers[j] for j in r), tuple(modalities),
                         tuple(dataset.cases[k] for k in c), dataset.truth[c], dataset.ratings[grid], froc, times)

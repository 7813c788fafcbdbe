"""Stored reads as the statistics helper's :class:`RatingDataset` (arms are the modalities).

Unread cases stay ``-inf`` (the stats convention for "no rating"), so an unfinished study can still be
previewed; the report states how many reads are missing.
"""

from __future__ import annotations

import numpy as np

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.results.scoring import scored_reads
from cxr_reader_study.stats.dataset import UNRATED, FrocMarks, RatingDataset
from cxr_reader_study.storage.store import ReadStore


def build_dataset(study: Study, store: ReadStore, acceptance_radius_factor: float = 1.0) -> RatingDataset:
    readers = tuple(r.reader_id for r in study.readers)
    modalities = tuple(arm.value for arm in study.arms)
    cases = tuple(c.case_id for c in study.scored_cases)
    truth = np.array([int(c.truth.value == "abnormal") for c in study.scored_cases])
    shape = (len(modalities), len(readers), len(cases))
    ratings = np.full(shape, UNRATED)
    times = np.full(shape, np.nan)
    items = scored_reads(study, store, acceptance_radius_factor)
    index = {
        id(item): (modalities.index(item.read.arm), readers.index(item.read.reader_id), cases.index(item.read.case_id))
        for item in items
    }
    for item in items:
        at = index[id(item)]
        rating = item.case_rating
        ratings[at] = UNRATED if rating is None else rating
        times[at] = item.read.active_ms / 1000  # the stats package works in seconds
    froc = None
    if study.task is Task.FROC:
        lesion_ids = tuple(tuple(l.lesion_id for l in c.lesions) for c in study.scored_cases)
        max_lesions = max(len(ids) for ids in lesion_ids)
        max_nl = max([sum(m.mark_type == "NL" for m in item.marks) for item in items] + [1])
        weights = np.zeros((len(cases), max_lesions))
        for c, ids in enumerate(lesion_ids):
            weights[c, : len(ids)] = 1.0 / len(ids) if ids else 0.0
        ll = np.full(shape + (max_lesions,), UNRATED)
        nl = np.full(shape + (max_nl,), UNRATED)
        for item in items:
            m, r, c = index[id(item)]
            nl_ratings = [mark.rating for mark in item.marks if mark.mark_type == "NL"]
            nl[m, r, c, : len(nl_ratings)] = nl_ratings
            for mark in item.marks:
                if mark.mark_type == "LL":
                    ll[m, r, c, lesion_ids[c].index(mark.lesion_id)] = mark.rating
        froc = FrocMarks(lesion_ids, weights, ll, nl)
    return RatingDataset(readers, modalities, cases, truth, ratings, froc, times)

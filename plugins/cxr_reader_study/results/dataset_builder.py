"""Stored reads as the statistics helper's :class:`RatingDataset`.

Two views: :func:`build_dataset` (arms are the modalities, one phase) and :func:`sequential_dataset` (the
first and final answers of the ``aided-second-read`` arm as two modalities, the classic sequential-reading
comparison). Unread cases stay ``-inf`` (the stats convention for "no rating"), so an unfinished study can
still be previewed; ``readers`` narrows the data set to the readers an analysis uses (``completeness``).
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from cxr_reader_study.design.model import Arm, Study, Task
from cxr_reader_study.results.scoring import ScoredRead, scored_reads
from cxr_reader_study.stats.dataset import UNRATED, FrocMarks, RatingDataset
from cxr_reader_study.storage.store import ReadStore

FIRST_READ = "first read (unaided)"
FINAL_READ = "final read (aided)"


class NoReadsInPhase(ValueError):
    """The requested phase has no reads in this study design (first reads exist only in second-read arms)."""


def build_dataset(study: Study, store: ReadStore, acceptance_radius_factor: float = 1.0,
                  phase: str = "final", readers: tuple[str, ...] | None = None) -> RatingDataset:
    """Arms as modalities; for ``phase="first"`` only the arms that have a first (unaided) answer."""
    arms = [arm.value for arm in study.arms if phase == "final" or arm is Arm.AIDED_SECOND_READ]
    if not arms:
        raise NoReadsInPhase(f"{study.path}: only an aided-second-read arm stores first (unaided) answers, "
                             f"and this study has arms {', '.join(a.value for a in study.arms)}")
    items = scored_reads(study, store, acceptance_radius_factor, phase)
    return dataset_from_reads(study, items, tuple(arms), lambda item: item.read.arm, readers)


def sequential_dataset(study: Study, store: ReadStore, acceptance_radius_factor: float = 1.0,
                       readers: tuple[str, ...] | None = None) -> RatingDataset:
    """First and final answers of the ``aided-second-read`` arm, as modalities FIRST_READ and FINAL_READ."""
    if Arm.AIDED_SECOND_READ not in study.arms:
        raise NoReadsInPhase(f"{study.path}: the sequential comparison needs an aided-second-read arm")
    second = Arm.AIDED_SECOND_READ.value
    items = [item for phase in ("first", "final")
             for item in scored_reads(study, store, acceptance_radius_factor, phase) if item.read.arm == second]
    return dataset_from_reads(study, items, (FIRST_READ, FINAL_READ),
                              lambda item: FIRST_READ if item.read.phase == "first" else FINAL_READ, readers)


def dataset_from_reads(study: Study, items: list[ScoredRead], modalities: tuple[str, ...],
                       modality_of: Callable[[ScoredRead], str],
                       readers: tuple[str, ...] | None = None) -> RatingDataset:
    """Dense [modality, reader, case] arrays from scored reads (of ``readers``, default the study's); reads of
    other modalities or readers are skipped."""
    readers = readers or tuple(r.reader_id for r in study.readers)
    cases = tuple(c.case_id for c in study.scored_cases)
    truth = np.array([int(c.truth.value == "abnormal") for c in study.scored_cases])
    shape = (len(modalities), len(readers), len(cases))
    ratings = np.full(shape, UNRATED)
    times = np.full(shape, np.nan)
    index = {id(item): (modalities.index(modality_of(item)), readers.index(item.read.reader_id),
                        cases.index(item.read.case_id))
             for item in items if modality_of(item) in modalities and item.read.reader_id in readers}
    items = [item for item in items if id(item) in index]
    for item in items:
        at = index[id(item)]
        rating = item.case_rating
        ratings[at] = UNRATED if rating is None else rating
        times[at] = item.reading_ms / 1000  # the stats package works in seconds
    froc = None
    if study.task is Task.FROC:
        froc = _froc_marks(study, items, index, shape)
    return RatingDataset(readers, modalities, cases, truth, ratings, froc, times)


def _froc_marks(study: Study, items: list[ScoredRead], index: dict, shape: tuple[int, int, int]) -> FrocMarks:
    lesion_ids = tuple(tuple(l.lesion_id for l in c.lesions) for c in study.scored_cases)
    max_lesions = max(len(ids) for ids in lesion_ids)
    max_nl = max([sum(m.mark_type == "NL" for m in item.marks) for item in items] + [1])
    weights = np.zeros((len(lesion_ids), max_lesions))
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
    return FrocMarks(lesion_ids, weights, ll, nl)

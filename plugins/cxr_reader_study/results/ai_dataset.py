"""The study's AI findings as a standalone reader: per-case score and, for FROC, scored localisations.

Per-case score = the highest finding score, 0 when the AI found nothing (so "no finding" ranks below every
finding). In FROC studies the findings are matched to lesions exactly like reader marks (same acceptance
radius, same LL/NL rule), so the AI's wAFROC is comparable with the readers'.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.formats.ai_ratings import read_ai_ratings, scores_for_cases
from cxr_reader_study.reading.ai_findings import load_findings
from cxr_reader_study.stats.ai_summary import AI_MODALITY, AI_READER, ai_rating_dataset
from cxr_reader_study.stats.dataset import UNRATED, FrocMarks, RatingDataset
from cxr_reader_study.stats.marks import Lesion, Mark, classify_marks


def ai_dataset(study: Study, readers: RatingDataset, ai_ratings: Path | None = None,
               acceptance_radius_factor: float = 1.0) -> RatingDataset | None:
    """From ``ai_ratings`` (``case,rating`` CSV) if given, else from the study's AI findings; None if neither."""
    if ai_ratings is not None:
        return ai_rating_dataset(readers, scores_for_cases(ai_ratings, read_ai_ratings(ai_ratings), readers.cases))
    if study.ai_findings is None:
        return None
    findings = load_findings(study)
    by_id = {case.case_id: case for case in study.scored_cases}
    cases = [by_id[case_id] for case_id in readers.cases]  # the readers' case order (the report sorts them)
    scores = [max((f.score for f in findings[c.case_id]), default=0.0) for c in cases]
    if study.task is not Task.FROC or readers.froc is None:
        return ai_rating_dataset(readers, scores)
    lesion_ids = readers.froc.lesion_ids
    per_case = []
    for case in cases:
        lesions = [Lesion(case.case_id, l.lesion_id, l.x, l.y, l.radius_px) for l in case.lesions]
        marks = [Mark(case.case_id, f.x, f.y, f.score) for f in findings[case.case_id]]
        per_case.append(classify_marks(marks, lesions, acceptance_radius_factor))
    ll = np.full((1, 1, len(cases), readers.froc.ll_ratings.shape[3]), UNRATED)
    nl = np.full((1, 1, len(cases), max([1] + [len(m) for m in per_case])), UNRATED)
    for c, scored in enumerate(per_case):
        nl_scores = sorted((m.rating for m in scored if m.mark_type == "NL"), reverse=True)
        nl[0, 0, c, : len(nl_scores)] = nl_scores
        for mark in scored:
            if mark.mark_type == "LL":
                ll[0, 0, c, lesion_ids[c].index(mark.lesion_id)] = mark.rating
    froc = FrocMarks(lesion_ids, readers.froc.lesion_weights, ll, nl)
    ratings = np.asarray(scores, dtype=float).reshape(1, 1, -1)
    return RatingDataset((AI_READER,), (AI_MODALITY,), readers.cases, readers.truth, ratings, froc)

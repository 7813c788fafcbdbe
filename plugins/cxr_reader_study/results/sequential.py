"""The sequential-reading comparison of an ``aided-second-read`` arm: first (unaided) versus final (AI
shown) answers of the same readers on the same cases, analysed as two modalities with OR and DBM; the
differences are final minus first read (TEST − REF, as every difference of the report and of ``analyze``).

The report must warn that this design favours the aided read: the final answer is given right after the
first, by the same reader on the same image, so it cannot be independent of it, readers seldom revise
against the aid, and the gain it shows tends to exceed that of an independent (crossover) comparison
(Beiden et al., Acad Radiol 2002; FDA guidance on clinical performance assessment of CAD devices, 2020).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import numpy as np

from cxr_reader_study.design.model import Study
from cxr_reader_study.results.arm_contrast import SEQUENTIAL_ARMS
from cxr_reader_study.results.dataset_builder import sequential_dataset
from cxr_reader_study.results.html import table_html
from cxr_reader_study.results.report_folder import ALPHA
from cxr_reader_study.stats.analyze import MrmcResult
from cxr_reader_study.stats.arm_order import analyze_later_minus_earlier
from cxr_reader_study.stats.canonical_order import canonical
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.fom_names import fom_label
from cxr_reader_study.storage.store import ReadStore

SEQUENTIAL_WARNING = (
    "Sequential (second-read) designs are known to favour the aided read: the final answer is given right "
    "after the first, by the same reader on the same image, so it is not independent of it; readers rarely "
    "revise against the aid, and the improvement measured this way tends to be larger than in an "
    "independent crossover comparison (unaided vs aided arms). Treat the first-vs-final difference as an "
    "upper bound on the AI's effect, not as an estimate of it."
)


@dataclass
class SequentialAnalysis:
    dataset: RatingDataset
    results: dict[str, MrmcResult] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def read_twice(self) -> np.ndarray:
        """[reader, case] True where both the first and the final answer are stored. A stored read is known by
        its reading time: the ratings cannot tell, since an FROC case answered without marks is unrated too."""
        times = self.dataset.reading_times
        return np.isfinite(times[0]) & np.isfinite(times[1])

    def changed_answers(self) -> list[int]:
        """Per reader: read-twice cases whose final answer differs from the first (rating, or any FROC mark)."""
        first, final = self.dataset.ratings[0], self.dataset.ratings[1]
        changed = first != final
        if self.dataset.froc is not None:
            for marks in (self.dataset.froc.ll_ratings, self.dataset.froc.nl_ratings):
                changed |= (marks[0] != marks[1]).any(axis=2)
        return [int(n) for n in (changed & self.read_twice()).sum(axis=1)]


def analyse_sequential(study: Study, store: ReadStore, foms: list[str], acceptance_radius_factor: float = 1.0,
                       readers: tuple[str, ...] | None = None) -> SequentialAnalysis:
    dataset = sequential_dataset(study, store, acceptance_radius_factor, readers)
    analysis = SequentialAnalysis(canonical(dataset, SEQUENTIAL_ARMS.order))  # readers and cases as the report's
    if len(analysis.dataset.readers) < 2:
        analysis.notes.append("The sequential MRMC analysis needs at least two readers; skipped.")
        return analysis
    if not analysis.read_twice().any():
        analysis.notes.append("No second read is complete yet (no case has both a first and a final answer), "
                              "so there is nothing to compare.")
        return analysis
    if not any(analysis.changed_answers()):
        analysis.notes.append("No reader changed any answer after seeing the AI: first and final reads are "
                              "identical, so there is no difference to test.")
        return analysis
    for fom in foms:
        try:
            analysis.results[fom] = analyze_later_minus_earlier(analysis.dataset, fom, study.positive_threshold, ALPHA)
        except (ValueError, ZeroDivisionError, FloatingPointError) as error:
            analysis.notes.append(f"Sequential {fom_label(fom, analysis.dataset.is_froc)} analysis not possible: "
                                  f"{error}")
    return analysis


def sequential_summary_html(analysis: SequentialAnalysis) -> str:
    """The warning, then per reader: answers changed after seeing the AI and AUC first vs final."""
    auc = analysis.results.get("auc")
    rows = []
    for j, (reader, changed) in enumerate(zip(analysis.dataset.readers, analysis.changed_answers())):
        aucs = [f"{auc.fom[i, j]:.3f}" for i in range(2)] if auc else ["", ""]
        rows.append([reader, changed, *aucs])
    name = fom_label("auc", analysis.dataset.is_froc)
    table = table_html(["reader", "answers changed after the AI", f"{name}, first read", f"{name}, final read"], rows,
                       f"Sequential reading in the aided-second-read arm ({len(analysis.dataset.cases)} cases)")
    notes = "".join(f"<p>{escape(n)}</p>" for n in analysis.notes)
    return f"<p class='warning'><b>Caution:</b> {escape(SEQUENTIAL_WARNING)}</p>{table}{notes}"

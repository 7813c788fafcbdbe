"""The long-format CSV the statistics read (``cxr-reader analyze``), plus the FROC truth file.

ROC: ``reader,modality,case,truth,rating,reading_time`` (seconds, pauses excluded).
FROC: ``reader,modality,case,truth,mark_type,lesion_id,rating`` with one row per mark, and a truth file
``case,truth,n_lesions,lesion_id,weight`` (equal lesion weights).
An unmarked FROC case still gets no row: the analysis treats it as rated −∞, as it should.
"""

from __future__ import annotations

import csv
from pathlib import Path

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.results.scoring import scored_reads
from cxr_reader_study.storage.store import ReadStore


def export_ratings(study: Study, store: ReadStore, out: Path, acceptance_radius_factor: float = 1.0) -> int:
    """Write the ratings (and for FROC ``<out stem>_truth.csv``); returns the number of rating rows."""
    rows = []
    for item in scored_reads(study, store, acceptance_radius_factor):
        key = [item.read.reader_id, item.read.arm, item.read.case_id, item.truth]
        if study.task is Task.ROC:
            rows.append(key + [f"{item.read.rating:g}", f"{item.read.active_ms / 1000:.3f}"])
        else:
            rows.extend(key + [m.mark_type, m.lesion_id or "", f"{m.rating:g}"] for m in item.marks)
    header = ["reader", "modality", "case", "truth", "rating", "reading_time"]
    if study.task is Task.FROC:
        header = header[:4] + ["mark_type", "lesion_id", "rating"]
        write_truth(study, out.with_name(f"{out.stem}_truth.csv"))
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


def write_truth(study: Study, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case", "truth", "n_lesions", "lesion_id", "weight"])
        for case in study.scored_cases:
            if not case.lesions:
                writer.writerow([case.case_id, 0, 0, "", ""])
            for lesion in case.lesions:
                weight = 1.0 / len(case.lesions)
                writer.writerow([case.case_id, 1, len(case.lesions), lesion.lesion_id, f"{weight:.6g}"])

"""Exports of the reads for cross-checking in other software: long CSV, iMRMC input, JAFROC workbook.

* ``long``: ROC ``reader,modality,case,truth,rating,reading_time`` (seconds, pauses excluded; in a
  second-read arm first + final read, as in the report's timing table); FROC
  ``reader,modality,case,truth,mark_type,lesion_id,rating`` (one row per mark) plus a truth file
  ``<stem>_truth.csv`` = ``case,truth,n_lesions,lesion_id,weight`` (equal lesion weights). An unmarked FROC
  case gets no row: the analysis treats it as rated −∞, as it should.
* ``imrmc``: the FDA iMRMC input file (ROC only: iMRMC needs one score per reader and case).
* ``jafroc``: RJafroc's Excel layout (TRUTH, NL, LL sheets), ROC or FROC.
* ``reads``: one row per read, both phases, with its times (``read_table``), ROC or FROC.

``phase="first"`` exports the unaided first answers of an ``aided-second-read`` arm instead of the final
answers, so the sequential comparison can be redone elsewhere.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.formats.imrmc import write_imrmc
from cxr_reader_study.formats.jafroc_xlsx import write_jafroc
from cxr_reader_study.results.dataset_builder import build_dataset
from cxr_reader_study.results.film_spacing import scoring_films
from cxr_reader_study.results.read_table import write_read_table
from cxr_reader_study.results.scoring import scored_reads
from cxr_reader_study.storage.store import ReadStore

FORMATS = ("long", "imrmc", "jafroc", "reads")


class ExportError(ValueError):
    """The study cannot be written in the requested format; the message says why."""


def export_ratings(study: Study, store: ReadStore, out: Path, acceptance_radius_factor: float = 1.0,
                   phase: str = "final", fmt: str = "long") -> int:
    """Write the ratings in ``fmt``; returns the number of ratings (ROC) or marks (FROC) written, or of reads
    (``reads``, which lists both phases whatever ``phase`` says). FROC marks are scored with each lesion's radius
    on the film as read (``film_spacing``); an FROC study with a radius unknown is refused, naming the cases."""
    films = scoring_films(study, store)
    if films.unknown:
        raise ExportError(films.unknown_note())
    study = films.study
    if fmt == "reads":
        return write_read_table(study, store, out, acceptance_radius_factor)
    if fmt == "long":
        return _export_long(study, store, out, acceptance_radius_factor, phase)
    dataset = build_dataset(study, store, acceptance_radius_factor, phase)
    if fmt == "imrmc":
        if study.task is Task.FROC:
            raise ExportError("iMRMC holds one ROC score per reader and case; export FROC studies as "
                              "--format jafroc or long")
        try:
            write_imrmc(dataset, out, f"{study.name} ({phase} reads), exported by cxr-reader")
        except ValueError as error:
            raise ExportError(f"{error} (finish the sessions first, or export --format long)") from error
        return int(np.isfinite(dataset.ratings).sum())
    if fmt == "jafroc":
        write_jafroc(dataset, out)
        if dataset.froc is None:
            return int(np.isfinite(dataset.ratings).sum())
        return int(np.isfinite(dataset.froc.ll_ratings).sum() + np.isfinite(dataset.froc.nl_ratings).sum())
    raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _export_long(study: Study, store: ReadStore, out: Path, acceptance_radius_factor: float, phase: str) -> int:
    build_dataset(study, store, acceptance_radius_factor, phase)  # refuses a phase the design does not have
    rows = []
    for item in scored_reads(study, store, acceptance_radius_factor, phase):
        key = [item.read.reader_id, item.read.arm, item.read.case_id, item.truth]
        if study.task is Task.ROC:
            rows.append(key + [f"{item.read.rating:g}", f"{item.reading_ms / 1000:.3f}"])
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

"""The report folder of a study: Table 1, curves, reading times, the MRMC analysis, the standalone AI and,
for an ``aided-second-read`` arm, the sequential first-versus-final comparison.

Files: ``table1.csv/.html`` (its numbers in ``table1.json``), ``roc_curves.png`` (and ``froc_curves.png`` for
FROC studies), ``timing.csv/.html``, ``mrmc.json/.html`` (OR and DBM analyses of every figure of merit that applies),
``ai.json/.html`` when AI scores exist, ``sequential.json/.html`` and ``sequential_roc.png`` when the
study has a second-read arm, ``washout_overrides.csv`` when a session started before its washout ended, and
``report.html`` with the main tables and figures on one page; ``provenance.json`` records what it was computed
from (versions, seed, settings, checksums of the inputs and of the reads).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from cxr_reader_study.design.model import Arm, Study, Task
from cxr_reader_study.results.ai_dataset import ai_dataset
from cxr_reader_study.results.ai_section import ai_sections
from cxr_reader_study.results.completeness import completeness
from cxr_reader_study.results.dataset_builder import build_dataset
from cxr_reader_study.results.html import table_html, write_csv, write_page
from cxr_reader_study.results.mrmc_tables import mrmc_sections, primary_comparisons
from cxr_reader_study.results.overrides import OVERRIDE_HEADER, override_note, override_rows
from cxr_reader_study.results.plots import plot_froc, plot_roc
from cxr_reader_study.results.provenance import provenance, provenance_html
from cxr_reader_study.results.scoring import removed_case_note
from cxr_reader_study.results.sequential import SEQUENTIAL_WARNING, analyse_sequential, sequential_summary_html
from cxr_reader_study.results.table_one import table_one, table_one_html
from cxr_reader_study.results.table_one_data import table_one_record
from cxr_reader_study.results.timing import timing_header, timing_rows
from cxr_reader_study.stats.ai_summary import summarize_ai
from cxr_reader_study.stats.analyze import MrmcResult, analyze
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.fom_names import fom_label
from cxr_reader_study.storage.store import ReadStore

ALPHA = 0.05  # every interval of the report is a 95% CI


@dataclass
class Report:
    folder: Path
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # HTML fragments of report.html, in order


def figures_of_merit(study: Study) -> list[str]:
    foms = ["auc"] + (["wafroc"] if study.task is Task.FROC else [])
    return foms + (["sens", "spec"] if study.positive_threshold is not None else [])


def _write_json(path: Path, value: dict) -> None:
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")


def _mrmc(study: Study, dataset: RatingDataset, report: Report) -> None:
    results: dict[str, MrmcResult] = {}
    if len(study.arms) >= 2 and len(dataset.readers) >= 2:
        for fom in figures_of_merit(study):
            try:
                results[fom] = analyze(dataset, fom, threshold=study.positive_threshold, alpha=ALPHA)
            except ValueError as error:  # e.g. one normal case: the case jackknife cannot leave it out
                report.notes.append(f"MRMC analysis of {fom_label(fom, dataset.is_froc)} not possible: {error}.")
    else:
        report.notes.append("MRMC analysis needs at least two arms and two readers; skipped.")
    _write_json(report.folder / "mrmc.json", {k: r.to_dict() for k, r in results.items()})
    write_page(report.folder / "mrmc.html", f"{study.name}: MRMC analysis", mrmc_sections(results))
    if results:
        report.sections += ["<h2>MRMC analysis</h2>", primary_comparisons(results)]
    report.sections.append("<p><a href='mrmc.html'>Full MRMC analysis (Obuchowski–Rockette and DBM; per-reader "
                           "figures of merit, fixed-reader and fixed-case generalisations)</a></p>")


def _ai(study: Study, dataset: RatingDataset, ai: RatingDataset, report: Report, ai_ratings: Path | None,
        radius: float) -> None:
    foms = ("auc", "wafroc") if ai.froc is not None else ("auc",)
    try:
        summary = summarize_ai(dataset, ai, foms, ALPHA)
    except ValueError as error:  # the readers-minus-AI test jackknifes cases, as the MRMC analysis does
        report.notes.append(f"Standalone AI versus readers not possible: {error}.")
        return
    source = (f"per-case scores from {ai_ratings}" if ai_ratings else
              f"the study's AI findings ({study.ai_findings.name}): highest finding score per case, 0 when none"
              + (f"; findings matched to lesions within {radius:g} lesion radius" if ai.froc is not None else ""))
    _write_json(report.folder / "ai.json", {"source": source, **summary.to_dict()})
    sections = ai_sections(summary, source, froc=ai.froc is not None)
    write_page(report.folder / "ai.html", f"{study.name}: standalone AI versus readers", sections)
    report.sections += ["<h2>Standalone AI versus readers</h2>", *sections]


def _sequential(study: Study, store: ReadStore, report: Report, radius: float, readers: tuple[str, ...]) -> None:
    analysis = analyse_sequential(study, store, figures_of_merit(study), radius, readers)
    _write_json(report.folder / "sequential.json", {
        "warning": SEQUENTIAL_WARNING,
        "changed_answers": dict(zip(analysis.dataset.readers, analysis.changed_answers())),
        **{fom: result.to_dict() for fom, result in analysis.results.items()}, "notes": analysis.notes})
    summary = sequential_summary_html(analysis)
    write_page(report.folder / "sequential.html", f"{study.name}: sequential reading (first vs final)",
               [summary, *mrmc_sections(analysis.results, "Sequential reading")])
    plot_roc(analysis.dataset, report.folder / "sequential_roc.png",
             title="Aided-second-read arm: first (unaided) versus final (aided) read")
    report.notes.append("The aided-second-read arm is also analysed as first versus final read; sequential "
                        "designs are known to favour the aided read (see the sequential section).")
    report.sections += ["<h2>Sequential reading: first versus final read</h2>", summary,
                        "<p><a href='sequential.html'>Full OR/DBM analysis of first vs final</a></p>",
                        "<p><img src='sequential_roc.png' style='max-width:100%'></p>"]


def build_report(study: Study, store: ReadStore, folder: Path, acceptance_radius_factor: float = 1.0,
                 ai_ratings: Path | None = None) -> Report:
    readers = completeness(study, store)
    dataset = build_dataset(study, store, acceptance_radius_factor, readers=readers.analysed)
    ai = ai_dataset(study, dataset, ai_ratings, acceptance_radius_factor)  # bad AI input stops before writing
    folder.mkdir(parents=True, exist_ok=True)
    report = Report(folder)
    report.notes += [note for note in (removed_case_note(study, store), readers.note(study.task),
                                       override_note(study, store)) if note]

    header, rows = table_one(study, dataset)
    write_csv(folder / "table1.csv", header, rows)
    _write_json(folder / "table1.json", table_one_record(study, dataset, ALPHA))
    table = table_one_html(study, dataset, rows, acceptance_radius_factor)
    write_page(folder / "table1.html", f"{study.name}: Table 1", [table])
    report.sections += [table, "<p><img src='roc_curves.png' style='max-width:100%'></p>"]
    if study.task is Task.FROC:
        report.sections.append("<p><img src='froc_curves.png' style='max-width:100%'></p>")
    _mrmc(study, dataset, report)

    if ai is not None:
        _ai(study, dataset, ai, report, ai_ratings, acceptance_radius_factor)
    plot_roc(dataset, folder / "roc_curves.png", ai)
    if study.task is Task.FROC:
        plot_froc(dataset, folder / "froc_curves.png", ai)
    if Arm.AIDED_SECOND_READ in study.arms:
        _sequential(study, store, report, acceptance_radius_factor, readers.analysed)

    timing = timing_rows(study, store)
    timing_table = table_html(timing_header(study), timing, "Reading time per reader and arm (seconds, pauses "
                              "excluded; second reads: first + final read; resumed: cases answered after a crash "
                              "or log-out, the earlier displays' saved time included)")
    write_csv(folder / "timing.csv", timing_header(study), timing)
    write_page(folder / "timing.html", f"{study.name}: reading times", [timing_table])
    report.sections += ["<h2>Reading times</h2>", timing_table]
    overrides = override_rows(study, store)
    if overrides:
        write_csv(folder / "washout_overrides.csv", OVERRIDE_HEADER, overrides)
        report.sections += ["<h2>Washout overrides</h2>", table_html(
            OVERRIDE_HEADER, overrides, "Arms a reader was let start before the washout ended, with the reason")]

    notes = [f"<p><b>Note:</b> {escape(n)}</p>" for n in report.notes]
    facts = (f"<p>{len(dataset.readers)} readers, {dataset.n_abnormal} abnormal and {dataset.n_normal} normal cases, "
             f"arms {', '.join(escape(a.value) for a in study.arms)}, task {study.task.value}.</p>")
    record = provenance(study, store, acceptance_radius_factor, ai_ratings, readers.analysed, ALPHA)
    _write_json(folder / "provenance.json", record)
    write_page(folder / "report.html", study.name, [facts, provenance_html(record), *notes, *report.sections])
    report.files = sorted(folder.iterdir())
    return report

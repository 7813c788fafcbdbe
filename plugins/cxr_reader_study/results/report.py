"""The report folder of a study: Table 1, curves, reading times, the MRMC analysis, the standalone AI and,
for an ``aided-second-read`` arm, the sequential first-versus-final comparison.

Files: ``table1.csv/.html`` (its numbers in ``table1.json``), ``roc_curves.png`` (and ``froc_curves.png`` for
FROC studies), ``timing.csv/.html`` with the paired arm comparison in ``timing_paired.csv`` and ``timing.json``,
``mrmc.json/.html`` (OR and DBM analyses of every figure of merit that applies), ``ai.json/.html`` when AI scores
exist, ``sequential.json/.html`` and ``sequential_roc.png`` when the study has a second-read arm,
``washout_overrides.csv`` when a session started before its washout ended, ``study_closings.csv`` when the study
was closed on a station (``Close reader study…``), and ``report.html`` with the main
tables and figures on one page; ``provenance.json`` records what it was computed from (versions, seed,
settings, checksums of the inputs and of the reads). Each part is written by its module (``analysis_sections``,
``timing_section``); this one assembles them.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from cxr_reader_study.design.model import Arm, Study, Task
from cxr_reader_study.results.ai_dataset import ai_dataset
from cxr_reader_study.results.analysis_sections import add_ai, add_mrmc, add_sequential
from cxr_reader_study.results.closings import CLOSING_HEADER, closing_rows
from cxr_reader_study.results.completeness import completeness
from cxr_reader_study.results.dataset_builder import build_dataset
from cxr_reader_study.results.film_spacing import scoring_films
from cxr_reader_study.results.html import table_html, write_csv, write_page
from cxr_reader_study.results.overrides import OVERRIDE_HEADER, override_note, override_rows
from cxr_reader_study.results.plots import plot_froc, plot_roc
from cxr_reader_study.results.provenance import provenance, provenance_html
from cxr_reader_study.results.report_folder import ALPHA, Report, write_json
from cxr_reader_study.results.scoring import removed_case_note
from cxr_reader_study.results.table_one import table_one, table_one_html
from cxr_reader_study.results.table_one_data import table_one_record
from cxr_reader_study.results.timing_section import add_timing
from cxr_reader_study.stats.arm_order import ArmOrder, study_arm_order
from cxr_reader_study.stats.canonical_order import canonical
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.storage.store import ReadStore

__all__ = ["Report", "build_report"]


def _table_one(study: Study, dataset: RatingDataset, report: Report, radius: float) -> None:
    header, rows = table_one(study, dataset)
    write_csv(report.folder / "table1.csv", header, rows)
    write_json(report.folder / "table1.json", table_one_record(study, dataset, ALPHA))
    table = table_one_html(study, dataset, rows, radius)
    write_page(report.folder / "table1.html", f"{study.name}: Table 1", [table])
    report.sections += [table, "<p><img src='roc_curves.png' style='max-width:100%'></p>"]
    if study.task is Task.FROC:
        report.sections.append("<p><img src='froc_curves.png' style='max-width:100%'></p>")


def _overrides(study: Study, store: ReadStore, report: Report) -> None:
    overrides = override_rows(study, store)
    if overrides:
        write_csv(report.folder / "washout_overrides.csv", OVERRIDE_HEADER, overrides)
        report.sections += ["<h2>Washout overrides</h2>", table_html(
            OVERRIDE_HEADER, overrides, "Arms a reader was let start before the washout ended, with the reason")]


def _closings(store: ReadStore, report: Report) -> None:
    closings = closing_rows(store)
    if closings:
        write_csv(report.folder / "study_closings.csv", CLOSING_HEADER, closings)
        report.sections += ["<h2>Study closings</h2>", table_html(
            CLOSING_HEADER, closings, "When and on which station the study was closed (Close reader study…)")]


def _scored_figures(study: Study, store: ReadStore, dataset: RatingDataset, ai: RatingDataset | None, report: Report,
                    arms: ArmOrder, radius: float, ai_ratings: Path | None, readers: tuple[str, ...]) -> None:
    """Everything computed from the ratings and the marks as scored against the lesions."""
    _table_one(study, dataset, report, radius)
    add_mrmc(study, dataset, report, arms)
    if ai is not None:
        add_ai(study, dataset, ai, report, ai_ratings, radius)
    plot_roc(dataset, report.folder / "roc_curves.png", ai)
    if study.task is Task.FROC:
        plot_froc(dataset, report.folder / "froc_curves.png", ai)
    if Arm.AIDED_SECOND_READ in study.arms:
        add_sequential(study, store, report, radius, readers)


def build_report(study: Study, store: ReadStore, folder: Path, acceptance_radius_factor: float = 1.0,
                 ai_ratings: Path | None = None) -> Report:
    films = scoring_films(study, store)  # lesion radii from the films as read: no images needed
    study = films.study
    readers, arms = completeness(study, store), study_arm_order(study)
    # analyze's order of arms, readers and cases: the same figures and signs as analyze on the exports
    dataset = canonical(build_dataset(study, store, acceptance_radius_factor, readers=readers.analysed), arms.order)
    # bad AI input stops before writing, radii known or not; AI findings are scored against the lesions too
    ai = ai_dataset(study, dataset, ai_ratings, acceptance_radius_factor) if ai_ratings or not films.unknown else None
    folder.mkdir(parents=True, exist_ok=True)
    report = Report(folder)
    unknown = films.unknown_note()
    report.notes += [note for note in (removed_case_note(study, store), readers.note(study.task),
                                       override_note(study, store), *films.notes, unknown) if note]

    if unknown:
        report.sections += ["<h2>Not computed</h2>", f"<p>{escape(unknown[0].upper() + unknown[1:])}</p>"]
    else:
        _scored_figures(study, store, dataset, ai, report, arms, acceptance_radius_factor, ai_ratings, readers.analysed)
    add_timing(study, store, report, arms)
    _overrides(study, store, report)
    _closings(store, report)

    notes = [f"<p><b>Note:</b> {escape(n)}</p>" for n in report.notes]
    facts = (f"<p>{len(dataset.readers)} readers, {dataset.n_abnormal} abnormal and {dataset.n_normal} normal cases, "
             f"arms {', '.join(escape(a) for a in arms.order)}, task {study.task.value}.</p>")
    record = provenance(study, store, acceptance_radius_factor, ai_ratings, readers.analysed, ALPHA,
                        reads_not_computed=unknown and f"not checkable against an export: {unknown}")
    write_json(folder / "provenance.json", record)
    write_page(folder / "report.html", study.name, [facts, provenance_html(record), *notes, *report.sections])
    report.files = sorted(folder.iterdir())
    return report

"""The report's analyses beyond Table 1: the MRMC analysis of each figure of merit, the standalone AI versus
the readers, and, for an ``aided-second-read`` arm, the sequential first-versus-final comparison. Each writes its
files into the report folder and adds its sections to ``report.html``; an analysis the data cannot take is
skipped with a note saying why, so the rest of the report is still written."""

from __future__ import annotations

from pathlib import Path

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.results.ai_section import ai_sections
from cxr_reader_study.results.arm_contrast import SEQUENTIAL_ARMS, result_record
from cxr_reader_study.results.html import write_page
from cxr_reader_study.results.mrmc_tables import mrmc_sections, primary_comparisons
from cxr_reader_study.results.plots import plot_roc
from cxr_reader_study.results.report_folder import ALPHA, Report, write_json
from cxr_reader_study.results.sequential import SEQUENTIAL_WARNING, analyse_sequential, sequential_summary_html
from cxr_reader_study.stats.ai_summary import summarize_ai
from cxr_reader_study.stats.analyze import MrmcResult
from cxr_reader_study.stats.arm_order import ArmOrder, analyze_later_minus_earlier
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.fom_names import fom_label
from cxr_reader_study.storage.store import ReadStore


def figures_of_merit(study: Study) -> list[str]:
    foms = ["auc"] + (["wafroc"] if study.task is Task.FROC else [])
    return foms + (["sens", "spec"] if study.positive_threshold is not None else [])


def add_mrmc(study: Study, dataset: RatingDataset, report: Report, arms: ArmOrder) -> None:
    """``dataset`` in ``arms``' order: every difference later arm minus earlier (aided − unaided), as analyze's."""
    results: dict[str, MrmcResult] = {}
    if len(study.arms) >= 2 and len(dataset.readers) >= 2:
        for fom in figures_of_merit(study):
            try:
                results[fom] = analyze_later_minus_earlier(dataset, fom, study.positive_threshold, ALPHA)
            except ValueError as error:  # e.g. one normal case: the case jackknife cannot leave it out
                report.notes.append(f"MRMC analysis of {fom_label(fom, dataset.is_froc)} not possible: {error}.")
    else:
        report.notes.append("MRMC analysis needs at least two arms and two readers; skipped.")
    write_json(report.folder / "mrmc.json", {k: result_record(r, arms) for k, r in results.items()})
    write_page(report.folder / "mrmc.html", f"{study.name}: MRMC analysis", mrmc_sections(results, arms))
    if results:
        report.sections += ["<h2>MRMC analysis</h2>", *primary_comparisons(results, arms)]
    report.sections.append("<p><a href='mrmc.html'>Full MRMC analysis (Obuchowski–Rockette and DBM; per-reader "
                           "figures of merit, fixed-reader and fixed-case generalisations)</a></p>")


def add_ai(study: Study, dataset: RatingDataset, ai: RatingDataset, report: Report, ai_ratings: Path | None,
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
    write_json(report.folder / "ai.json", {"source": source, **summary.to_dict()})
    sections = ai_sections(summary, source, froc=ai.froc is not None, alpha=ALPHA)
    write_page(report.folder / "ai.html", f"{study.name}: standalone AI versus readers", sections)
    report.sections += ["<h2>Standalone AI versus readers</h2>", *sections]


def add_sequential(study: Study, store: ReadStore, report: Report, radius: float, readers: tuple[str, ...]) -> None:
    analysis = analyse_sequential(study, store, figures_of_merit(study), radius, readers)
    write_json(report.folder / "sequential.json", {
        "warning": SEQUENTIAL_WARNING,
        "changed_answers": dict(zip(analysis.dataset.readers, analysis.changed_answers())),
        **{fom: result_record(result, SEQUENTIAL_ARMS) for fom, result in analysis.results.items()},
        "notes": analysis.notes})
    summary = sequential_summary_html(analysis)
    write_page(report.folder / "sequential.html", f"{study.name}: sequential reading (first vs final)",
               [summary, *mrmc_sections(analysis.results, SEQUENTIAL_ARMS, "Sequential reading")])
    plot_roc(analysis.dataset, report.folder / "sequential_roc.png",
             title="Aided-second-read arm: first (unaided) versus final (aided) read")
    report.notes.append("The aided-second-read arm is also analysed as first versus final read; sequential "
                        "designs are known to favour the aided read (see the sequential section).")
    report.sections += ["<h2>Sequential reading: first versus final read</h2>", summary,
                        "<p><a href='sequential.html'>Full OR/DBM analysis of first vs final</a></p>",
                        "<p><img src='sequential_roc.png' style='max-width:100%'></p>"]

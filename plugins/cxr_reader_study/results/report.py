"""The report folder of a study: Table 1, curves, reading times and the MRMC analysis.

Files: ``table1.csv/.html`` (figures of merit per reader group and arm, mean ± SD), ``roc_curves.png``
(and ``froc_curves.png`` for FROC studies), ``timing.csv/.html``, ``mrmc.json/.html`` (OR and DBM
analyses of every figure of merit that applies), and ``report.html`` linking them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.results.dataset_builder import build_dataset
from cxr_reader_study.results.html import table_html, write_csv, write_page
from cxr_reader_study.results.mrmc_tables import mrmc_sections
from cxr_reader_study.results.plots import plot_froc, plot_roc
from cxr_reader_study.results.table_one import TABLE1_HEADER, table_one
from cxr_reader_study.results.timing import TIMING_HEADER, timing_rows
from cxr_reader_study.stats.analyze import MrmcResult, analyze
from cxr_reader_study.storage.store import ReadStore


@dataclass
class Report:
    folder: Path
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def figures_of_merit(study: Study) -> list[str]:
    foms = ["auc"] + (["wafroc"] if study.task is Task.FROC else [])
    return foms + (["sens", "spec"] if study.positive_threshold is not None else [])


def build_report(study: Study, store: ReadStore, folder: Path, acceptance_radius_factor: float = 1.0) -> Report:
    folder.mkdir(parents=True, exist_ok=True)
    report = Report(folder)
    dataset = build_dataset(study, store, acceptance_radius_factor)
    missing = int((dataset.ratings == float("-inf")).sum()) if study.task is Task.ROC else 0
    if missing:
        report.notes.append(f"{missing} reads are missing (unfinished sessions); they count as the lowest rating.")

    results: dict[str, MrmcResult] = {}
    if len(study.arms) >= 2 and len(study.readers) >= 2:
        for fom in figures_of_merit(study):
            results[fom] = analyze(dataset, fom, threshold=study.positive_threshold)
    else:
        report.notes.append("MRMC analysis needs at least two arms and two readers; skipped.")

    rows = table_one(study, dataset)
    write_csv(folder / "table1.csv", TABLE1_HEADER, rows)
    write_page(folder / "table1.html", f"{study.name}: Table 1", [table_html(TABLE1_HEADER, rows)])

    plot_roc(dataset, folder / "roc_curves.png")
    if study.task is Task.FROC:
        plot_froc(dataset, folder / "froc_curves.png")

    timing = timing_rows(study, store)
    write_csv(folder / "timing.csv", TIMING_HEADER, timing)
    write_page(folder / "timing.html", f"{study.name}: reading times", [table_html(TIMING_HEADER, timing)])

    (folder / "mrmc.json").write_text(json.dumps({k: r.to_dict() for k, r in results.items()}, indent=2),
                                      encoding="utf-8")
    write_page(folder / "mrmc.html", f"{study.name}: MRMC analysis", mrmc_sections(results))

    images = "".join(f"<p><img src='{p.name}' style='max-width:100%'></p>" for p in sorted(folder.glob("*.png")))
    notes = "".join(f"<p><b>Note:</b> {escape(n)}</p>" for n in report.notes)
    links = "".join(f"<li><a href='{n}'>{n}</a></li>" for n in ("table1.html", "timing.html", "mrmc.html"))
    write_page(folder / "report.html", study.name, [notes, f"<ul>{links}</ul>", images])
    report.files = sorted(folder.iterdir())
    return report

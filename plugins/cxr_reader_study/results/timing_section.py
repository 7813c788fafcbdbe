"""The report's reading times: the table per reader and arm (``timing.csv/.html``, unchanged in meaning) and,
beside it, the paired comparison of every two arms over the readers who read both (``timing_paired.csv``,
``timing.json`` with each reader's medians and the readers left out of the pairing), since the table's per-arm
rows pool whichever readers read each arm."""

from __future__ import annotations

from html import escape

from cxr_reader_study.design.model import Study
from cxr_reader_study.results.html import table_html, write_csv, write_page
from cxr_reader_study.results.report_folder import ALPHA, Report, write_json
from cxr_reader_study.results.timing import timing_header, timing_rows
from cxr_reader_study.results.timing_paired import PAIRED_HEADER, paired_line, paired_rows, paired_times
from cxr_reader_study.stats.arm_order import ArmOrder
from cxr_reader_study.storage.store import ReadStore

_PAIRED_CAPTION = ("Paired reading time: per reader the median seconds per case in each arm, over the readers who "
                   "read both arms; difference: second_arm minus first_arm (mean and median over readers); ratio: "
                   "second_arm over first_arm (geometric mean over readers); t-intervals over readers, the "
                   "ratio's on log times")


def add_timing(study: Study, store: ReadStore, report: Report, arms: ArmOrder) -> None:
    """``arms`` as the MRMC analysis has them: each paired difference is the later arm minus the earlier."""
    header, rows = timing_header(study), timing_rows(study, store)
    timing_table = table_html(header, rows, "Reading time per reader and arm (seconds, pauses excluded; second "
                              "reads: first + final read; resumed: cases answered after a crash or log-out, the "
                              "earlier displays' saved time included; all-readers rows pool whoever read the arm)")
    comparisons = paired_times(study, store, ALPHA, arms)
    paired_table = table_html(PAIRED_HEADER, paired_rows(comparisons), _PAIRED_CAPTION)
    lines = [paired_line(c) for c in comparisons]
    write_csv(report.folder / "timing.csv", header, rows)
    write_csv(report.folder / "timing_paired.csv", PAIRED_HEADER, paired_rows(comparisons))
    write_json(report.folder / "timing.json", {"arms": arms.to_dict(), "paired": [c.to_dict() for c in comparisons]})
    paragraphs = [f"<p>{escape(line)}</p>" for line in lines]
    write_page(report.folder / "timing.html", f"{study.name}: reading times", [timing_table, paired_table, *paragraphs])
    report.sections += ["<h2>Reading times</h2>", timing_table, paired_table, *paragraphs]
    report.summary += lines

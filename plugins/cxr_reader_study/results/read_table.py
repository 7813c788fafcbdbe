"""The reads table: one row per scored read, for a statistician's own models of accuracy and reading time.

The long CSV has one row per rating (ROC) or per mark (FROC), so an FROC study's reading times, an unmarked
case's read and a second read's two answers are nowhere in it; the timing table only has means. This table
lists every scored read the report uses, both phases, with its time in seconds (pauses and focus losses
excluded, the read's own time: a second read's case time as the timing table counts it is its ``first`` plus
its ``final`` row), time to the first mark, displays (more than 1: resumed after a crash or log-out, its time a
lower bound), pauses, and when it was shown and submitted (UTC). The same reads as every other export
(``scoring.scored_reads``: study readers, arms and cases, no training cases).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.results.scoring import PHASES, ScoredRead, scored_reads
from cxr_reader_study.storage.store import ReadStore

COLUMNS = ("reader", "group", "arm", "phase", "case", "truth", "rating", "n_marks", "n_lesion_marks",
           "reading_time_s", "first_mark_s", "displays", "pauses", "shown_at_utc", "submitted_at_utc")


def _seconds(ms: int | None) -> str:
    return "" if ms is None else f"{ms / 1000:.3f}"


def _row(study: Study, item: ScoredRead) -> list[object]:
    """``rating``: the case rating (ROC) or the highest mark's (FROC, the inferred ROC rating; empty unmarked);
    ``n_marks`` and ``n_lesion_marks`` (marks on a lesion by the report's acceptance rule) are FROC only."""
    read, froc = item.read, study.task is Task.FROC
    rating = item.case_rating
    return [read.reader_id, study.reader(read.reader_id).group, read.arm, read.phase, read.case_id, item.truth,
            "" if rating is None else f"{rating:g}",
            len(item.marks) if froc else "", sum(m.mark_type == "LL" for m in item.marks) if froc else "",
            _seconds(read.active_ms), _seconds(read.first_mark_ms), read.displays, read.pause_count,
            read.shown_at.isoformat(), read.submitted_at.isoformat()]


def read_table_text(study: Study, store: ReadStore, acceptance_radius_factor: float = 1.0) -> tuple[str, int]:
    """The table as CSV text (both phases; by reader and arm in study order, then as submitted) and its number of
    reads: the report records the text's SHA-256, so the export of the same database can be checked against it."""
    readers = [reader.reader_id for reader in study.readers]
    arms = [arm.value for arm in study.arms]
    items = sorted((item for phase in PHASES for item in scored_reads(study, store, acceptance_radius_factor, phase)),
                   key=lambda item: (readers.index(item.read.reader_id), arms.index(item.read.arm),
                                     item.read.submitted_at))
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    writer.writerows(_row(study, item) for item in items)
    return text.getvalue(), len(items)


def write_read_table(study: Study, store: ReadStore, out: Path, acceptance_radius_factor: float = 1.0) -> int:
    """Write the table; returns the number of reads written."""
    text, count = read_table_text(study, store, acceptance_radius_factor)
    out.write_bytes(text.encode("utf-8"))
    return count

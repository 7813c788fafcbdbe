"""Per-reader reading times: the effort side of an AI study (does the AI save or cost time?)."""

from __future__ import annotations

import statistics

from cxr_reader_study.design.model import Study
from cxr_reader_study.storage.store import ReadStore

TIMING_HEADER = ["reader", "group", "arm", "reads", "mean_s", "median_s", "total_min", "median_first_mark_s",
                 "pauses"]


def timing_rows(study: Study, store: ReadStore) -> list[list[object]]:
    """One row per reader and arm over final, scored reads (training reads are warm-up, not effort)."""
    rows = []
    for reader in study.readers:
        reads = [r for r in store.reads(reader.reader_id) if r.phase == "final" and not r.training]
        for arm in study.arms:
            mine = [r for r in reads if r.arm == arm.value]
            if not mine:
                continue
            seconds = [r.active_ms / 1000 for r in mine]
            first = [r.first_mark_ms / 1000 for r in mine if r.first_mark_ms is not None]
            rows.append([
                reader.reader_id, reader.group, arm.value, len(mine), f"{statistics.fmean(seconds):.2f}",
                f"{statistics.median(seconds):.2f}", f"{sum(seconds) / 60:.2f}",
                f"{statistics.median(first):.2f}" if first else "", sum(r.pause_count for r in mine),
            ])
    return rows

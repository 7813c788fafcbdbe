"""Per-reader reading times: the effort side of an AI study (does the AI save or cost time?).

Times are the stored active milliseconds (on screen minus pauses and focus losses). In an
``aided-second-read`` arm a case's time is its first (unaided) plus its final (AI shown) read, i.e. the
whole effort the case cost; its time to first mark is that of the first read, when the reader has not seen
the AI yet. Training reads are warm-up, not effort, and are left out. ``resumed`` counts the cases whose
answer was interrupted (a crash or log-out) and given at a later display: their time adds the earlier
displays' time as last saved, a lower bound of the effort, so a study can report or exclude them.
"""

from __future__ import annotations

import statistics
from collections import defaultdict

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.results.scoring import study_reads
from cxr_reader_study.storage.records import ReadRecord
from cxr_reader_study.storage.store import ReadStore

ALL_READERS = "all readers"


def timing_header(study: Study) -> list[str]:
    marks = ["mean_first_mark_s", "median_first_mark_s"] if study.task is Task.FROC else []
    return ["reader", "group", "arm", "reads", "mean_s", "median_s", "total_min", *marks, "resumed", "pauses"]


def _row(study: Study, reader: str, group: str, arm: str, cases: dict[str, list[ReadRecord]]) -> list[object]:
    seconds = [case_seconds(reads) for reads in cases.values()]
    first_reads = [min(reads, key=lambda r: r.phase != "first") for reads in cases.values()]
    first = [r.first_mark_ms / 1000 for r in first_reads if r.first_mark_ms is not None]
    marks = []
    if study.task is Task.FROC:
        marks = [f"{statistics.fmean(first):.2f}", f"{statistics.median(first):.2f}"] if first else ["", ""]
    resumed = sum(any(r.displays > 1 for r in reads) for reads in cases.values())
    return [reader, group, arm, len(cases), f"{statistics.fmean(seconds):.2f}", f"{statistics.median(seconds):.2f}",
            f"{sum(seconds) / 60:.2f}", *marks, resumed, sum(r.pause_count for reads in cases.values() for r in reads)]


def finished_cases(study: Study, store: ReadStore) -> dict[str, dict[str, dict[str, list[ReadRecord]]]]:
    """``[reader][arm][case]``: the scored reads of each case with a final answer (a second read's first and
    final read together), for every reader of the study and every arm of it, empty where none."""
    out: dict[str, dict[str, dict[str, list[ReadRecord]]]] = {}
    for reader in study.readers:
        by_arm: dict[str, dict[str, list[ReadRecord]]] = defaultdict(lambda: defaultdict(list))
        for read in study_reads(study, store, reader.reader_id):
            if not read.training:
                by_arm[read.arm][read.case_id].append(read)
        out[reader.reader_id] = {arm.value: {case: reads for case, reads in by_arm[arm.value].items()
                                             if any(r.phase == "final" for r in reads)} for arm in study.arms}
    return out


def case_seconds(reads: list[ReadRecord]) -> float:
    """A case's reading time: active seconds (pauses and focus losses excluded) over all its reads."""
    return sum(r.active_ms for r in reads) / 1000


def timing_rows(study: Study, store: ReadStore) -> list[list[object]]:
    """One row per reader and arm, then one per arm over all readers (cases of all readers pooled)."""
    rows, pooled = [], defaultdict(dict)
    finished = finished_cases(study, store)
    for reader in study.readers:
        for arm in study.arms:
            cases = finished[reader.reader_id][arm.value]
            if cases:
                rows.append(_row(study, reader.reader_id, reader.group, arm.value, cases))
                pooled[arm.value].update({(reader.reader_id, case): reads for case, reads in cases.items()})
    for arm in study.arms:
        if pooled[arm.value]:
            rows.append(_row(study, ALL_READERS, "", arm.value, pooled[arm.value]))
    return rows

"""Per-case reading times from the reads export (``cxr-reader export --format reads``) for ``cxr-reader analyze
--times``: the only exported file with an FROC study's times (the FROC long CSV, iMRMC and JAFROC files hold
none), and one that keeps a reader's reads of an arm the ratings file's analysis drops.

A case's time is the sum of its reads' ``reading_time_s`` in that reader's arm (a second read: first + final,
as the report's timing table counts it), over the cases with a ``final`` row, exactly the report's case times.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .table import FormatError, number, read_rows

READS_COLUMNS = ("reader", "arm", "phase", "case", "reading_time_s")


def _arm_order(sequences: list[list[str]]) -> list[str]:
    """The export lists each reader's reads in the study's arm order; merging the readers' sequences gives that
    order even where the first reader missed an arm (first appearance alone would then put it last)."""
    order: list[str] = []
    for sequence in sequences:
        for index, arm in enumerate(sequence):
            if arm not in order:
                later = [order.index(a) for a in sequence[index + 1:] if a in order]
                order.insert(min(later) if later else len(order), arm)
    return order


def read_case_times(path: Path) -> tuple[dict[str, dict[str, list[float]]], list[str]]:
    """``(times[reader][arm] = [seconds per case], arms in study order)``."""
    seconds: dict[tuple[str, str, str], float] = defaultdict(float)
    finished: set[tuple[str, str, str]] = set()
    arms_seen: dict[str, list[str]] = defaultdict(list)
    for line, row in read_rows(path, READS_COLUMNS):
        key = (row["reader"], row["arm"], row["case"])
        if row["phase"] not in ("first", "final"):
            raise FormatError(f"{path}, line {line}: phase must be first or final, got {row['phase']!r}")
        seconds[key] += number(path, line, "reading_time_s", row["reading_time_s"])
        if row["phase"] == "final":
            finished.add(key)
        if row["arm"] not in arms_seen[row["reader"]]:
            arms_seen[row["reader"]].append(row["arm"])
    if not seconds:
        raise FormatError(f"{path}: no reads")
    times: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (reader, arm, case), value in seconds.items():
        if (reader, arm, case) in finished:
            times[reader][arm].append(value)
    return {reader: dict(arms) for reader, arms in times.items()}, _arm_order(list(arms_seen.values()))

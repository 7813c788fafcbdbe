"""Per-case reading times from the reads export (``cxr-reader export --format reads``) for ``cxr-reader analyze
--times``: the only exported file with an FROC study's times (the FROC long CSV, iMRMC and JAFROC files hold
none), and one that keeps a reader's reads of an arm the ratings file's analysis drops.

A case's time is the sum of its reads' ``reading_time_s`` in that reader's arm (a second read: first + final,
as the report's timing table counts it), over the cases with a ``final`` row, exactly the report's case times.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .table import FormatError, distinct_names, named, number, read_rows

READS_COLUMNS = ("reader", "arm", "phase", "case", "reading_time_s")


@dataclass(frozen=True)
class ReadsFile:
    """``times[reader][arm] = [seconds per case]`` and every reader, arm and case the file names (with a read in
    either phase), which analyze holds against the ratings file's: a reads file of another study gave its times."""

    times: dict[str, dict[str, list[float]]]
    readers: tuple[str, ...]
    arms: tuple[str, ...]
    cases: tuple[str, ...]


def read_case_times(path: Path) -> ReadsFile:
    """The reads file's case times; analyze compares the arms in its own order (``stats.arm_order``), not in the
    file's, which is the study's only while the rows are as exported."""
    seconds: dict[tuple[str, str, str], float] = defaultdict(float)
    listed: set[tuple[str, str, str, str]] = set()
    lines: list[tuple[int, tuple[str, str, str]]] = []
    for line, row in read_rows(path, READS_COLUMNS):
        key = named(path, line, row, ("reader", "arm", "case"))
        if row["phase"] not in ("first", "final"):
            raise FormatError(f"{path}, line {line}: phase must be first or final, got {row['phase']!r}")
        if key + (row["phase"],) in listed:  # its time would count twice: the export has one row per read
            raise FormatError(f"{path}, line {line}: second {row['phase']} read of case {row['case']} by reader "
                              f"{row['reader']} in arm {row['arm']}")
        listed.add(key + (row["phase"],))
        lines.append((line, key))
        seconds[key] += number(path, line, "reading_time_s", row["reading_time_s"])
    if not seconds:
        raise FormatError(f"{path}: no reads")
    names = [distinct_names(path, label, [(line, key[k]) for line, key in lines])
             for k, label in enumerate(("reader", "arm", "case"))]
    times: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (reader, arm, case), value in seconds.items():
        if (reader, arm, case, "final") in listed:
            times[reader][arm].append(value)
    return ReadsFile({reader: dict(arms) for reader, arms in times.items()}, *names)

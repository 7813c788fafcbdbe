"""``cxr-reader analyze``'s paired reading-time comparison: the report's (``stats.paired_time``, the same function
and arm pairs) from the exported files, so a study scored from its exports gets the time claim too.

The times come from ``--times READS.csv`` (the reads export, which any study has) or else from the ROC long CSV's
``reading_time`` column (the other ratings files hold none). They are taken before analyze drops the readers
missing an arm, so those readers are named as left out of the pairing, as in the report. Arms are compared in
analyze's arm order (``stats.arm_order``: later minus earlier, TEST − REF, as the MRMC differences) and readers in
sorted order, so neither depends on the order of a file's rows.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..formats.reads_times import read_case_times
from .analyze_text import level
from .arm_order import FROM_OPTION, ArmOrder, default_arm_order
from .dataset import UNRATED, RatingDataset
from .paired_time import PairedTime, paired_times_over_arms
from .reads_overlap import reads_overlap_notes


def dataset_case_times(dataset: RatingDataset) -> dict[str, dict[str, list[float]]] | None:
    """``times[reader][arm]``: the rated cases' times, None when the ratings file has no times."""
    if dataset.reading_times is None:
        return None
    times = {}
    for j, reader in enumerate(dataset.readers):
        times[reader] = {}
        for i, arm in enumerate(dataset.modalities):
            seconds = dataset.reading_times[i, j]
            times[reader][arm] = [float(v) for v in seconds[(dataset.ratings[i, j] != UNRATED) & ~np.isnan(seconds)]]
    return times


def paired_reading_times(dataset: RatingDataset, times_file: Path | None, alpha: float, arms: ArmOrder,
                         ratings: Path, file_arms: tuple[str, ...]) -> tuple[list[PairedTime] | None, list[str]]:
    """Every two of ``arms`` compared (later minus earlier), and the notes on how the reads file matches the
    ratings file (``file_arms``: all its arms, before ``--arms`` chose); a reads file's arms that ``arms`` lacks
    follow by the default rule unless ``--arms`` chose the arms. None when no input has times."""
    if times_file is None:
        times = dataset_case_times(dataset)
        return (None if times is None else paired_times_over_arms(times, list(arms.order), alpha)), []
    reads = read_case_times(times_file)
    notes = reads_overlap_notes(times_file, reads, ratings, dataset.readers, file_arms, dataset.cases)
    timed_arms = {arm for reader_times in reads.times.values() for arm in reader_times}
    extra = () if arms.source == FROM_OPTION else default_arm_order(timed_arms - set(arms.order)).order
    return paired_times_over_arms(reads.times, [*arms.order, *extra], alpha), notes


def paired_time_text(comparisons: list[PairedTime], alpha: float) -> str:
    """Labelled as the rest of analyze's text: each interval with its level, each estimate with its SE and df."""
    ci = level(alpha)
    lines = []
    for c in comparisons:
        lines.append(f"reading time, {c.second_arm} vs {c.first_arm}, paired over {len(c.readers)} reader(s) (each "
                     f"reader's median seconds per case; t-intervals over readers)")
        if c.readers and c.mean_difference_ci is not None:
            lines.append(f"    mean difference {c.second_arm} - {c.first_arm}: {c.mean_difference_s:+.2f} s, SE "
                         f"{c.mean_difference_se:.2f}, df {c.df}, {ci} [{c.mean_difference_ci[0]:+.2f}, "
                         f"{c.mean_difference_ci[1]:+.2f}]")
        elif c.readers:
            lines.append(f"    mean difference {c.second_arm} - {c.first_arm}: {c.mean_difference_s:+.2f} s "
                         f"(no interval with one reader)")
        if c.readers:
            lines.append(f"    median difference: {c.median_difference_s:+.2f} s")
        if c.ratio_ci is not None:
            lines.append(f"    ratio {c.second_arm} / {c.first_arm}: {c.ratio:.3f} (geometric mean), SE of the log "
                         f"ratio {c.log_ratio_se:.4f}, df {c.df}, {ci} [{c.ratio_ci[0]:.3f}, {c.ratio_ci[1]:.3f}]")
        elif c.ratio is not None:
            lines.append(f"    ratio {c.second_arm} / {c.first_arm}: {c.ratio:.3f} (geometric mean)")
        if not c.readers:
            lines.append("    no reader read both arms")
        if c.excluded:
            lines.append(f"    not paired (read only one of the two arms): {', '.join(c.excluded)}")
    return "\n".join(lines)

"""Paired comparison of reading time between two arms, over the readers who read both.

The timing table's per-arm rows pool every reader who read the arm, so while a study is partial (a reader not
back from the washout, one who dropped out) an arm-to-arm difference there mixes which readers read with what
the AI did: readers differ in speed several-fold, far more than an AI changes it. Here each reader is their own
control. Per reader and arm the summary is the median time per case (robust to a case left on screen while the
reader was away without pausing); the difference is second arm minus first, per reader.

The interval is a t-interval over readers on the log scale, reported as a ratio (second / first, the geometric
mean of the per-reader ratios): reading time is right-skewed and the AI's effect is proportional (a slow
reader saves more seconds than a fast one), so log ratios are closer to normal and of one spread; readers are
the random sample a time claim generalises over; the interval is exact under log-normality and needs no seed.
A bootstrap over readers was not chosen: with the 4 to 12 readers of a typical study its percentile interval is
too narrow (it cannot reflect the t distribution's tails) and it moves with the seed. The mean difference in
seconds gets the same t-interval on the raw scale, for readers who think in seconds; the median difference is
descriptive. Cases cannot enter this interval: case effects are shared by both arms of a reader and cancel.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Mapping, Sequence

from scipy import stats

from .arm_order import natural_key


@dataclass(frozen=True)
class PairedTime:
    """``second_arm`` minus (or over) ``first_arm``; the intervals are None with fewer than two paired readers."""

    first_arm: str
    second_arm: str
    readers: tuple[str, ...]  # paired: read cases in both arms
    first_median_s: tuple[float, ...]  # per paired reader, median seconds per case
    second_median_s: tuple[float, ...]
    excluded: tuple[str, ...]  # read only one of the two arms (named in the report)
    mean_difference_s: float | None
    mean_difference_ci: tuple[float, float] | None
    median_difference_s: float | None
    ratio: float | None  # geometric mean over readers of second / first
    ratio_ci: tuple[float, float] | None
    confidence_level: float
    mean_difference_se: float | None  # SE of the mean difference (seconds); None with one reader
    log_ratio_se: float | None  # SE of the mean log ratio, the scale of the ratio's interval
    df: int | None  # of both t-intervals: paired readers - 1

    def to_dict(self) -> dict:
        return asdict(self)


def _se(values: Sequence[float]) -> float | None:
    return statistics.stdev(values) / math.sqrt(len(values)) if len(values) >= 2 else None


def _t_interval(values: Sequence[float], alpha: float) -> tuple[float, float] | None:
    se = _se(values)
    if se is None:
        return None
    mean, half = statistics.fmean(values), stats.t.ppf(1 - alpha / 2, len(values) - 1) * se
    return mean - half, mean + half


def paired_time(case_times: Mapping[str, Mapping[str, Sequence[float]]], first_arm: str, second_arm: str,
                alpha: float = 0.05) -> PairedTime:
    """``case_times[reader][arm]``: seconds per case (pauses already excluded). Readers with cases in only one
    of the two arms are excluded and named; a reader with neither is not part of the comparison at all."""
    readers = tuple(r for r, arms in case_times.items() if arms.get(first_arm) and arms.get(second_arm))
    excluded = tuple(r for r, arms in case_times.items()
                     if r not in readers and (arms.get(first_arm) or arms.get(second_arm)))
    first = tuple(statistics.median(case_times[r][first_arm]) for r in readers)
    second = tuple(statistics.median(case_times[r][second_arm]) for r in readers)
    differences = [b - a for a, b in zip(first, second)]
    logs = [math.log(b / a) for a, b in zip(first, second) if a > 0 and b > 0]
    log_ci = _t_interval(logs, alpha) if len(logs) == len(readers) else None
    return PairedTime(
        first_arm, second_arm, readers, first, second, excluded,
        statistics.fmean(differences) if differences else None, _t_interval(differences, alpha),
        statistics.median(differences) if differences else None,
        math.exp(statistics.fmean(logs)) if logs and len(logs) == len(readers) else None,
        None if log_ci is None else (math.exp(log_ci[0]), math.exp(log_ci[1])), 1 - alpha,
        _se(differences), _se(logs) if log_ci else None, len(readers) - 1 if len(readers) >= 2 else None)


def paired_times_over_arms(case_times: Mapping[str, Mapping[str, Sequence[float]]], arms: Sequence[str],
                           alpha: float = 0.05) -> list[PairedTime]:
    """One comparison per pair of ``arms``, later arm (in the given order) against earlier: the report (the
    study's arm order) and ``cxr-reader analyze`` (the exported files' order) both come through here. Readers are
    taken sorted by name (``natural_key``), so neither the reads' nor a file's row order moves a figure or a list."""
    ordered = {reader: case_times[reader] for reader in sorted(case_times, key=natural_key)}
    return [paired_time(ordered, first, second, alpha) for first, second in combinations(arms, 2)]

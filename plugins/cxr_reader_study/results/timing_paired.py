"""The paired reading-time comparison of every two arms of a study, from its reads (``stats.paired_time`` for
the method): the same case times as the timing table (active time, pauses and focus losses excluded; a second
read's case is its first plus final read; training cases left out; only cases with a final answer). Arms in
analyze's order and readers sorted (``results.arm_contrast``), so ``cxr-reader analyze --times`` on the exports
gives the same signs and figures whatever order the study file lists its arms and readers in."""

from __future__ import annotations

from cxr_reader_study.design.model import Study
from cxr_reader_study.results.timing import case_seconds, finished_cases
from cxr_reader_study.stats.arm_order import ArmOrder
from cxr_reader_study.stats.paired_time import PairedTime, paired_times_over_arms
from cxr_reader_study.storage.store import ReadStore

PAIRED_HEADER = ["second_arm", "first_arm", "paired_readers", "mean_difference_s", "ci_low_s", "ci_high_s",
                 "median_difference_s", "ratio", "ratio_ci_low", "ratio_ci_high", "excluded_readers"]


def paired_times(study: Study, store: ReadStore, alpha: float, arms: ArmOrder) -> list[PairedTime]:
    """One comparison per pair of ``arms``, the later arm against the earlier: aided - unaided."""
    finished = finished_cases(study, store)
    times = {reader: {arm: [case_seconds(reads) for reads in cases.values()] for arm, cases in arms_read.items()}
             for reader, arms_read in finished.items()}
    return paired_times_over_arms(times, list(arms.order), alpha)


def _number(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def paired_rows(comparisons: list[PairedTime]) -> list[list[object]]:
    rows = []
    for c in comparisons:
        ci, ratio_ci = c.mean_difference_ci or (None, None), c.ratio_ci or (None, None)
        rows.append([c.second_arm, c.first_arm, len(c.readers), _number(c.mean_difference_s, 2),
                     _number(ci[0], 2), _number(ci[1], 2), _number(c.median_difference_s, 2),
                     _number(c.ratio, 3), _number(ratio_ci[0], 3), _number(ratio_ci[1], 3), " ".join(c.excluded)])
    return rows


def paired_line(c: PairedTime) -> str:
    """One sentence for the printed report and report.html."""
    level = f"{100 * c.confidence_level:g}% CI"
    left_out = f"; not paired (read only one of the two arms): {', '.join(c.excluded)}" if c.excluded else ""
    if not c.readers:
        return f"reading time, {c.second_arm} vs {c.first_arm}: no reader read both arms{left_out}"
    parts = [f"mean difference {c.second_arm} − {c.first_arm} {c.mean_difference_s:+.2f} s"
             + (f" ({level} {c.mean_difference_ci[0]:+.2f} to {c.mean_difference_ci[1]:+.2f})"
                if c.mean_difference_ci else " (no interval with one reader)"),
             f"median difference {c.second_arm} − {c.first_arm} {c.median_difference_s:+.2f} s"]
    if c.ratio is not None:
        parts.append(f"ratio {c.second_arm} / {c.first_arm} {c.ratio:.3f}"
                     + (f" ({level} {c.ratio_ci[0]:.3f} to {c.ratio_ci[1]:.3f})" if c.ratio_ci else ""))
    return (f"reading time, {c.second_arm} vs {c.first_arm}, paired over {len(c.readers)} reader(s) (each "
            f"reader's median seconds per case): {'; '.join(parts)}{left_out}")

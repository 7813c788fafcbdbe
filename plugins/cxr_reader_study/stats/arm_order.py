"""Which arm is the reference in ``cxr-reader analyze``, so the sign of every difference is the researcher's choice.

The readers took the arms (modalities) in order of first appearance in the file, and the analysis reports each
earlier arm minus each later one: a file written by another tool, its rows in any order, could give "unaided −
aided" or "aided − unaided", a difference with the opposite sign from the same ratings. Now the order is
``--arms REF,TEST`` (reference first) or, without it, a rule that ignores row order: the workstation's own arms in
its order (unaided first), any other names sorted (numbers by value, as iMRMC and JAFROC IDs are). Every
difference is then reported as the later arm minus the earlier one (TEST − REF), and the report says so.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..design.model import Arm, Study
from .analyze import MrmcResult, analyze
from .dataset import RatingDataset
from .result import Difference, SignificanceTest

WORKSTATION_ARMS = tuple(arm.value for arm in Arm)  # unaided, aided, aided-second-read: the reference first
FROM_OPTION = "--arms"
WORKSTATION_RULE = "the workstation's arm order, unaided first"
SORTED_RULE = "sorted names (numbers by value)"


def natural_key(name: str) -> tuple:
    """R2 before R10, 2 before 10; the name itself last, so two names never tie (the order is total)."""
    parts = tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", name) if part)
    return parts, name


def listed_names(names, shown: int = 10) -> str:
    """Names for a message, in natural order: the first ``shown``, the rest counted."""
    names = sorted(names, key=natural_key)
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")


@dataclass(frozen=True)
class ArmOrder:
    """The arms to analyse, reference first, and where that order came from (said in the report)."""

    order: tuple[str, ...]
    source: str

    @property
    def contrasts(self) -> list[str]:
        return [f"{later} - {earlier}" for earlier, later in itertools.combinations(self.order, 2)]

    def to_dict(self) -> dict:
        return {"reference": self.order[0], "order": list(self.order), "source": self.source,
                "difference": "each later arm minus each earlier one: " + ", ".join(self.contrasts)}

    def text(self) -> str:
        return f"arms: difference = {', '.join(self.contrasts)} (reference: {self.order[0]}, from {self.source})"


def default_arm_order(names) -> ArmOrder:
    """The order when ``--arms`` is not given: independent of the file's row order."""
    names = set(names)
    if names <= set(WORKSTATION_ARMS):
        return ArmOrder(tuple(arm for arm in WORKSTATION_ARMS if arm in names), WORKSTATION_RULE)
    return ArmOrder(tuple(sorted(names, key=natural_key)), SORTED_RULE)


def study_arm_order(study: Study) -> ArmOrder:
    """A study's arms as analyze orders them by default, reference (unaided) first: the order of its report
    (``results.report``) and of ``analyze --study``, one function so the two never give opposite signs."""
    return default_arm_order(arm.value for arm in study.arms)


def choose_arms(present: tuple[str, ...], requested: str | None, path: Path) -> ArmOrder:
    """``--arms REF,TEST[,...]`` checked against the file's arms (ValueError naming them), else the default rule."""
    if requested is None:
        return default_arm_order(present)
    names = [name.strip() for name in requested.split(",") if name.strip()]
    listed = ", ".join(sorted(present, key=natural_key))
    if len(names) < 2:
        raise ValueError(f"--arms needs at least two arms, the reference first (e.g. --arms unaided,aided); "
                         f"the arms of {path} are {listed}")
    if len(set(names)) < len(names):
        raise ValueError(f"--arms names an arm twice ({requested})")
    unknown = [name for name in names if name not in present]
    if unknown:
        raise ValueError(f"--arms: {', '.join(unknown)} is not an arm of {path}; its arms are {listed}")
    return ArmOrder(tuple(names), FROM_OPTION)


def arms_left_out_note(present: tuple[str, ...], arms: ArmOrder) -> list[str]:
    """``--arms`` may choose a subset; the arms it leaves out are named rather than dropped unseen."""
    left_out = sorted(set(present) - set(arms.order), key=natural_key)
    return [f"arm(s) {', '.join(left_out)} left out of every analysis (not named in --arms)"] if left_out else []


def _flipped(difference: Difference) -> Difference:
    """later − earlier: the same test (SE, df, p), the estimate and interval negated exactly."""
    return replace(difference, first=difference.second, second=difference.first, estimate=-difference.estimate,
                   ci_low=-difference.ci_high, ci_high=-difference.ci_low)


def later_minus_earlier(result: MrmcResult) -> MrmcResult:
    """The analysis gives each earlier modality minus each later one (RJafroc's and OR-DBM MRMC's convention, which
    the published validation checks); the command reports TEST − REF instead."""

    def flip(tests: dict[str, SignificanceTest]) -> dict[str, SignificanceTest]:
        return {name: replace(test, differences=tuple(map(_flipped, test.differences))) for name, test in tests.items()}

    return replace(result, or_tests=flip(result.or_tests), dbm_tests=flip(result.dbm_tests))


def analyze_later_minus_earlier(dataset: RatingDataset, fom: str, threshold: float | None,
                                alpha: float) -> MrmcResult:
    """The MRMC analysis of a data set in arm order, its differences later arm minus earlier (TEST − REF): what
    ``cxr-reader analyze`` prints and the report writes (``results.arm_contrast``), done here once for both."""
    return later_minus_earlier(analyze(dataset, fom, threshold=threshold, alpha=alpha))

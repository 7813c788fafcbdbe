"""Turning a reader's click marks into lesion localisations (LL) and non-lesion localisations (NL).

A mark localises a lesion when it lies within ``acceptance_radius_factor`` x the lesion's radius of its
centre. Marks are scored from the highest rating down, each taking the nearest lesion it hits that no
higher-rated mark has already taken; a lesion therefore gets at most one LL (its highest-rated mark) and
any further marks on it count as NL, the usual FROC scoring rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections import defaultdict

import math


@dataclass(frozen=True)
class Mark:
    case: str
    x: float
    y: float
    rating: float


@dataclass(frozen=True)
class Lesion:
    case: str
    lesion_id: str
    x: float
    y: float
    radius: float


@dataclass(frozen=True)
class ScoredMark:
    case: str
    mark_type: str  # "LL" or "NL"
    lesion_id: str | None
    rating: float


def classify_marks(
    marks: list[Mark], lesions: list[Lesion], acceptance_radius_factor: float = 1.0
) -> list[ScoredMark]:
    """Scores one reader's marks in one modality, in the order of ``marks``."""
    if acceptance_radius_factor <= 0:
        raise ValueError(f"acceptance_radius_factor must be positive, got {acceptance_radius_factor}")
    lesions_by_case: dict[str, list[Lesion]] = defaultdict(list)
    for lesion in lesions:
        if lesion.radius <= 0:
            raise ValueError(f"lesion {lesion.lesion_id} of case {lesion.case} has a non-positive radius")
        lesions_by_case[lesion.case].append(lesion)

    taken: set[tuple[str, str]] = set()
    scored: dict[int, ScoredMark] = {}
    for index in sorted(range(len(marks)), key=lambda i: -marks[i].rating):
        mark = marks[index]
        hits = sorted(
            (math.hypot(mark.x - lesion.x, mark.y - lesion.y), lesion.lesion_id)
            for lesion in lesions_by_case.get(mark.case, [])
            if math.hypot(mark.x - lesion.x, mark.y - lesion.y) <= acceptance_radius_factor * lesion.radius
        )
        free = [lesion_id for _, lesion_id in hits if (mark.case, lesion_id) not in taken]
        if free:
            taken.add((mark.case, free[0]))
            scored[index] = ScoredMark(mark.case, "LL", free[0], mark.rating)
        else:
            scored[index] = ScoredMark(mark.case, "NL", None, mark.rating)
    return [scored[i] for i in range(len(marks))]

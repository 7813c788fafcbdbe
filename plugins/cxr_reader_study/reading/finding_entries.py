"""One case's AI findings as the findings file lists them: each entry checked before a reader can see it.

Kept apart from reading the file and matching its keys to cases (:mod:`cxr_reader_study.reading.ai_findings`):
a finding is the same few numbers whatever the file's shape, and one that is not drawable and scorable (a quoted
"0.9", a NaN, a missing x) must be a problem named at load time, not a mark drawn wrong in an aided read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FINDING_SHAPE = "a finding needs numeric x, y and score (diameter_px optional)"


@dataclass(frozen=True)
class Finding:
    """One AI mark in image pixels: its centre, its diameter (0 when the detector gave none) and its score."""

    x: float
    y: float
    diameter_px: float
    score: float


def _number(value: object) -> float | None:
    """A finite JSON number, else None: a quoted "0.9", true or NaN would only fail or mislead later."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _finding_faults(entry: object) -> list[str]:
    """What keeps ``entry`` from being drawn and scored; empty when it is a usable finding."""
    if not isinstance(entry, dict):
        return [f"{entry!r} is not an object"]
    faults = [f"no {key}" if key not in entry else f"{key} {entry[key]!r} is not a number"
              for key in ("x", "y", "score") if key not in entry or _number(entry[key]) is None]
    diameter = entry.get("diameter_px", entry.get("diameter", 0.0))
    if _number(diameter) is None or diameter < 0:
        faults.append(f"diameter {diameter!r} is not a number of 0 or more")
    return faults


def findings_of(entries: object, where: str, problems: list[str]) -> list[Finding]:
    """The usable findings of one case or image; each unusable one is listed in ``problems``."""
    if not isinstance(entries, list):
        problems.append(f"{where}: findings must be a list ([] when the AI found nothing), not {entries!r}")
        return []
    found = []
    for number, entry in enumerate(entries, start=1):
        faults = _finding_faults(entry)
        if faults:
            problems.append(f"{where}: finding {number} has {', '.join(faults)}; {FINDING_SHAPE}")
        else:
            found.append(Finding(float(entry["x"]), float(entry["y"]),
                                 float(entry.get("diameter_px", entry.get("diameter", 0.0))), float(entry["score"])))
    return found

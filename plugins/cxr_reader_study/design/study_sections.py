"""The study file's ``[study]`` settings and ``[[readers]]``, each value parsed and checked on its own.

:mod:`study_file` holds the case list and the AI findings against these values. Problems are appended to one
list, in the order the settings are read here, so an author fixes the whole file in one pass.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from cxr_reader_study.design.model import Arm, RatingScale, Reader, Task

_EXAMPLES = {"seed": "20260101", "washout_days": "28", "positive_threshold": "3", "pixel_spacing_mm": "0.35"}
_FILE_EXAMPLES = {"cases": "cases.csv", "database": "study.sqlite", "ai_findings": "ai.json"}


@dataclass(frozen=True)
class Sections:
    """What the two tables hold once checked; a value with a problem falls back to its default (or None)."""

    settings: dict  # [study] without a file name that is not text
    task: Task
    scale: RatingScale
    arms: list[Arm]
    readers: list[Reader]
    seed: float | None
    washout_days: float | None
    pixel_spacing_mm: float | None
    positive_threshold: float | None


def _toml(value: object) -> str:
    """A setting as it would be written in the study file (``"seven"``, not Python's ``'seven'``)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _readers(entries: list, where: str, problems: list[str]) -> list[Reader]:
    readers, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        reader_id = str(entry.get("id", "")).strip() if isinstance(entry, dict) else ""
        if not reader_id:
            problems.append(f"{where}: reader {number} has no id")
        elif reader_id in seen:
            problems.append(f"{where}: duplicate reader id {reader_id!r}")
        else:
            seen.add(reader_id)
            readers.append(Reader(reader_id, str(entry.get("group", "reader"))))
    if not entries:
        problems.append(f"{where}: no [[readers]]")
    return readers


def _arms(names: object, where: str, problems: list[str]) -> list[Arm]:
    if not isinstance(names, list):  # a bare "unaided" would be read letter by letter
        problems.append(f"{where}: arms = {_toml(names)} must be a list, e.g. arms = [\"unaided\", \"aided\"]")
        return []
    arms = []
    for name in names:
        try:
            arms.append(Arm(name))
        except ValueError:
            problems.append(f"{where}: unknown arm {name!r} (use {', '.join(a.value for a in Arm)})")
    if len(set(arms)) != len(arms):
        problems.append(f"{where}: an arm is listed twice in arms")
    if not names:
        problems.append(f"{where}: arms is empty")
    return arms


def _number(settings: dict, key: str, where: str, problems: list[str], integer: bool = False) -> float | None:
    """The setting as a TOML number, or None (absent, or listed as a problem): a quoted "3" or "4 weeks"
    passed here before and crashed later, in the plan or in the report's statistics."""
    value = settings.get(key)
    if value is None:
        return None
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or not math.isfinite(value):
        kind = "a whole number" if integer else "a number"
        problems.append(f"{where}: {key} = {_toml(value)} must be {kind} without quotes, e.g. {key} = {_EXAMPLES[key]}")
        return None
    return value


def _threshold(settings: dict, scale: RatingScale, where: str, problems: list[str]) -> float | None:
    """positive_threshold within the scale: a threshold above it calls nobody positive (sensitivity 0 for
    every reader), one at its lowest rating calls everybody positive (specificity 0), with no other warning."""
    value = _number(settings, "positive_threshold", where, problems)
    if value is not None and not scale.low < value <= scale.high:
        problems.append(f"{where}: positive_threshold = {value:g} does not fit the {scale.kind} scale: a rating at "
                        f"or above it is a positive call, so it must be above {scale.low} and at most {scale.high}")
        return None
    return value


def _positive(settings: dict, key: str, where: str, problems: list[str], zero_allowed: bool) -> float | None:
    """A number setting that cannot be negative (or zero, unless ``zero_allowed``)."""
    value = _number(settings, key, where, problems)
    if value is not None and (value < 0 or (value == 0 and not zero_allowed)):
        problems.append(f"{where}: {key} = {value:g} must be {'0 or more' if zero_allowed else 'above 0'}")
        return None
    return value


def _file_settings(settings: dict, where: str, problems: list[str]) -> dict:
    """The settings without a file name that is not text (each listed): a number there raised a TypeError."""
    bad = [key for key in _FILE_EXAMPLES if key in settings and not isinstance(settings[key], str)]
    for key in bad:
        problems.append(f"{where}: {key} = {_toml(settings[key])} must be a file name in quotes, "
                        f"e.g. {key} = \"{_FILE_EXAMPLES[key]}\"")
    return {key: value for key, value in settings.items() if key not in bad}


def read_sections(raw: dict, where: str, problems: list[str]) -> Sections:
    """The parsed study file's two tables checked, every problem appended to ``problems`` (``where`` names the file)."""
    settings = _file_settings(raw.get("study", {}), where, problems)
    try:
        task = Task(settings.get("task", "roc"))
    except ValueError:
        problems.append(f"{where}: task {settings.get('task')!r} must be 'roc' or 'froc'")
        task = Task.ROC
    scale_kind = str(settings.get("scale", "1-5"))
    if scale_kind not in RatingScale.KINDS:
        problems.append(f"{where}: scale {scale_kind!r} must be one of {', '.join(RatingScale.KINDS)}")
        scale_kind = "1-5"
    arms = _arms(settings.get("arms", ["unaided", "aided"]), where, problems)
    readers = _readers(list(raw.get("readers", [])), where, problems)
    seed = _number(settings, "seed", where, problems, integer=True)
    washout = _positive(settings, "washout_days", where, problems, zero_allowed=True)
    spacing = _positive(settings, "pixel_spacing_mm", where, problems, zero_allowed=False)
    threshold = _threshold(settings, RatingScale(scale_kind), where, problems)
    return Sections(settings, task, RatingScale(scale_kind), arms, readers, seed, washout, spacing, threshold)

"""The study file (TOML): settings, readers and arms; it names the case list CSV.

Example::

    [study]
    name = "Nodules with and without AI"
    cases = "cases.csv"            # relative to this file
    task = "roc"                   # or "froc"
    scale = "1-5"                  # or "0-100", "binary"
    arms = ["unaided", "aided"]    # or "aided-second-read"
    washout_days = 28
    seed = 20260101
    ai_findings = "ai.json"        # optional: precomputed AI findings per case
    database = "reads.sqlite"      # optional (default: <study file stem>.sqlite beside it)
    pixel_spacing_mm = 0.35        # optional: for images without calibration
    positive_threshold = 3         # optional: rating >= threshold is a positive call

    [[readers]]
    id = "R1"
    group = "radiologist"
"""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path

from cxr_reader_study.design.case_list import read_case_list
from cxr_reader_study.design.model import Arm, Case, RatingScale, Reader, Study, Task, Truth
from cxr_reader_study.reading.ai_findings import read_findings

_EXAMPLES = {"seed": "20260101", "washout_days": "28", "positive_threshold": "3", "pixel_spacing_mm": "0.35"}
_FILE_EXAMPLES = {"cases": "cases.csv", "database": "study.sqlite", "ai_findings": "ai.json"}


class StudyError(ValueError):
    """Every problem found in a study, listed at once."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: {len(problems)} problem(s)\n" + "\n".join(f"  - {p}" for p in problems))


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


def _ai_findings(settings: dict, folder: Path, cases: list[Case], cases_clean: bool, where: str,
                 problems: list[str]) -> Path | None:
    """The findings file, checked against the cases: a file that matches no case, or a finding without its
    coordinates, must stop the study here rather than at a reading station or in the report."""
    if "ai_findings" not in settings:
        return None
    path = folder / settings["ai_findings"]
    if not path.is_file():
        problems.append(f"{where}: ai_findings file {path} not found")
    else:
        problems.extend(read_findings(path, cases, str(settings["ai_findings"]), check_keys=cases_clean)[1])
    return path


def _file_settings(settings: dict, where: str, problems: list[str]) -> dict:
    """The settings without a file name that is not text (each listed): a number there raised a TypeError."""
    bad = [key for key in _FILE_EXAMPLES if key in settings and not isinstance(settings[key], str)]
    for key in bad:
        problems.append(f"{where}: {key} = {_toml(settings[key])} must be a file name in quotes, "
                        f"e.g. {key} = \"{_FILE_EXAMPLES[key]}\"")
    return {key: value for key, value in settings.items() if key not in bad}


def load_study(path: Path | str) -> Study:
    """Read and validate ``path``; raises :class:`StudyError` listing every problem (file, line, case id)."""
    path = Path(path).resolve()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise StudyError(path, [f"cannot read the study file: {error}"]) from error
    where = path.name
    problems: list[str] = []
    given = raw.get("study", {})
    settings = _file_settings(given, where, problems)
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
    cases, case_list = [], path.parent / settings.get("cases", "")
    before_cases = len(problems)
    if "cases" not in given:
        problems.append(f"{where}: [study] needs cases = \"<case list>.csv\"")
    elif "cases" in settings:  # else listed by _file_settings
        cases = read_case_list(case_list, spacing, problems)
    cases_clean = len(problems) == before_cases
    scored = [c for c in cases if not c.training]
    checked = case_list.is_file()  # an unreadable list is already reported; its counts would add noise
    if checked and not any(c.truth is Truth.NORMAL for c in scored):
        problems.append(f"{where}: no normal cases (ROC analysis needs both normal and abnormal cases)")
    if checked and not any(c.truth is Truth.ABNORMAL for c in scored):
        problems.append(f"{where}: no abnormal cases (ROC analysis needs both normal and abnormal cases)")
    if task is Task.FROC:
        problems.extend(
            f"{where}: abnormal case {c.case_id} has no lesion location (FROC scoring needs one)"
            for c in cases if c.truth is Truth.ABNORMAL and not c.lesions
        )
    ai_findings = _ai_findings(settings, path.parent, cases, cases_clean, where, problems)
    if any(arm.shows_ai for arm in arms) and ai_findings is None:
        problems.append(f"{where}: an aided arm needs ai_findings = \"<findings>.json\"")
    if problems:
        raise StudyError(path, problems)
    return Study(
        path=path,
        name=str(settings.get("name", path.stem)),
        task=task,
        scale=RatingScale(scale_kind),
        arms=tuple(arms),
        readers=tuple(readers),
        cases=tuple(cases),
        seed=int(seed or 0),
        washout_days=float(washout or 0),
        database=path.parent / settings.get("database", f"{path.stem}.sqlite"),
        ai_findings=ai_findings,
        positive_threshold=threshold,
    )

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

import tomllib
from pathlib import Path

from cxr_reader_study.design.case_list import read_case_list
from cxr_reader_study.design.model import Arm, RatingScale, Reader, Study, Task, Truth


class StudyError(ValueError):
    """Every problem found in a study, listed at once."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: {len(problems)} problem(s)\n" + "\n".join(f"  - {p}" for p in problems))


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


def _arms(names: list, where: str, problems: list[str]) -> list[Arm]:
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


def load_study(path: Path | str) -> Study:
    """Read and validate ``path``; raises :class:`StudyError` listing every problem (file, line, case id)."""
    path = Path(path).resolve()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise StudyError(path, [f"cannot read the study file: {error}"]) from error
    where = path.name
    problems: list[str] = []
    settings = raw.get("study", {})
    try:
        task = Task(settings.get("task", "roc"))
    except ValueError:
        problems.append(f"{where}: task {settings.get('task')!r} must be 'roc' or 'froc'")
        task = Task.ROC
    scale_kind = str(settings.get("scale", "1-5"))
    if scale_kind not in RatingScale.KINDS:
        problems.append(f"{where}: scale {scale_kind!r} must be one of {', '.join(RatingScale.KINDS)}")
        scale_kind = "1-5"
    arms = _arms(list(settings.get("arms", ["unaided", "aided"])), where, problems)
    readers = _readers(list(raw.get("readers", [])), where, problems)
    spacing = settings.get("pixel_spacing_mm")
    cases, case_list = [], path.parent / settings.get("cases", "")
    if "cases" not in settings:
        problems.append(f"{where}: [study] needs cases = \"<case list>.csv\"")
    else:
        cases = read_case_list(case_list, spacing, problems)
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
    ai_findings = path.parent / settings["ai_findings"] if "ai_findings" in settings else None
    if ai_findings is not None and not ai_findings.is_file():
        problems.append(f"{where}: ai_findings file {ai_findings} not found")
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
        seed=int(settings.get("seed", 0)),
        washout_days=float(settings.get("washout_days", 0)),
        database=path.parent / settings.get("database", f"{path.stem}.sqlite"),
        ai_findings=ai_findings,
        positive_threshold=settings.get("positive_threshold"),
    )

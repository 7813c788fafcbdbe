"""The study file (TOML): settings, readers and arms; it names the case list CSV.

This module reads the file, holds the case list and the AI findings against the settings and assembles the
:class:`Study`; each setting and reader is checked in :mod:`study_sections`, so that all problems come in one list.

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
from cxr_reader_study.design.model import Case, Study, Task, Truth
from cxr_reader_study.design.study_sections import Sections, read_sections
from cxr_reader_study.design.unknown_keys import unknown_names
from cxr_reader_study.reading.ai_findings import read_findings


class StudyError(ValueError):
    """Every problem found in a study, listed at once."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: {len(problems)} problem(s)\n" + "\n".join(f"  - {p}" for p in problems))


def _cases(path: Path, given: dict, sections: Sections, where: str, problems: list[str],
           missing_images: dict[str, str], images_needed: bool) -> tuple[list[Case], bool]:
    """The case list, checked against the task: ROC analysis needs both truths among the scored cases and FROC
    scoring a lesion for every abnormal case; a case whose film is missing counts there all the same (a missing film
    is said as such, not as "no abnormal cases"). Also whether the list itself read without a problem, missing films
    aside: only then can the AI findings' keys be held against it."""
    settings = sections.settings
    cases, case_list = [], path.parent / settings.get("cases", "")
    before_cases = len(problems)
    if "cases" not in given:
        problems.append(f"{where}: [study] needs cases = \"<case list>.csv\"")
    elif "cases" in settings:  # else listed by the file-name check of the [study] settings
        cases = read_case_list(case_list, sections.pixel_spacing_mm, problems, missing_images)
    cases_clean = len(problems) == before_cases
    if images_needed:
        problems.extend(missing_images.values())
    scored = [c for c in cases if not c.training]
    checked = case_list.is_file()  # an unreadable list is already reported; its counts would add noise
    if checked and cases and not scored:  # one cause, said once, rather than "no normal" and "no abnormal cases"
        problems.append(f"{where}: all {len(cases)} cases are training cases (training = yes): none would be scored")
    elif checked:
        problems.extend(f"{where}: no {truth.value} cases (ROC analysis needs both normal and abnormal cases)"
                        for truth in (Truth.NORMAL, Truth.ABNORMAL) if not any(c.truth is truth for c in scored))
    if sections.task is Task.FROC:  # a training case is never scored, so it may go without one
        problems.extend(
            f"{where}: abnormal case {c.case_id} has no lesion location (FROC scoring needs one)"
            for c in scored if c.truth is Truth.ABNORMAL and not c.lesions
        )
    return cases, cases_clean


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


def load_study(path: Path | str, images_needed: bool = True) -> Study:
    """Read and validate ``path``; raises :class:`StudyError` listing every problem (file, line, case id).

    ``images_needed=False`` for what needs only the design and the reads database (``cxr-reader analyze --study``,
    ``status``, ``export``, ``report``), so an archived study whose films are gone still serves: a case whose image
    is not found is kept, named in ``Study.images_not_found``, its lesions not held against the film (an mm size has
    an unknown, NaN, radius until ``results.film_spacing`` takes the film recorded at read time). A reading station
    opens it so too: one lost film must not block every reader; that case gets the "cannot be shown" screen and the
    log-in page names it for the coordinator."""
    path = Path(path).resolve()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise StudyError(path, [f"cannot read the study file: {error}"]) from error
    where = path.name
    problems: list[str] = unknown_names(raw, where)
    sections = read_sections(raw, where, problems)
    settings = sections.settings
    missing_images: dict[str, str] = {}
    cases, cases_clean = _cases(path, raw.get("study", {}), sections, where, problems, missing_images, images_needed)
    ai_findings = _ai_findings(settings, path.parent, cases, cases_clean, where, problems)
    if any(arm.shows_ai for arm in sections.arms) and ai_findings is None:
        problems.append(f"{where}: an aided arm needs ai_findings = \"<findings>.json\"")
    if problems:
        raise StudyError(path, problems)
    return Study(
        path=path,
        name=str(settings.get("name", path.stem)),
        task=sections.task,
        scale=sections.scale,
        arms=tuple(sections.arms),
        readers=tuple(sections.readers),
        cases=tuple(cases),
        seed=int(sections.seed or 0),
        washout_days=float(sections.washout_days or 0),
        database=path.parent / settings.get("database", f"{path.stem}.sqlite"),
        ai_findings=ai_findings,
        positive_threshold=sections.positive_threshold,
        case_list=path.parent / settings["cases"],
        images_not_found=tuple(missing_images),
        pixel_spacing_mm=sections.pixel_spacing_mm,
    )

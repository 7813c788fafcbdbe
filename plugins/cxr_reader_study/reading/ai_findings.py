"""Precomputed AI findings, loaded once at session start so the aided overlay appears with the image.

Accepted JSON: the report of ``cxr-ai detect`` (``{"images": [{"path", "findings": [...]}]}``, matched to
cases by image path or file name), or ``{"cases": {KEY: [finding, ...]}}`` / ``{KEY: [finding, ...]}`` where
KEY is a case id or the image file name. A finding is ``{"x", "y", "diameter_px" (or "diameter"), "score"}``
in image pixels, so any detector's output can be converted to it.

A case without an entry, or with ``[]``, has no findings. Everything else that would change what an aided
reader sees is a problem, listed all at once like the case list's: a finding without numeric x, y and score,
a key of ``"cases"`` that is no case id nor image file name (a typo would silently show "no findings" on
that case), and a file of which no entry matches any case (the aided arm would run without its AI). A
``cxr-ai detect`` report may hold images outside the study (it is often run over a whole folder), so its
unmatched images are not problems, as long as one image matches. One finding's own shape is checked in
:mod:`cxr_reader_study.reading.finding_entries`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from cxr_reader_study.design.model import Case, Study
from cxr_reader_study.reading.finding_entries import Finding, findings_of
from cxr_reader_study.reading.findings_match import add_image, add_names, match_cases

class FindingsError(ValueError):
    """The findings file is not in the expected shape; the message names the file and the entry."""


def _by_image(images: list, path: Path, label: str,
              problems: list[str]) -> tuple[dict[str, list[Finding]], set[str]]:
    """A ``cxr-ai detect`` report keyed by each image's resolved path and by its file name where that is unique
    in the report; also the file names that several of its images share (``findings_match``)."""
    table: dict[str, list[Finding]] = {}
    paths_by_name: dict[str, set[str]] = {}
    for number, item in enumerate(images, start=1):
        if not isinstance(item, dict) or "path" not in item:
            problems.append(f"{label}: image entry {number} of 'images' needs a path and findings")
            continue
        image = (path.parent / str(item["path"])).resolve()
        found = findings_of(item.get("findings", []), f"{label}, image {item['path']}", problems)
        add_image(table, paths_by_name, str(image), image.name, found)
    return table, add_names(table, paths_by_name)


def _table(raw: object, path: Path, label: str,
           problems: list[str]) -> tuple[dict[str, list[Finding]], bool, set[str]] | None:
    """Findings per key, whether the keys are a detect report's images (which may lie outside the study), and the
    file names several of its images share; None when the file has neither shape."""
    if isinstance(raw, dict) and isinstance(raw.get("images"), list):
        table, ambiguous = _by_image(raw["images"], path, label, problems)
        return table, True, ambiguous
    table = raw.get("cases", raw) if isinstance(raw, dict) else None
    if not isinstance(table, dict):
        problems.append(f"{label}: expected an object mapping case ids to lists of findings")
        return None
    return ({str(key): findings_of(entries, f"{label}, case {key}", problems) for key, entries in table.items()},
            False, set())


def _case_keys(case: Case) -> tuple[str, str, str]:
    return case.case_id, str(case.image), case.image.name


def _unmatched(table: dict[str, list[Finding]], by_image: bool, cases: Sequence[Case], label: str) -> list[str]:
    """Keys that belong to no case: all of them (the aided arm would show no AI), or single typos."""
    known = {key for case in cases for key in _case_keys(case)}
    unknown = [key for key in table if key not in known]
    if not table:
        return [f"{label}: lists no case; an aided arm would show no AI on any case "
                "(give every case its findings, [] where the AI found nothing)"]
    if len(unknown) == len(table):
        shown = ", ".join(repr(key) for key in unknown[:3]) + (", …" if len(unknown) > 3 else "")
        return [f"{label}: none of its {len(unknown)} entries ({shown}) is a case id or image file name of the "
                "case list; an aided arm would show no AI on any case"]
    if by_image:
        return []
    return [f"{label}: {key!r} is not a case id nor an image file name of the case list (misspelt? if the case "
            "was removed from the list, remove it here too)" for key in unknown]


def read_findings(path: Path, cases: Sequence[Case], label: str,
                  check_keys: bool = True) -> tuple[dict[str, list[Finding]], list[str]]:
    """Findings per case id (empty for a case without an entry) and every problem, each starting with
    ``label``. ``check_keys=False`` skips matching keys to cases, for a case list that itself has problems
    (its rejected rows would make their findings look like typos)."""
    problems: list[str] = []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return {}, [f"{label}: cannot read AI findings ({error})"]
    parsed = _table(raw, path, label, problems)
    if parsed is None:
        return {}, problems
    table, by_image, ambiguous = parsed
    if check_keys:  # a shared file name does name cases (match_cases says why it matches none of them)
        problems += _unmatched({**table, **dict.fromkeys(ambiguous, [])}, by_image, cases, label)
    return match_cases(table, ambiguous, cases, label, problems), problems


def load_findings(study: Study) -> dict[str, list[Finding]]:
    """Findings per case id; cases without an entry get an empty list (the AI found nothing)."""
    if study.ai_findings is None:
        return {case.case_id: [] for case in study.cases}
    by_case, problems = read_findings(study.ai_findings, study.cases, study.ai_findings.name)
    if problems:
        raise FindingsError(f"{study.ai_findings}: {len(problems)} problem(s)\n"
                            + "\n".join(f"  - {problem}" for problem in problems))
    return by_case

"""Precomputed AI findings, loaded once at session start so the aided overlay appears with the image.

Accepted JSON: the report of ``cxr-ai detect`` (``{"images": [{"path", "findings": [...]}]}``, matched to
cases by image path or file name), or ``{"cases": {KEY: [finding, ...]}}`` / ``{KEY: [finding, ...]}`` where
KEY is a case id or the image file name. A finding is ``{"x", "y", "diameter_px" (or "diameter"), "score"}``
in image pixels, so any detector's output can be converted to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cxr_reader_study.design.model import Study


@dataclass(frozen=True)
class Finding:
    x: float
    y: float
    diameter_px: float
    score: float


class FindingsError(ValueError):
    """The findings file is not in the expected shape; the message names the file and the entry."""


def _finding(entry: object, where: str) -> Finding:
    try:
        return Finding(float(entry["x"]), float(entry["y"]),
                       float(entry.get("diameter_px", entry.get("diameter", 0.0))), float(entry["score"]))
    except (KeyError, TypeError, ValueError) as error:
        raise FindingsError(f"{where}: a finding needs numeric x, y, score (and diameter): {entry!r}") from error


def _by_image(images: list, path: Path) -> dict[str, list]:
    """A ``cxr-ai detect`` report keyed by each image's resolved path and by its file name."""
    table: dict[str, list] = {}
    for item in images:
        if not isinstance(item, dict) or "path" not in item:
            raise FindingsError(f"{path}: every entry of 'images' needs a path and findings")
        image = (path.parent / item["path"]).resolve()
        table[str(image)] = table[image.name] = item.get("findings", [])
    return table


def load_findings(study: Study) -> dict[str, list[Finding]]:
    """Findings per case id; cases without an entry get an empty list (the AI found nothing)."""
    if study.ai_findings is None:
        return {case.case_id: [] for case in study.cases}
    path = study.ai_findings
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise FindingsError(f"{path}: cannot read AI findings ({error})") from error
    table = raw.get("cases", raw) if isinstance(raw, dict) else None
    if isinstance(raw, dict) and isinstance(raw.get("images"), list):
        table = _by_image(raw["images"], path)
    if not isinstance(table, dict):
        raise FindingsError(f"{path}: expected an object mapping case ids to lists of findings")
    by_case = {}
    for case in study.cases:
        entries = table.get(case.case_id, table.get(str(case.image), table.get(case.image.name, [])))
        if not isinstance(entries, list):
            raise FindingsError(f"{path}: findings of {case.case_id} must be a list")
        by_case[case.case_id] = [_finding(entry, f"{path} ({case.case_id})") for entry in entries]
    return by_case

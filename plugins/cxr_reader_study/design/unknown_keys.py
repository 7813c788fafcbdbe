"""Names in the study file that the reader study does not know, each a problem with the likely intended name.

Every setting has a default, so a misspelt one was silently ignored: ``washout_day = 28`` gave readers no
washout at all (the default is 0 days) and let them start their second arm straight after the first,
``postive_threshold = 3`` left Table 1 without sensitivity and specificity, and ``databse = "shared.sqlite"``
sent a station's reads into another file than the other stations'. Nothing said so.
"""

from __future__ import annotations

import difflib

STUDY_SETTINGS = ("name", "cases", "task", "scale", "arms", "washout_days", "seed", "ai_findings", "database",
                  "pixel_spacing_mm", "positive_threshold")
READER_SETTINGS = ("id", "group")
TABLES = ("study", "readers")


def _unknown(names: object, known: tuple[str, ...], place: str, where: str) -> list[str]:
    problems = []
    for name in names:
        if name in known:
            continue
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = f"did you mean {close[0]!r}? " if close else f"known: {', '.join(known)}; "
        problems.append(f"{where}: unknown {place} {name!r} ({hint}it would be ignored)")
    return problems


def unknown_names(raw: dict, where: str) -> list[str]:
    """Tables, ``[study]`` settings and ``[[readers]]`` keys that the study file may not hold."""
    problems = _unknown(raw, TABLES, "table", where)
    study = raw.get("study")
    if isinstance(study, dict):
        problems += _unknown(study, STUDY_SETTINGS, "setting in [study]", where)
    readers = raw.get("readers")
    for number, entry in enumerate(readers if isinstance(readers, list) else [], start=1):
        if isinstance(entry, dict):
            problems += _unknown(entry, READER_SETTINGS, f"key of reader {number}", where)
    return problems

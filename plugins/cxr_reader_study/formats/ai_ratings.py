"""A per-case AI score file ``case,rating`` (e.g. the maximum finding probability of a detector per image).

Cases the file lists beyond the study's are ignored (a detector often scores a whole folder); a study case
the file lacks is an error, because a silently missing score would be ranked as "normal".
"""

from __future__ import annotations

from pathlib import Path

from .table import FormatError, distinct_names, number, read_rows


def read_ai_ratings(path: Path | str) -> dict[str, float]:
    path = Path(path)
    scores: dict[str, float] = {}
    rows = read_rows(path, ("case", "rating"))
    distinct_names(path, "case", [(line, row["case"]) for line, row in rows])  # "c1" would go unused beside "C1"
    for line, row in rows:
        if row["case"] in scores:
            raise FormatError(f"{path}, line {line}: case {row['case']} is scored twice")
        scores[row["case"]] = number(path, line, "rating", row["rating"])
    if not scores:
        raise FormatError(f"{path}: no AI ratings")
    return scores


def scores_for_cases(path: Path | str, scores: dict[str, float], cases: tuple[str, ...]) -> list[float]:
    """The scores in the order of ``cases``; names every case the file lacks."""
    missing = [case for case in cases if case not in scores]
    if missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        raise FormatError(f"{path}: no AI rating for case(s) {shown}")
    return [scores[case] for case in cases]

"""Which findings belong to which case: by case id, by image path, or by image file name when that is unambiguous.

A ``cxr-ai detect`` report names its images by the path given on its command line (often relative to where it
ran, or absolute on another computer), so its images are usually matched to cases by file name alone. DICOM
exports repeat file names (``P001/IM0001.dcm``, ``P002/IM0001.dcm``): the last image of a name silently gave its
findings to every case whose file had that name, and an aided reader saw another patient's AI marks. A file
name that stands for several images of the report, or for several cases, therefore matches nothing and is a
problem naming the case; a full path or the case id still matches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from cxr_reader_study.design.model import Case

T = TypeVar("T")


def add_image(table: dict[str, T], paths_by_name: dict[str, set[str]], image: str, name: str, found: T) -> None:
    """Record a detect report's image under its resolved path; its name is keyed later by :func:`add_names`."""
    table[image] = found
    paths_by_name.setdefault(name, set()).add(image)


def add_names(table: dict[str, T], paths_by_name: dict[str, set[str]]) -> set[str]:
    """Key each image also by its file name where no other image of the report has it; returns the others."""
    ambiguous = set()
    for name, paths in paths_by_name.items():
        if len(paths) == 1:
            table[name] = table[next(iter(paths))]
        else:
            ambiguous.add(name)
    return ambiguous


def match_cases(table: dict[str, list[T]], ambiguous: set[str], cases: Sequence[Case], label: str,
                problems: list[str]) -> dict[str, list[T]]:
    """Findings per case id ([] without a match); a case reached only through a file name that is not unique
    (in the report or in the case list) gets none, and a problem says why."""
    case_names = Counter(case.image.name for case in cases)
    by_case = {}
    for case in cases:
        key = next((k for k in (case.case_id, str(case.image)) if k in table), None)
        name = case.image.name
        if key is None and (name in ambiguous or (name in table and case_names[name] > 1)):
            where = "several images of the file" if name in ambiguous else "the images of several cases"
            problems.append(f"{label}: case {case.case_id}: its image file name {name!r} names {where}, so its "
                            "findings cannot be told apart; key them by case id, or give the images' full paths")
        elif key is None and name in table:
            key = name
        by_case[case.case_id] = table[key] if key is not None else []
    return by_case

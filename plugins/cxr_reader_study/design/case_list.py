"""The case-list CSV: one row per case, lesions in one cell, every problem reported with its line number.

Columns: ``case_id, image, truth`` (normal/abnormal), optional ``lesions`` and ``training``. A lesion is
``x y SIZE`` in image pixels, SIZE being a diameter in mm (``12mm``) or a radius in pixels (``30px``);
several lesions are separated by ``;``. Problems are collected rather than raised so the study author
fixes the whole file in one pass. A case whose named image is missing is kept, its lesions unchecked against the
film, and its "not found" message put apart: the caller decides whether that is a problem (``validate``) or not
(an archived study, a reading station), and the list's balance and lesion checks still count the case, not
"no abnormal cases" for a list whose abnormal films are on a share that is not mounted.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from cxr_reader_study.design.case_identity import FilmRegister
from cxr_reader_study.design.image_header import ImageHeader, UnreadableImage, read_header
from cxr_reader_study.design.model import Case, Lesion, Truth

_LESION = re.compile(r"^\s*(\S+)\s+(\S+)\s+(\S+?)\s*(mm|px)\s*$")
_NUMBER = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)$")
_TRUE_WORDS = {"1", "true", "yes", "y"}


def _numbers(match: re.Match, number: int, where: str, problems: list[str]) -> tuple[float, float, float] | None:
    """x, y and size of a lesion, or None after listing what is wrong. Checked here, not left to float()
    (which takes "nan" and raises on "1.2.5"), and a size of 0 would only fail later, in export and report."""
    texts = match[1], match[2], match[3]
    bad = [text for text in texts if not _NUMBER.match(text)]
    if bad:
        problems.append(f"{where}: lesion {number} has {', '.join(repr(b) for b in bad)}, not a number")
        return None
    x, y, size = (float(text) for text in texts)
    if size <= 0:
        problems.append(f"{where}: lesion {number} has size {match[3]}{match[4]}; a lesion size must be above 0")
        return None
    return x, y, size


def _parse_lesions(
    cell: str, case_id: str, image: Path, header: ImageHeader | None, spacing_default: float | None, where: str,
    problems: list[str],
) -> list[Lesion]:
    """The lesions; with ``header`` None (the image not found, and not needed) neither their place on the film nor
    an mm size can be checked or converted (whether the film had its own calibration is unknown, so
    ``spacing_default`` is not applied either): such a radius is NaN, unknown."""
    lesions = []
    for number, entry in enumerate((e for e in cell.split(";") if e.strip()), start=1):
        match = _LESION.match(entry)
        if match is None:
            problems.append(f"{where}: lesion {number} {entry.strip()!r} is not 'x y 12mm' or 'x y 30px'")
            continue
        numbers = _numbers(match, number, where, problems)
        if numbers is None:
            continue
        (x, y, size), unit = numbers, match[4]
        if header is not None and not (0 <= x < header.width and 0 <= y < header.height):
            problems.append(
                f"{where}: lesion {number} at ({x:g}, {y:g}) is outside the {header.width}×{header.height} image"
            )
            continue
        if unit == "px":
            lesions.append(Lesion(f"{case_id}-L{number}", x, y, size))
            continue
        spacing = (header.pixel_spacing_mm or spacing_default) if header else None  # no film: unknown, not guessed
        if spacing is None and header is not None:
            problems.append(
                f"{where}: lesion {number} is sized in mm but {image.name} has no pixel spacing; "
                "give the size in px or set pixel_spacing_mm in the study file"
            )
            continue
        radius = size / 2.0 / spacing if spacing else float("nan")
        lesions.append(Lesion(f"{case_id}-L{number}", x, y, radius, size))
    return lesions


def _header(row: dict, image: Path, where: str, problems: list[str]) -> ImageHeader | None:
    """The image's header, or None after reporting why it cannot be used."""
    if not (row.get("image") or "").strip() or not image.is_file():
        problems.append(f"{where}: image {row.get('image')!r} not found (looked for {image})")
        return None
    try:
        return read_header(image)
    except (UnreadableImage, OSError) as error:
        problems.append(f"{where}: {error}")
        return None


def _truth(row: dict, where: str, problems: list[str]) -> Truth | None:
    text = (row.get("truth") or "").strip().lower()
    try:
        return Truth(text)
    except ValueError:
        problems.append(f"{where}: truth {text!r} must be 'normal' or 'abnormal'" if text
                        else f"{where}: case has no truth (expected normal or abnormal)")
        return None


def read_case_list(path: Path, spacing_default: float | None, problems: list[str],
                   missing_images: dict[str, str]) -> list[Case]:
    """Parse ``path``; append a message per problem to ``problems`` and return the cases that parsed. A case whose
    named image is not found is kept, and ``missing_images`` maps its id to the "not found" message."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        problems.append(f"{path}: cannot read the case list ({error.strerror})")
        return []
    if rows and not {"case_id", "image", "truth"} <= set(rows[0]):
        problems.append(f"{path}: needs the columns case_id, image, truth (found {', '.join(rows[0])})")
        return []
    cases: list[Case] = []
    first_line: dict[str, int] = {}
    films = FilmRegister()
    for line, row in enumerate(rows, start=2):
        case_id = (row.get("case_id") or "").strip()
        where = f"{path.name} line {line}, case {case_id or '(no id)'}"
        if not case_id:
            problems.append(f"{where}: case_id is empty")
            continue
        if case_id in first_line:
            problems.append(f"{where}: duplicate case id {case_id!r} (first on line {first_line[case_id]})")
            continue
        first_line[case_id] = line
        named = (row.get("image") or "").strip()
        image = (path.parent / named).resolve()
        # a named file that is absent is kept and noted; a blank cell or a folder is an error
        unread = bool(named) and not image.exists()
        header = None if unread else _header(row, image, where, problems)
        truth = _truth(row, where, problems)
        if unread:
            missing_images[case_id] = f"{where}: image {named!r} not found (looked for {image})"
        if (header is None and not unread) or truth is None:
            continue
        before_lesions = len(problems)
        lesions = _parse_lesions(row.get("lesions") or "", case_id, image, header, spacing_default, where, problems)
        if len(problems) > before_lesions:  # said once: kept, the case would also lack "a lesion location"
            continue
        if truth is Truth.NORMAL and lesions:
            problems.append(f"{where}: a normal case cannot have lesions")
            continue
        repeat = None if unread else films.repeat(image, header, line, case_id)
        if repeat is not None:
            problems.append(f"{where}: {repeat}")
            continue
        training = (row.get("training") or "").strip().lower() in _TRUE_WORDS
        cases.append(Case(case_id, image, truth, tuple(lesions), training, header and header.patient_id))
    return cases

"""Reading delimited tables with messages that name the file and the line, shared by the CSV readers."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from pathlib import Path


class FormatError(ValueError):
    """A ratings/truth file that cannot be used; the message names the file and the reason."""


def read_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a CSV file with a header containing ``required`` columns.

    A row with more fields than the header is refused: the csv module files the extra fields away, so a rating
    ``3,5`` with a comma as decimal mark was read as 3 without a word. The line is the file's own (blank lines and
    quoted line breaks counted), so an editor finds it."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in (reader.fieldnames or [])]
            missing = [name for name in required if name not in header]
            if missing:
                raise FormatError(f"{path}: missing column(s) {', '.join(missing)} (header: {', '.join(header)})")
            reader.fieldnames = header
            rows = []
            for row in reader:
                extra = row.pop(None, None) or []
                if any(value.strip() for value in extra):
                    raise FormatError(f"{path}, line {reader.line_num}: {len(header) + len(extra)} fields but the "
                                      f"header has {len(header)} (a comma as decimal mark? write 3.5, or quote it)")
                rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}))
            return rows
    except OSError as error:
        raise FormatError(f"{path}: cannot read ({error.strerror or error})") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise FormatError(f"{path}: not a readable CSV file ({error})") from error


def number(path: Path, line: int, column: str, text: str) -> float:
    """A finite number: ``inf`` would outrank every rating and ``-inf`` is the "unrated" mark, so neither is data."""
    try:
        value = float(text)
    except ValueError:
        raise FormatError(f"{path}, line {line}: {column} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise FormatError(f"{path}, line {line}: {column} {text!r} is not a finite number")
    return value


def named(path: Path, line: int, row: dict[str, str], columns: tuple[str, ...]) -> tuple[str, ...]:
    """The row's values of ``columns``, none blank: a blank reader or case would be analysed as one named ""."""
    for column in columns:
        if not row[column]:
            raise FormatError(f"{path}, line {line}: no {column}")
    return tuple(row[column] for column in columns)


def truth_value(path: Path, line: int, text: str) -> int:
    if text not in ("0", "1", "0.0", "1.0"):
        raise FormatError(f"{path}, line {line}: truth must be 0 (normal) or 1 (abnormal), got {text!r}")
    return int(float(text))


def distinct_names(path: Path, label: str, named_lines: Iterable[tuple[int | None, str]]) -> tuple[str, ...]:
    """The distinct names of (line or None, name) pairs in order of first appearance, refusing two spellings of one
    name: "R1" and "r1 " were two readers, each with half the reads, a study's reader count doubled without a word.
    A research group would rather correct the file than have the analysis guess which spelling is meant."""
    first: dict[str, int | None] = {}
    for line, name in named_lines:
        first.setdefault(name, line)
    spelling: dict[str, str] = {}
    for name in first:
        other = spelling.setdefault(name.strip().casefold(), name)
        if other != name:
            where = [f" (line {first[n]})" if first[n] is not None else "" for n in (other, name)]
            raise FormatError(f"{path}: {label} {other!r}{where[0]} and {label} {name!r}{where[1]} differ only in "
                              f"upper/lower case or surrounding spaces and would be analysed as two {label}s; "
                              "write one spelling throughout")
    return tuple(first)

"""Reading delimited tables with messages that name the file and the line, shared by the CSV readers."""

from __future__ import annotations

import csv
from pathlib import Path


class FormatError(ValueError):
    """A ratings/truth file that cannot be used; the message names the file and the reason."""


def read_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a CSV file with a header containing ``required`` columns."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in (reader.fieldnames or [])]
            missing = [name for name in required if name not in header]
            if missing:
                raise FormatError(f"{path}: missing column(s) {', '.join(missing)} (header: {', '.join(header)})")
            reader.fieldnames = header
            return [(number, {k: (v or "").strip() for k, v in row.items() if k}) for number, row in
                    enumerate(reader, start=2)]
    except OSError as error:
        raise FormatError(f"{path}: cannot read ({error.strerror or error})") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise FormatError(f"{path}: not a readable CSV file ({error})") from error


def number(path: Path, line: int, column: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise FormatError(f"{path}, line {line}: {column} {text!r} is not a number") from None


def truth_value(path: Path, line: int, text: str) -> int:
    if text not in ("0", "1", "0.0", "1.0"):
        raise FormatError(f"{path}, line {line}: truth must be 0 (normal) or 1 (abnormal), got {text!r}")
    return int(float(text))


def ordered_unique(values) -> tuple[str, ...]:
    """Distinct values in order of first appearance (the study's own order, not a lexical one)."""
    return tuple(dict.fromkeys(values))

"""What the report's parts write into: the folder, the notes and the sections of ``report.html``, shared by
``report`` (which assembles them) and the modules that write each part."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from cxr_reader_study.results.numbers import tidy_json

ALPHA = 0.05  # every interval of the report is a 95% CI


@dataclass
class Report:
    folder: Path
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # HTML fragments of report.html, in order
    summary: list[str] = field(default_factory=list)  # results the command prints (paired reading time)


def write_json(path: Path, value: dict) -> None:
    """Every p within [0, 1] and no negative zero (``numbers.tidy_json``): float noise is not a result."""
    path.write_text(json.dumps(tidy_json(value), indent=2), encoding="utf-8")

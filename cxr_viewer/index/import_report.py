"""What an import did, and the error that ends an import when the index itself cannot be written.

Kept apart from ``importer`` so the report's counting and wording live in one place: the importer adds a batch's
outcomes to the report only once that batch is committed, so a report handed over after the index failed (disk full,
locked for too long, made read-only) counts exactly what the index holds.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ImportReport:
    """What an import did. A duplicate is a second copy of an instance whose indexed file still exists.

    ``failed`` lists files that could not be indexed (something is wrong with them or with their name);
    ``skipped`` lists readable files left out on purpose because they are not patient images (icons and logos,
    a patient CD's viewer software), each with the reason.
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[Path, str]] = field(default_factory=list)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)  # (this copy, the indexed file)
    cancelled: bool = False
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, {len(self.failed)} failed"
        if self.duplicates:
            text += f", {len(self.duplicates)} duplicate copies skipped"
        if self.skipped:
            text += f", {len(self.skipped)} skipped as not radiographs (icons, logos)"
        return text + (" (cancelled)" if self.cancelled else "")

    def add_stored(self, batch: ImportReport) -> None:
        """Count a committed batch's outcomes (what ``store`` did with each file)."""
        self.added += batch.added
        self.updated += batch.updated
        self.failed += batch.failed
        self.duplicates += batch.duplicates


class ImportStopped(sqlite3.OperationalError):
    """The index could not be written (disk full, locked for too long, read-only): the import stopped there.

    ``report`` counts what was stored before, which the index keeps; ``cause`` is SQLite's error. An
    ``OperationalError`` still, so callers that catch SQLite's errors (the command line, the network receiver) keep
    working, while those that can say more read the report.
    """

    def __init__(self, cause: sqlite3.Error, report: ImportReport, not_stored: int) -> None:
        stored = report.added + report.updated
        super().__init__(
            f"{cause}: the import stopped; {stored} files stored before were kept, the last {not_stored} files read "
            "were not stored (importing the folders again adds them, skipping those already indexed)"
        )
        self.cause, self.report, self.not_stored = cause, report, not_stored

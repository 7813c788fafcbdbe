"""Writing one batch of read files into the index: one short transaction, each file in its own savepoint.

Kept apart from the import's reading and walking (:mod:`cxr_viewer.index.importer`): this is where a file the
database refuses fails alone, and where a failure of the index itself (disk full, locked too long, read-only)
stops the whole import with :class:`ImportStopped`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.import_report import ImportReport, ImportStopped
from cxr_viewer.index.records import InstanceRecord
from cxr_viewer.index.store import FileFacts, Outcome, prune_empty, store_instance


def write_batch(index: StudyIndex, readable: list[tuple[InstanceRecord, FileFacts]], report: ImportReport) -> None:
    """Store the batch in one transaction and add what it stored to ``report``; all of it lands, or none of it.

    Raises :class:`ImportStopped`, carrying ``report`` as it stood before this batch, when the index cannot be
    written.
    """
    stored = ImportReport()
    try:
        with index.transaction() as conn:
            for record, facts in readable:
                _store(conn, stored, record, facts)
            prune_empty(conn)
    except sqlite3.OperationalError as exc:  # the index, not a file: full, locked too long, read-only, I/O
        raise ImportStopped(exc, report, len(readable)) from exc
    report.add_stored(stored)


def _store(conn: sqlite3.Connection, report: ImportReport, record: InstanceRecord, facts: FileFacts) -> None:
    """Store one file inside its own savepoint, so a row SQLite refuses fails that file, not its whole batch.

    Only the row's own errors (a constraint, a value SQLite cannot take) fail the file: an ``OperationalError`` is
    the index's (disk full, locked, read-only), which every later file would meet too, and after some of them SQLite
    has already rolled the whole transaction back, so it ends the batch instead.
    """
    conn.execute("SAVEPOINT store_file")
    try:
        outcome = store_instance(conn, record, facts)
    except sqlite3.OperationalError:
        raise
    except (sqlite3.Error, OverflowError, ValueError) as exc:
        conn.execute("ROLLBACK TO store_file")
        conn.execute("RELEASE store_file")
        report.failed.append((facts.path, f"cannot be stored in the index: {type(exc).__name__}: {exc}"))
        return
    conn.execute("RELEASE store_file")
    _count(report, facts.path, *outcome)


def _count(report: ImportReport, path: Path, outcome: Outcome, detail: Path | str | None) -> None:
    if outcome is Outcome.ADDED:
        report.added += 1
    elif outcome is Outcome.UPDATED:
        report.updated += 1
    elif outcome is Outcome.DUPLICATE and isinstance(detail, Path):
        report.duplicates.append((path, detail))
    elif outcome is Outcome.PATIENT_CLASH:
        report.failed.append((path, str(detail)))

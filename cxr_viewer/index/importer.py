"""Importing files and folders into the study index.

Runs happily in a worker thread (it uses that thread's own connection). Files are read in batches and each
batch is written in one short transaction, so a crash loses at most the batch in flight and never leaves a
half-written file. ``cancelled`` is polled before every file; on cancel the files already read are committed and
the report says ``cancelled=True``. ``progress(done, total, path)`` is called after every file, from the
importing thread.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.headers import MIN_PLAIN_IMAGE_SIDE, read_record
from cxr_viewer.index.records import InstanceRecord, NotARadiograph, UnreadableFile
from cxr_viewer.index.store import FileFacts, Outcome, is_known_unchanged, prune_empty, store_instance
from cxr_viewer.index.walk import discover_files, is_utf8, not_utf8_reason

BATCH_SIZE = 200
ProgressCallback = Callable[[int, int, str], None]


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


def import_paths(
    index: StudyIndex,
    paths: Iterable[Path | str],
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    hash_contents: bool = False,
    min_plain_side: int = MIN_PLAIN_IMAGE_SIDE,
) -> ImportReport:
    """Index every DICOM file and plain image under ``paths``; bad files are reported, never fatal.

    ``hash_contents`` also stores a SHA-256 of each file read (slower; off by default). PNG/JPEG files under
    ``min_plain_side`` pixels on their shorter side are skipped as icons (0 takes them all).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    report = ImportReport()
    files, report.failed, report.skipped = discover_files(paths, cancelled)
    files = [path for path in files if not _is_index_file(index, path)]
    if cancelled is not None and cancelled():
        report.cancelled = True
        return report
    done = 0
    for start in range(0, len(files), batch_size):
        readable: list[tuple[InstanceRecord, FileFacts]] = []
        for path in files[start : start + batch_size]:
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            read = _read_file(index, path, report, hash_contents, min_plain_side)
            if read is not None:
                readable.append(read)
            done += 1
            if progress is not None:
                progress(done, len(files), str(path))
        with index.transaction() as conn:
            for record, facts in readable:
                _store(conn, report, record, facts)
            prune_empty(conn)
        if report.cancelled:
            break
    return report


def _read_file(
    index: StudyIndex, path: Path, report: ImportReport, hash_contents: bool, min_plain_side: int
) -> tuple[InstanceRecord, FileFacts] | None:
    """The file's record, or None when it is unchanged since the last import, cannot be read or is skipped
    (all counted).

    Reading happens outside the write transaction, so a slow disk never holds the index's write lock.
    """
    if not is_utf8(path):  # the walk reports these already; a safety net for any other way in
        report.failed.append((path, not_utf8_reason(path)))
        return None
    try:
        stat = path.stat()
        facts = FileFacts(path, stat.st_size, stat.st_mtime)
        if is_known_unchanged(index.connection, facts):
            report.unchanged += 1
            return None
        if stat.st_size == 0:
            raise UnreadableFile("file is empty (0 bytes)")
        record = read_record(path, min_plain_side=min_plain_side)
        if hash_contents:
            facts = FileFacts(path, facts.size, facts.mtime, _sha256(path))
    except NotARadiograph as exc:
        report.skipped.append((path, str(exc)))
        return None
    except UnreadableFile as exc:
        report.failed.append((path, str(exc)))
        return None
    except OSError as exc:
        report.failed.append((path, f"cannot read file: {exc.strerror or exc}"))
        return None
    return record, facts


def _store(conn: sqlite3.Connection, report: ImportReport, record: InstanceRecord, facts: FileFacts) -> None:
    """Store one file inside its own savepoint, so a row SQLite refuses fails that file, not its whole batch."""
    conn.execute("SAVEPOINT store_file")
    try:
        outcome = store_instance(conn, record, facts)
    except (sqlite3.Error, OverflowError, ValueError) as exc:
        conn.execute("ROLLBACK TO store_file")
        conn.execute("RELEASE store_file")
        report.failed.append((facts.path, f"cannot be stored in the index: {type(exc).__name__}: {exc}"))
        return
    conn.execute("RELEASE store_file")
    _count(report, facts.path, *outcome)


def _count(report: ImportReport, path: Path, outcome: Outcome, indexed_path: Path | None) -> None:
    if outcome is Outcome.ADDED:
        report.added += 1
    elif outcome is Outcome.UPDATED:
        report.updated += 1
    elif outcome is Outcome.DUPLICATE and indexed_path is not None:
        report.duplicates.append((path, indexed_path))


def _is_index_file(index: StudyIndex, path: Path) -> bool:
    """The index's own SQLite files (database, -wal, -shm) when the user imports the folder that holds them."""
    return path.parent == index.db_path.parent.absolute() and path.name.startswith(index.db_path.name)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

"""Importing files and folders into the study index.

Runs happily in a worker thread (it uses that thread's own connection). Files are read in batches and each
batch is written in one short transaction, so a crash loses at most the batch in flight and never leaves a
half-written file. When the index itself cannot be written (disk full, locked for too long, read-only),
:class:`ImportStopped` is raised with the report of what was stored until then. ``cancelled`` is polled before
every file; on cancel the files already read are committed and the report says ``cancelled=True``.
``progress(done, total, path)`` is called after every file, and ``walking(found, folder)`` after each folder is
listed while the files are still being looked for (which alone takes minutes on a large share), both from the
importing thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from cxr_viewer.index.batch_write import write_batch
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.headers import read_record
from cxr_viewer.index.image_headers import MIN_PLAIN_IMAGE_SIDE
from cxr_viewer.index.import_report import ImportReport, ImportStopped
from cxr_viewer.index.path_text import is_utf8, not_utf8_reason
from cxr_viewer.index.records import InstanceRecord, NotARadiograph, UnreadableFile, file_sha256
from cxr_viewer.index.store import FileFacts, is_known_unchanged
from cxr_viewer.index.walk import discover_files

__all__ = ["BATCH_SIZE", "ImportReport", "ImportStopped", "import_paths"]

BATCH_SIZE = 200
ProgressCallback = Callable[[int, int, str], None]
WalkingCallback = Callable[[int, str], None]


def import_paths(
    index: StudyIndex,
    paths: Iterable[Path | str],
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    hash_contents: bool = False,
    min_plain_side: int = MIN_PLAIN_IMAGE_SIDE,
    walking: WalkingCallback | None = None,
) -> ImportReport:
    """Index every DICOM file and plain image under ``paths``; bad files are reported, never fatal.

    ``hash_contents`` also stores a SHA-256 of each file read (slower; off by default). PNG/JPEG files under
    ``min_plain_side`` pixels on their shorter side are skipped as icons (0 takes them all).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    report = ImportReport()
    listed = None if walking is None else lambda found, folder: walking(found, str(folder))
    files, report.failed, report.skipped = discover_files(paths, cancelled, listed)
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
        write_batch(index, readable, report)
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
            facts = FileFacts(path, facts.size, facts.mtime, file_sha256(path))
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


def _is_index_file(index: StudyIndex, path: Path) -> bool:
    """The index's own SQLite files (database, -wal, -shm) when the user imports the folder that holds them."""
    return path.parent == index.db_path.parent.absolute() and path.name.startswith(index.db_path.name)


"""Checking that indexed files are still where the index says, and forgetting those that are gone.

A file overwritten by another image counts as gone too (``replaced``): its entry no longer describes it, and
opening it from the list would show the wrong image. A file that moved is found again by re-importing its new folder (the SOP Instance UID matches and the path is
updated); :func:`verify` lists what is missing until then, and :func:`forget_missing` drops it for good.

A check that is cancelled midway raises :class:`VerifyCancelled` instead of returning the files found so far: a
partial list looks like a complete one, and forgetting must never act on a check that did not finish (the files
not yet checked would silently stay, and a caller could not tell). Nothing is written while checking.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.replaced import UNREADABLE, replacement_problem
from cxr_viewer.index.store import prune_empty

MISSING = "missing"  # the kind of a file that is not there (moved, deleted, or its drive not connected)
PROGRESS_EVERY = 100  # files checked between two progress calls (a stat is ~20 µs; a GUI signal per file is not)


@dataclass(frozen=True)
class MissingFile:
    path: Path
    sop_instance_uid: str
    study_uid: str
    reason: str
    kind: str = MISSING  # or a kind from ``replaced``: the dock counts each kind apart ("2 missing, 1 replaced")


class VerifyCancelled(Exception):
    """:func:`verify` was cancelled before every indexed file was checked; nothing was found for good.

    Carries only counts (``checked`` of ``total`` files, ``missing_so_far``), never the partial list, so an
    incomplete check cannot be handed to :func:`forget_missing`.
    """

    def __init__(self, checked: int, total: int, missing_so_far: int) -> None:
        super().__init__(f"check for missing files cancelled after {checked} of {total} files")
        self.checked, self.total, self.missing_so_far = checked, total, missing_so_far


def verify(
    index: StudyIndex,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    thorough: bool = False,
) -> list[MissingFile]:
    """Every indexed file that can no longer be read at its recorded path, or now holds another image, with the
    reason. ``thorough`` re-reads every DICOM file's SOP Instance UID, not only those whose size or time changed,
    and compares the SHA-256 of files imported with ``--hash`` (see ``replaced``).

    ``progress(done, total)`` is called before the first file, every :data:`PROGRESS_EVERY` files and after the
    last; ``cancelled()`` is asked before every file, and a true answer raises :class:`VerifyCancelled` (see the
    module doc). Both are called from the thread running the check.
    """
    rows = index.connection.execute(
        """SELECT i.path, i.sop_instance_uid, i.file_size, i.mtime, i.source, i.content_hash, st.study_uid
           FROM instance i
           JOIN series se ON se.id = i.series_ref JOIN study st ON st.id = se.study_ref ORDER BY i.path"""
    ).fetchall()
    total = len(rows)
    if progress is not None:
        progress(0, total)
    missing = []
    for done, row in enumerate(rows):
        if cancelled is not None and cancelled():
            raise VerifyCancelled(done, total, len(missing))
        path = Path(row["path"])
        problem = _problem(path) or replacement_problem(path, row, thorough=thorough)
        if problem is not None:
            kind, reason = problem
            missing.append(MissingFile(Path(row["path"]), row["sop_instance_uid"], row["study_uid"], reason, kind))
        if progress is not None and (done + 1) % PROGRESS_EVERY == 0 and done + 1 < total:
            progress(done + 1, total)
    if progress is not None and total:
        progress(total, total)
    return missing


def forget_missing(index: StudyIndex, missing: Iterable[MissingFile] | None = None) -> int:
    """Remove the given missing files (or all that a complete :func:`verify` finds now) and any study left empty.

    Entries whose file has come back (or been put back as it was) since ``missing`` was computed are kept.
    Returns how many were removed.
    """
    candidates = verify(index) if missing is None else list(missing)
    removed = 0
    with index.transaction() as conn:
        for entry in candidates:
            if _problem(entry.path) is None and _holds(conn, entry):
                continue
            removed += conn.execute(
                "DELETE FROM instance WHERE sop_instance_uid = ? AND path = ?",
                (entry.sop_instance_uid, str(entry.path)),
            ).rowcount
        prune_empty(conn)
    return removed


def _holds(conn: sqlite3.Connection, entry: MissingFile) -> bool:
    """Whether the file at the entry's path holds the entry's image again (its UID re-read, whatever its time)."""
    row = conn.execute("SELECT * FROM instance WHERE sop_instance_uid = ? AND path = ?",
                       (entry.sop_instance_uid, str(entry.path))).fetchone()
    return row is None or replacement_problem(entry.path, row, thorough=True) is None


def _problem(path: Path) -> tuple[str, str] | None:
    try:
        if not path.exists():
            return MISSING, "file no longer exists (moved or deleted)"
        if not path.is_file():
            return MISSING, "path is no longer a file"
    except OSError as exc:
        return MISSING, f"cannot check file: {exc.strerror or exc}"
    if not os.access(path, os.R_OK):
        return UNREADABLE, "file is not readable (permissions)"
    return None

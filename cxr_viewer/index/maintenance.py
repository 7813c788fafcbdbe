"""Checking that indexed files are still where the index says, and forgetting those that are gone.

A file that moved is found again by re-importing its new folder (the SOP Instance UID matches and the path is
updated); :func:`verify` lists what is missing until then, and :func:`forget_missing` drops it for good.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.store import prune_empty


@dataclass(frozen=True)
class MissingFile:
    path: Path
    sop_instance_uid: str
    study_uid: str
    reason: str


def verify(index: StudyIndex) -> list[MissingFile]:
    """Every indexed file that can no longer be read at its recorded path, with the reason."""
    rows = index.connection.execute(
        """SELECT i.path, i.sop_instance_uid, st.study_uid FROM instance i
           JOIN series se ON se.id = i.series_ref JOIN study st ON st.id = se.study_ref ORDER BY i.path"""
    ).fetchall()
    missing = []
    for row in rows:
        reason = _problem(Path(row["path"]))
        if reason is not None:
            missing.append(MissingFile(Path(row["path"]), row["sop_instance_uid"], row["study_uid"], reason))
    return missing


def forget_missing(index: StudyIndex, missing: Iterable[MissingFile] | None = None) -> int:
    """Remove the given missing files (or all that :func:`verify` finds now) and any study left empty.

    Entries whose file has come back since ``missing`` was computed are kept. Returns how many were removed.
    """
    candidates = verify(index) if missing is None else list(missing)
    removed = 0
    with index.transaction() as conn:
        for entry in candidates:
            if _problem(entry.path) is None:
                continue
            removed += conn.execute(
                "DELETE FROM instance WHERE sop_instance_uid = ? AND path = ?",
                (entry.sop_instance_uid, str(entry.path)),
            ).rowcount
        prune_empty(conn)
    return removed


def _problem(path: Path) -> str | None:
    try:
        if not path.exists():
            return "file no longer exists (moved or deleted)"
        if not path.is_file():
            return "path is no longer a file"
    except OSError as exc:
        return f"cannot check file: {exc.strerror or exc}"
    if not os.access(path, os.R_OK):
        return "file is not readable (permissions)"
    return None

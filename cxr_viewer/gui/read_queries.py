"""What the Studies dock's read status asks the index and says (Qt-free): marking a study read or unread, whether it
is, and which study U opens next with the status line after it.

Kept apart from ``study_queries`` (the listings) because these act on one study the reader has on screen or in the
list, and never raise: a read-only, busy or damaged index is said in the status bar and the film stays on screen.
None of the lines names a patient, so they may show during a blinded read.
"""

from __future__ import annotations

import sqlite3

from cxr_viewer.index import read_status
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.rows import StudyRow


def set_read(index: StudyIndex, study_uid: str, read: bool) -> tuple[bool, str]:
    """Mark one study read or unread; whether it was, and the status bar's line saying so or why not (never raises:
    a read-only, busy or damaged index is said, and the film stays on screen). The line names no patient, so it may
    show during a blinded read."""
    if index.read_only:
        return False, "The study index is read-only: read status cannot be changed"
    try:
        unknown = read_status.mark_read(index, [study_uid], read)
    except sqlite3.Error as exc:
        return False, f"Read status not changed: the study index could not be written ({exc})"
    if unknown or not study_uid:
        return False, "This study is not in the study index: import it to keep its read status"
    return True, f"Study marked {'read' if read else 'unread'}"


def is_read(index: StudyIndex, study_uid: str) -> bool | None:
    """Whether the study is marked read; None when the index cannot be read (busy, damaged)."""
    try:
        return read_status.is_read(index, study_uid)
    except sqlite3.Error:
        return None


LIST_NAMES = {"recent": "Recent", "search": "the search results"}  # which list U walks, for the status line


def next_unread(rows: list[StudyRow], on_screen: str) -> int | None:
    """The place in ``rows`` (the list in its order on screen) of the first unread study below the study on screen,
    from the top when that study is not listed (or none is on screen); None when there is none.

    The anchor is the study on screen, never the table's selection: a selection can be left on a study the reader
    only clicked, or carried over by a search, and a U that started below it skipped the unread studies above it
    unseen. Only below: the reader works down the list, and a study passed over on purpose must not come back at
    every press."""
    start = next((k + 1 for k, row in enumerate(rows) if on_screen and row.study_uid == on_screen), 0)
    return next((k for k in range(start, len(rows)) if not rows[k].read), None)


def next_unread_line(kind: str, rows: list[StudyRow], opened: int | None) -> str:
    """The status line after U: which list it walked (Recent or the search results) and how many unread studies
    are left below the one opened, or that none was found. It names no patient."""
    where = LIST_NAMES.get(kind, "the Studies list")
    if opened is None:
        return (f"No unread study below in {where} (tick Unread only, which searches, to list every unread "
                "study)")
    left = sum(not row.read for row in rows[opened + 1:])
    return f"Next unread in {where}: {left} more unread below"

"""Which studies the radiologist has read, kept in the index (table ``study_read``) so it follows the index file.

A radiologist works down a list all day; what is still to read must survive a restart and show in the list, as in a
mail client. The viewer marks a study read once it has been on screen a few seconds (``gui/browser_read.py``); the
reader can also mark one read or unread by hand, and ``cxr-index mark-read`` / ``mark-unread`` do it from a terminal.
Forgetting a study's files (``forget_missing``) takes its mark with it (the row cascades).
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from cxr_viewer.index.db import StudyIndex


def mark_read(index: StudyIndex, study_uids: Iterable[str], read: bool = True) -> list[str]:
    """Mark the studies read (``read=False``: unread again) in one transaction; the UIDs the index does not hold
    are returned, the others marked. A study already read keeps the time it was first read.

    Raises ``sqlite3.OperationalError`` on an index that cannot be written (``StudyIndex.read_only``)."""
    unknown: list[str] = []
    with index.transaction() as conn:
        for uid in study_uids:
            row = conn.execute("SELECT id FROM study WHERE study_uid = ?", (uid,)).fetchone()
            if row is None:
                unknown.append(uid)
            elif read:
                conn.execute("INSERT OR IGNORE INTO study_read (study_ref, read_at) VALUES (?, ?)",
                             (row["id"], time.time()))
            else:
                conn.execute("DELETE FROM study_read WHERE study_ref = ?", (row["id"],))
    return unknown


def is_read(index: StudyIndex, study_uid: str) -> bool:
    """Whether the study is marked read (False for a study the index does not hold)."""
    row = index.connection.execute(
        "SELECT 1 FROM study_read r JOIN study st ON st.id = r.study_ref WHERE st.study_uid = ?", (study_uid,)
    ).fetchone()
    return row is not None

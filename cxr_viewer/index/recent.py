"""The recently opened studies list (newest first), kept in the index so it follows the index file."""

from __future__ import annotations

import time

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.rows import STUDY_SELECT, StudyRow, study_row


def mark_opened(index: StudyIndex, study_uid: str) -> None:
    """Record that the user opened this study now; raises ValueError for a study the index does not hold."""
    with index.transaction() as conn:
        row = conn.execute("SELECT id FROM study WHERE study_uid = ?", (study_uid,)).fetchone()
        if row is None:
            raise ValueError(f"study {study_uid} is not in the index {index.db_path}; import it first")
        conn.execute(
            "INSERT INTO recent (study_ref, opened_at) VALUES (?, ?)"
            " ON CONFLICT (study_ref) DO UPDATE SET opened_at = excluded.opened_at",
            (row["id"], time.time()),
        )


def recent_studies(index: StudyIndex, n: int = 10) -> list[StudyRow]:
    """The last ``n`` studies opened, most recent first (forgotten studies drop out with their rows)."""
    sql = f"{STUDY_SELECT} JOIN recent r ON r.study_ref = st.id ORDER BY r.opened_at DESC, r.rowid DESC LIMIT ?"
    return [study_row(row) for row in index.connection.execute(sql, (int(n),))]

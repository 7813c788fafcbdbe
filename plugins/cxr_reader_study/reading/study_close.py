"""Recording a "Close reader study…" in the study's own database: when (UTC) and on which station.

Headless, so the rule holds without a display. The database is opened for this one write and closed again (an idle
station holds no file); one that cannot be written (refused at open, a full disk, a lock held too long) does not
keep the coordinator's study open: the close goes on, and the returned reason is shown and logged instead.
"""

from __future__ import annotations

import socket
import sqlite3
from datetime import datetime
from pathlib import Path

from cxr_reader_study.storage.records import StudyClosing
from cxr_reader_study.storage.store import ReadStore, UnusableDatabase


def station_name() -> str:
    """The computer's host name: which station a closing happened at."""
    return socket.gethostname() or "unknown station"


def record_closing(database: Path, closed_at: datetime, station: str) -> str | None:
    """Commit the closing to ``database``; None once it is on disk, else why it could not be recorded."""
    try:
        store = ReadStore(database)
    except UnusableDatabase as error:
        return str(error)
    try:
        store.add_closing(StudyClosing(closed_at, station))
    except sqlite3.Error as error:
        return f"the study database {database} could not be written ({error})"
    finally:
        store.close()
    return None

"""A reading station, headless: who is logged in, their session, and the study database held open meanwhile.

The log-in rules live here rather than in the dock so they hold without a display: an unknown reader id, a
washout not over, a reader who has read every arm and a database that cannot be used (``UnusableDatabase``) are
refused with the sentence the log-in page shows;
anyone else gets the session :func:`open_session` picks (resumed or newly started). The database is opened at
the first valid log-in, not when the study opens, and closed at log-out, so an idle station holds no file.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Callable

from cxr_reader_study.design.model import Study
from cxr_reader_study.reading.ai_findings import load_findings
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.scheduling import WashoutNotOver, open_session
from cxr_reader_study.storage.store import ReadStore, UnusableDatabase


class ReadingStation:
    def __init__(self, study: Study, clock: Callable[[], float], wall: Callable[[], datetime]):
        self.study, self._clock, self._wall = study, clock, wall
        self.session: ReadingSession | None = None
        self._store: ReadStore | None = None
        self._findings = load_findings(study)  # once, so each case's overlay appears with its image

    def log_in(self, reader_id: str) -> str:
        """Opens the reader's session; returns "" then, else why not (the session stays None)."""
        if reader_id not in {r.reader_id for r in self.study.readers}:
            return f"Unknown reader id {reader_id!r}."
        if self._store is None:
            try:
                self._store = ReadStore(self.study.database)
            except UnusableDatabase as error:  # the log-in page says it; nobody reads into a file we may not write
                return f"Cannot start: {error}. Please call the study coordinator."
        try:
            record = open_session(self.study, self._store, reader_id, self._wall())
            if record is not None:
                self.session = ReadingSession(self.study, self._store, record, self._findings, self._clock,
                                              self._wall)
        except WashoutNotOver as wait:
            return f"{wait} Please come back then; if you need to start earlier, ask the study coordinator."
        except sqlite3.Error as error:  # starting a session writes its row (a full disk, a lock held too long)
            return f"Cannot start: the study database could not be written ({error}). Please call the study coordinator."
        if record is None:
            return f"Reader {reader_id} has completed every session. Thank you."
        return ""

    def log_out(self) -> None:
        """Forgets the session and closes the database (the dock saves the case's time first)."""
        self.session = None
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def answering(self) -> bool:
        """Whether a case is on screen to be answered: not before log-in, after the last case, nor while a case
        cannot be shown (keys would overwrite the request to call the coordinator with answers to nothing)."""
        session = self.session
        return session is not None and not session.finished and session.image_on_screen

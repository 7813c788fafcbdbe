"""A reader's session, headless: the case on screen, its timing and answer, and the submit.

The Qt panel only forwards events here and redraws from the state, so every rule (nothing submitted
without a rating, second reads, crash-safe commit before the next case) is testable without a display.
A submit commits to SQLite first and only then advances, so a crash never skips or repeats a case.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from datetime import datetime, timezone
from typing import Callable

from cxr_reader_study.design.model import Case, Study, Task
from cxr_reader_study.reading.finding_entries import Finding
from cxr_reader_study.reading.answer import Answer, IncompleteRead
from cxr_reader_study.reading.answer_edits import PAUSED_HINT, AnswerEdits
from cxr_reader_study.reading.case_clock import CaseClock
from cxr_reader_study.reading.position import SessionPosition
from cxr_reader_study.reading.session_timing import SessionTiming
from cxr_reader_study.storage.records import ReadRecord, SessionRecord
from cxr_reader_study.storage.store import ReadStore

__all__ = ["IncompleteRead", "PAUSED_HINT", "ReadingSession"]

log = logging.getLogger(__name__)


class ReadingSession(SessionTiming, AnswerEdits):
    """Where the reader is in the case order and the commit of each answer; the case's timing
    (``session_timing``) and the changes to the answer on screen (``answer_edits``) are mixed in."""

    def __init__(
        self,
        study: Study,
        store: ReadStore,
        record: SessionRecord,
        findings: dict[str, list[Finding]],
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ):
        self.study, self.store, self.record, self._findings = study, store, record, findings
        self._wall = wall
        self._position = SessionPosition(study, store, record)
        self.arm = self._position.arm
        self._time = CaseClock(store, clock, wall)
        self._new_answer()
        first = self._position.first_read
        if first is not None:  # the first answer is committed: show it again, now with the AI
            self.answer = Answer(study.task, study.scale, first.rating, first.marks)
        if self.finished and record.completed_at is None:  # crashed between the last commit and this mark
            self._mark_complete()

    def _new_answer(self) -> None:
        self.answer = Answer(self.study.task, self.study.scale)
        self._time.clear()

    # --- position -----------------------------------------------------------------------------------------
    @property
    def phase(self) -> str:
        """``"first"`` (the unaided answer of an aided-second-read arm) or ``"final"``."""
        return self._position.phase

    @property
    def finished(self) -> bool:
        return self._position.finished

    @property
    def current_case(self) -> Case | None:
        return self._position.current_case

    @property
    def progress(self) -> tuple[int, int]:
        """(cases submitted, cases in the session), training cases included."""
        return self._position.progress

    @property
    def shows_ai(self) -> bool:
        return self._position.shows_ai

    def visible_findings(self) -> list[Finding]:
        """What the overlay may show now: nothing in unaided reading or before a first answer."""
        case = self.current_case
        return list(self._findings.get(case.case_id, [])) if case is not None and self.shows_ai else []

    # --- submit -------------------------------------------------------------------------------------------
    def missing(self) -> str:
        """Why a submit would be refused, or "" when the answer is complete."""
        if self.finished:
            return "The session is complete."
        if not self.image_on_screen:
            return "The case image is not on screen yet."
        if self.paused:
            return PAUSED_HINT
        return self.answer.missing()

    def submit(self) -> ReadRecord:
        """Commit the answer, then advance. Raises :class:`IncompleteRead` (state untouched) when incomplete."""
        problem = self.missing()
        if problem:
            if self.study.task is Task.FROC and not self.answer.marks and self.image_on_screen:
                self.answer.empty_confirmed = True  # so a stray Enter never submits "no findings" alone
            raise IncompleteRead(problem)
        case, spent = self.current_case, self._time
        read = ReadRecord(
            self.record.reader_id, self.record.arm, case.case_id, self.phase, case.training, self.answer.rating,
            tuple(self.answer.marks), spent.shown_at, self._wall(), spent.active_ms, spent.first_mark_ms,
            spent.pause_count, spent.displays,
        )
        self.store.save_read(read)  # durable before anything else changes
        second_read_next = self.phase == "first"
        self._position.committed()
        if second_read_next:  # same case, now with the AI shown; the first answer stays editable
            self.answer.keys.reset()
            self.answer.empty_confirmed = False
            self.image_shown()  # the second read is timed from the moment the AI appears (a display of its own)
        else:
            self._new_answer()
            if self.finished:
                self._mark_complete()
        return read

    def _mark_complete(self) -> None:
        """Record the session's end (the washout runs from it). The last read is already committed, so a failure
        here (a full disk, a database locked past the busy timeout) must not reach the reader as "could not save
        this answer": it is logged, and the next opening of the session, finding every case read, records it."""
        try:
            self.store.complete_session(self.record.reader_id, self.record.arm, self._wall())
        except sqlite3.Error as error:
            log.warning("Reader study: reader %s finished arm %s, but its end could not be recorded (%s); it is "
                        "recorded at the reader's next log-in", self.record.reader_id, self.record.arm, error)

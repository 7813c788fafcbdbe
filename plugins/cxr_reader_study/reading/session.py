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
from cxr_reader_study.reading.ai_findings import Finding
from cxr_reader_study.reading.answer import Answer, IncompleteRead
from cxr_reader_study.reading.rating_keys import KeyResult
from cxr_reader_study.reading.case_clock import CaseClock
from cxr_reader_study.reading.position import SessionPosition
from cxr_reader_study.storage.records import ReadRecord, SessionRecord
from cxr_reader_study.storage.store import ReadStore

__all__ = ["IncompleteRead", "PAUSED_HINT", "ReadingSession"]

log = logging.getLogger(__name__)

PAUSED_HINT = "Reading is paused; resume first."


class ReadingSession:
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

    # --- timing -------------------------------------------------------------------------------------------
    @property
    def image_on_screen(self) -> bool:
        """Whether :meth:`image_shown` was called for the answer being composed (a case that could not be
        decoded never is)."""
        return self._time.shown_at is not None

    def image_shown(self) -> None:
        """Call when the case's image is on screen: starts the clock for this display and logs the display, so
        that its time outlives a crash or log-out before the submit (earlier displays' time is added then)."""
        self._time.start((self.record.reader_id, self.record.arm, self.current_case.case_id, self.phase))

    def save_time(self) -> None:
        """Save the time spent on the case so far (the panel calls it at log-out; pauses, marks and ratings too)."""
        self._time.save()

    def pause(self, reason: str = "user") -> None:
        self._time.pause(reason)

    def resume(self, reason: str = "user") -> None:
        self._time.resume(reason)

    @property
    def paused(self) -> bool:
        return self._time.paused

    def paused_for(self, reason: str) -> bool:
        """Whether ``reason`` (``"user"`` or ``"focus"``) is one of the causes of the pause."""
        return self._time.paused_for(reason)

    def press_digit(self, digit: int) -> KeyResult:
        """A rating key; ignored with a hint while paused (the image is covered, so it cannot be judged)."""
        if self.paused:
            return KeyResult(None, PAUSED_HINT)
        result = self.answer.press_digit(digit)
        if result.rating is not None:
            self.save_time()
        return result

    def add_mark(self, x: float, y: float) -> int:
        """Adds a mark and notes the time to the first mark of this answer."""
        if self.paused:
            raise IncompleteRead(PAUSED_HINT)
        index = self.answer.add_mark(x, y)
        self._time.mark_placed()
        return index

    def move_mark(self, index: int, x: float, y: float) -> None:
        """Moves a mark (a drag) and selects it; refused while paused, like every other change to the answer."""
        if self.paused:
            raise IncompleteRead(PAUSED_HINT)
        self.answer.move_mark(index, x, y)
        self.answer.select_mark(index)

    def delete_selected_mark(self) -> str:
        """Removes the selected mark; while paused nothing changes and the hint comes back for the reader."""
        if self.paused:
            return PAUSED_HINT
        if self.answer.selected_mark is not None:
            self.answer.delete_mark(self.answer.selected_mark)
        return ""

    def backspace(self) -> str:
        """Backspace takes back the last digit of a 0–100 rating still being typed, so correcting a wrong digit
        never costs the mark and its place; with nothing being typed it removes the selected mark, as Delete does."""
        if self.paused:
            return PAUSED_HINT
        if not self.answer.keys.typing:
            return self.delete_selected_mark()
        self.answer.take_back_digit()
        self.save_time()  # a rating changed, as after a digit
        return ""

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

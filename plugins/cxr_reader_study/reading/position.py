"""Where a reader stands in a session: which case of the case order is next, and which read of it.

Derived from what the database holds rather than kept anywhere else, so a session opened again after a
log-out or a crash picks up exactly where the last commit left it: the first case without a final read, and,
in an aided-second-read arm, the final read of a case whose first (unaided) read is already committed. No
case is skipped or read twice.
"""

from __future__ import annotations

from cxr_reader_study.design.model import Arm, Case, Study
from cxr_reader_study.storage.records import ReadRecord, SessionRecord
from cxr_reader_study.storage.store import ReadStore


class SessionPosition:
    def __init__(self, study: Study, store: ReadStore, record: SessionRecord):
        self.study, self.record = study, record
        self.arm = Arm(record.arm)
        done = store.submitted_cases(record.reader_id, record.arm, "final")
        first_done = store.submitted_cases(record.reader_id, record.arm, "first")
        order = record.case_order
        self.index = next((i for i, case_id in enumerate(order) if case_id not in done), len(order))
        self.phase = "final"
        self.first_read: ReadRecord | None = None  # committed first read of the case: its final read shows it again
        if self.arm is Arm.AIDED_SECOND_READ and not self.finished:
            if order[self.index] not in first_done:
                self.phase = "first"
            else:
                self.first_read = store.read(record.reader_id, record.arm, order[self.index], "first")

    @property
    def finished(self) -> bool:
        return self.index >= len(self.record.case_order)

    @property
    def current_case(self) -> Case | None:
        return None if self.finished else self.study.case(self.record.case_order[self.index])

    @property
    def progress(self) -> tuple[int, int]:
        """(cases submitted, cases in the session), training cases included."""
        return self.index, len(self.record.case_order)

    @property
    def shows_ai(self) -> bool:
        return self.arm is Arm.AIDED or (self.arm is Arm.AIDED_SECOND_READ and self.phase == "final")

    def committed(self) -> None:
        """The read in progress is committed: a first read moves on to the same case's final read (with the
        AI), a final read to the next case (its first read in an aided-second-read arm)."""
        if self.phase == "first":
            self.phase = "final"
            return
        self.index += 1
        self.phase = "first" if self.arm is Arm.AIDED_SECOND_READ else "final"

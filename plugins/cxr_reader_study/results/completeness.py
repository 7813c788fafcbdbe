"""Which readers the analyses use: those who have given a final read of every scored case in every arm.

OR and DBM assume a fully crossed design. A reader with unread cases (a session not finished, an arm never
started, a reader who dropped out) used to enter every analysis with those cases rated lowest, so a reader
missing the aided arm brought an aided AUC of 0.5 and a specificity of 1 into Table 1 and the MRMC test and
could hide a real difference. Once two readers are complete, the analyses use the complete readers only and
the report names the others; before that, the report is a preview over all readers and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.results.scoring import study_reads
from cxr_reader_study.scheduling import cases_not_in_session
from cxr_reader_study.storage.store import ReadStore


@dataclass(frozen=True)
class Completeness:
    readers: tuple[str, ...]  # the study's readers, in study order
    expected: int  # final reads each reader owes: arms x scored cases
    missing: dict[str, int]  # per reader, final reads not given yet
    not_in_session: dict[str, tuple[str, ...]] = field(default_factory=dict)  # per reader, "arm case" the
    # reader's started session of that arm will never show (added to the case list after it started) and unread

    @property
    def total_missing(self) -> int:
        return sum(self.missing.values())

    @property
    def complete(self) -> tuple[str, ...]:
        return tuple(reader for reader in self.readers if not self.missing[reader])

    @property
    def analysed(self) -> tuple[str, ...]:
        """The complete readers once there are two (the fewest an MRMC analysis takes); until then all readers."""
        return self.complete if len(self.complete) >= 2 else self.readers

    def note(self, task: Task) -> str | None:
        """What the report must say about missing reads; None when every reader read everything."""
        if not self.total_missing:
            return None
        unreachable = sorted({entry for entries in self.not_in_session.values() for entry in entries})
        n_unreachable = sum(len(entries) for entries in self.not_in_session.values())
        reasons = (["unfinished sessions"] if self.total_missing > n_unreachable else []) + (
            ["cases added to the case list after sessions started"] if n_unreachable else [])
        head = f"{self.total_missing} reads are missing ({' and '.join(reasons)})"
        if n_unreachable:
            head += (f"; {n_unreachable} of them can never be read at the station, because a session keeps the "
                     f"cases drawn at its start ({', '.join(unreachable)}; see cxr-reader status)")
        if self.analysed == self.readers:
            lowest = "the lowest rating (a case without marks)" if task is Task.FROC else "the lowest rating"
            return (f"{head}; fewer than two readers have read every case in every arm, so this report is a "
                    f"preview over all readers in which a missing read counts as {lowest}: do not publish it.")
        left_out = ", ".join(f"{reader} ({self.missing[reader]} of {self.expected})"
                             for reader in self.readers if self.missing[reader])
        return (f"{head}: {left_out} is left out of Table 1, the curves and every analysis, which use the "
                f"{len(self.analysed)} readers who read every case in every arm "
                f"({', '.join(self.analysed)}); the timing table lists every read.")


def export_note(study: Study, store: ReadStore) -> str | None:
    """What an export must say about missing reads, None when there are none. The report leaves incomplete
    readers out; an exported file cannot: in a FROC file (long or JAFROC) a read never given looks exactly like a
    case read without marks, so another program, or ``cxr-reader analyze``, scores it silently as one."""
    state = completeness(study, store)
    if not state.total_missing:
        return None
    who = "; ".join(f"{reader}: {state.missing[reader]} of {state.expected}"
                    for reader in state.readers if state.missing[reader])
    taken = "a case read without marks" if study.task is Task.FROC else "a missing rating"
    return (f"{state.total_missing} final reads are missing ({who}): the file holds the reads given, and an "
            f"analysis of it takes each missing read as {taken}. The report analyses only the readers who read "
            "every case in every arm.")


def completeness(study: Study, store: ReadStore) -> Completeness:
    """Final reads given per reader, counted from the store (an FROC case read without marks is unrated too)."""
    arms = {arm.value for arm in study.arms}
    scored = {case.case_id for case in study.scored_cases}
    done: dict[str, set[tuple[str, str]]] = {reader.reader_id: set() for reader in study.readers}
    for read in study_reads(study, store):
        if read.phase == "final" and read.case_id in scored and read.arm in arms and read.reader_id in done:
            done[read.reader_id].add((read.arm, read.case_id))
    expected = len(arms) * len(scored)
    not_in_session: dict[str, tuple[str, ...]] = {}
    for record in store.sessions():  # cases added to the list after the session started, still unread
        if record.reader_id in done and record.arm in arms:
            not_in_session[record.reader_id] = not_in_session.get(record.reader_id, ()) + tuple(
                f"{record.arm} {case_id}" for case_id in cases_not_in_session(record, study)
                if (record.arm, case_id) not in done[record.reader_id])
    return Completeness(tuple(done), expected, {reader: expected - len(pairs) for reader, pairs in done.items()},
                        {reader: entries for reader, entries in not_in_session.items() if entries})

"""The scored reads of a study: answers of non-training cases in one phase, marks classified as LL or NL.

``phase="final"`` (the default) is the answer that counts in every arm; ``phase="first"`` is the unaided
answer that an ``aided-second-read`` arm stores before showing the AI (no other arm has one).

A read's reading time is its active time, except that the final answer of a second read carries first +
final: the whole effort the case cost, the definition of the report's timing table.

Both the CSV export and the in-memory data set start here, so they can never disagree about which reads
count or which mark hit which lesion.

A read whose case is no longer in the case list (a row removed after reading began, e.g. a case excluded on
review) is left out of every result rather than stopping the report: the database keeps it, and
:func:`removed_case_note` names such reads so the report and export say loudly what was left out. Refusing
would leave the coordinator only one way to a report, deleting reads from the database.

Reads of an arm no longer in the study file (an arm dropped from ``arms`` after reading began) are left out
the same way: the report and the iMRMC/JAFROC exports never had them, and the long CSV used to keep them, so a
statistician loading it analysed one more modality than the report did.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from cxr_reader_study.design.model import Study, Task
from cxr_reader_study.stats.marks import Lesion as StatsLesion, Mark, ScoredMark, classify_marks
from cxr_reader_study.storage.records import ReadRecord
from cxr_reader_study.storage.store import ReadStore

PHASES = ("final", "first")


@dataclass(frozen=True)
class ScoredRead:
    read: ReadRecord
    truth: int  # 1 abnormal, 0 normal
    marks: tuple[ScoredMark, ...]  # empty in ROC studies
    reading_ms: int  # pauses excluded; for the final answer of a second read, first + final

    @property
    def case_rating(self) -> float | None:
        """The ROC rating: the case rating, or in FROC the highest mark (None when unmarked)."""
        if self.read.rating is not None:
            return self.read.rating
        return max((m.rating for m in self.marks), default=None)


def study_reads(study: Study, store: ReadStore, reader_id: str | None = None) -> list[ReadRecord]:
    """The stored reads (optionally one reader's) whose case is still in the case list."""
    return [read for read in store.reads(reader_id) if study.has_case(read.case_id)]


def removed_case_note(study: Study, store: ReadStore) -> str | None:
    """Names the scored reads left out because their case is gone from the case list; None when there are none."""
    readers = {reader.reader_id for reader in study.readers}
    left_out: dict[str, set[str]] = defaultdict(set)
    count = 0
    for read in store.reads():
        if not study.has_case(read.case_id) and not read.training and read.reader_id in readers and read.phase == "final":
            left_out[read.case_id].add(f"{read.reader_id} {read.arm}")
            count += 1
    if not left_out:
        return None
    named = "; ".join(f"{case_id} ({', '.join(sorted(who))})" for case_id, who in sorted(left_out.items()))
    return (f"{count} read(s) of {len(left_out)} case(s) no longer in the case list were left out of every result: "
            f"{named}. The database keeps them; put the case rows back in the case list to count them again.")


def scored_reads(study: Study, store: ReadStore, acceptance_radius_factor: float = 1.0,
                 phase: str = "final") -> list[ScoredRead]:
    """Every scored read of the study's readers in ``phase``, in submission order."""
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}; choose one of {', '.join(PHASES)}")
    readers = {r.reader_id for r in study.readers}
    arms = {arm.value for arm in study.arms}
    reads = study_reads(study, store)
    first_ms = {(r.reader_id, r.arm, r.case_id): r.active_ms for r in reads if r.phase == "first"}
    scored = []
    for read in reads:
        if read.phase != phase or read.training or read.reader_id not in readers or read.arm not in arms:
            continue
        case = study.case(read.case_id)
        marks: tuple[ScoredMark, ...] = ()
        if study.task is Task.FROC:
            lesions = [StatsLesion(case.case_id, l.lesion_id, l.x, l.y, l.radius_px) for l in case.lesions]
            clicks = [Mark(case.case_id, m.x, m.y, m.rating) for m in read.marks]
            marks = tuple(classify_marks(clicks, lesions, acceptance_radius_factor))
        before = first_ms.get((read.reader_id, read.arm, read.case_id), 0) if phase == "final" else 0
        scored.append(ScoredRead(read, int(case.truth.value == "abnormal"), marks, before + read.active_ms))
    return scored

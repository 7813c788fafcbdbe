"""Which session a reader opens on log-in, with the washout between arms enforced.

A reader resumes an unfinished session; otherwise starts the next arm of their plan, but only once
``washout_days`` have passed since they finished the previous arm (so memory of the cases fades). Only the
study coordinator can let a reader start earlier (``cxr-reader override-washout``, :func:`grant_override`),
with a recorded reason; the session started under it is marked ``washout_override`` so the analysis and the
report can show it. The reading station offers readers no way round the washout.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from cxr_reader_study.design.model import Study
from cxr_reader_study.design.plan import SessionPlan, reader_plan
from cxr_reader_study.storage.records import SessionRecord, WashoutOverride
from cxr_reader_study.storage.store import ReadStore


class WashoutNotOver(RuntimeError):
    """The reader finished the previous arm too recently; the message says when they may continue."""


class OverrideRefused(ValueError):
    """``grant_override`` found nothing to override (or no reason); the message says why."""


@dataclass(frozen=True)
class Washout:
    """The reader's next arm and the washout before it, measured from the last arm they finished."""

    plan: SessionPlan
    previous: SessionRecord
    days: float
    ready_at: datetime

    def message(self, reader_id: str) -> str:
        return (f"Reader {reader_id} finished arm '{self.previous.arm}' on {when(self.previous.completed_at)}; "
                f"arm '{self.plan.arm.value}' opens after the {self.days:g}-day washout, on {when(self.ready_at)}.")


def when(moment: datetime) -> str:
    """Date and time with the zone's name when it has one (the station stores UTC)."""
    return f"{moment:%Y-%m-%d %H:%M} {moment:%Z}".strip()


def _next(study: Study, store: ReadStore, reader_id: str) -> tuple[list[SessionRecord], SessionPlan | None]:
    """The reader's stored sessions and the first planned arm not started (None when all are)."""
    plans = reader_plan(study, reader_id)
    stored = {plan.arm: store.session(reader_id, plan.arm.value) for plan in plans}
    return [r for r in stored.values() if r is not None], next((p for p in plans if stored[p.arm] is None), None)


def washout(study: Study, store: ReadStore, reader_id: str) -> Washout | None:
    """The washout before the reader's next arm, or None when no arm waits on one (a session in progress, every
    arm read, or no arm finished yet). The stored sessions decide, not the plan's order: adding or reordering
    readers in the study file can flip the arm order of a reader who has already read, and the washout still
    runs from the last arm they finished."""
    return _washout(study, *_next(study, store, reader_id))


def _washout(study: Study, started: list[SessionRecord], plan: SessionPlan | None) -> Washout | None:
    if plan is None or not started or any(record.completed_at is None for record in started):
        return None
    previous = max(started, key=lambda record: record.completed_at)
    return Washout(plan, previous, study.washout_days, previous.completed_at + timedelta(days=study.washout_days))


def open_session(study: Study, store: ReadStore, reader_id: str, now: datetime) -> SessionRecord | None:
    """The session to read now (resumed or newly started), or None when the reader has finished every arm.
    Raises :class:`WashoutNotOver` during the washout unless the coordinator recorded an override for that arm."""
    started, plan = _next(study, store, reader_id)
    unfinished = [record for record in started if record.completed_at is None]
    if unfinished:
        return without_removed_cases(unfinished[0], study)
    if plan is None:
        return None
    wait = _washout(study, started, plan)
    washout_needed = wait is not None and now < wait.ready_at
    overridden = any(o.arm == plan.arm.value for o in store.washout_overrides(reader_id))
    if washout_needed and not overridden:
        raise WashoutNotOver(wait.message(reader_id))
    record = SessionRecord(reader_id, plan.arm.value, len(started), plan.seed, plan.case_order,
                           now, None, washout_needed)
    return store.add_session(record)


def grant_override(study: Study, store: ReadStore, reader_id: str, reason: str, granted_by: str,
                   now: datetime) -> tuple[WashoutOverride, Washout]:
    """Record that ``reader_id`` may start their next arm before the washout ends. Refused, with the reason,
    for an unknown reader, a blank reason, a reader with no arm waiting on a washout (or whose washout is
    over) and an arm already overridden (the first recorded reason stands)."""
    if reader_id not in {reader.reader_id for reader in study.readers}:
        raise OverrideRefused(f"unknown reader {reader_id!r}; the study's readers are "
                              f"{', '.join(r.reader_id for r in study.readers)}")
    if not reason.strip():
        raise OverrideRefused("give the reason for the override (--reason TEXT); it is recorded with it")
    wait = washout(study, store, reader_id)
    if wait is None:
        raise OverrideRefused(f"reader {reader_id} has no arm waiting on a washout (not started, in the middle of "
                              "a session, or finished every arm); see cxr-reader status")
    if now >= wait.ready_at:
        raise OverrideRefused(f"the washout of reader {reader_id} ended on {when(wait.ready_at)}: "
                              f"arm '{wait.plan.arm.value}' is open, nothing to override")
    record = WashoutOverride(reader_id, wait.plan.arm.value, now, granted_by, reason.strip())
    try:
        store.add_washout_override(record)
    except sqlite3.IntegrityError:
        earlier = next(o for o in store.washout_overrides(reader_id) if o.arm == record.arm)
        raise OverrideRefused(f"the washout of reader {reader_id} before arm '{record.arm}' was already overridden "
                              f"by {earlier.granted_by} on {when(earlier.granted_at)}: {earlier.reason}") from None
    return record, wait


def without_removed_cases(record: SessionRecord, study: Study) -> SessionRecord:
    """A resumed session skips cases taken out of the case list since it started (excluded on review): they are
    left out of every result, so reading them would cost the reader time for nothing, and showing one would
    fail. The stored row keeps the order as it was drawn. ``cxr-reader status`` counts a session's cases
    through this too, so it says "x/39" where the station says "of 39"."""
    return replace(record, case_order=tuple(case_id for case_id in record.case_order if study.has_case(case_id)))


def cases_not_in_session(record: SessionRecord, study: Study) -> tuple[str, ...]:
    """Scored cases of the case list that the session will never show: rows added after it started (its case
    order was drawn, and is kept, at its start). The reader owes them a read the station cannot take, so
    ``status`` and the report name them rather than count the reader as merely unfinished."""
    drawn = set(record.case_order)
    return tuple(case.case_id for case in study.scored_cases if case.case_id not in drawn)

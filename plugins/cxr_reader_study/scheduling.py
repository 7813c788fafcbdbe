"""Which session a reader opens on log-in, with the washout between arms enforced.

A reader resumes an unfinished session; otherwise starts the next arm of their plan, but only once
``washout_days`` have passed since they finished the previous arm (so memory of the cases fades). The
override exists for testing and pilots; it is written into the session row so the analysis can see it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from cxr_reader_study.design.model import Study
from cxr_reader_study.design.plan import reader_plan
from cxr_reader_study.storage.records import SessionRecord
from cxr_reader_study.storage.store import ReadStore


class WashoutNotOver(RuntimeError):
    """The reader finished the previous arm too recently; the message says when they may continue."""


def open_session(
    study: Study, store: ReadStore, reader_id: str, now: datetime, override_washout: bool = False
) -> SessionRecord | None:
    """The session to read now (resumed or newly started), or None when the reader has finished every arm.

    The stored sessions decide, not the plan's order: adding or reordering readers in the study file can flip
    the arm order of a reader who has already read, and the washout still runs from the last arm they finished
    (a plan-order walk offered such a reader the other arm at once, with no washout and no override recorded)."""
    plans = reader_plan(study, reader_id)
    stored = {plan.arm: store.session(reader_id, plan.arm.value) for plan in plans}
    started = [record for record in stored.values() if record is not None]
    unfinished = [record for record in started if record.completed_at is None]
    if unfinished:
        return without_removed_cases(unfinished[0], study)
    plan = next((plan for plan in plans if stored[plan.arm] is None), None)
    if plan is None:
        return None
    previous = max(started, key=lambda record: record.completed_at, default=None)
    washout_needed = False
    if previous is not None:
        ready_at = previous.completed_at + timedelta(days=study.washout_days)
        washout_needed = now < ready_at
        if washout_needed and not override_washout:
            raise WashoutNotOver(
                f"Reader {reader_id} finished arm '{previous.arm}' on {previous.completed_at:%Y-%m-%d %H:%M}; "
                f"arm '{plan.arm.value}' opens after the {study.washout_days:g}-day washout, "
                f"on {ready_at:%Y-%m-%d %H:%M}."
            )
    record = SessionRecord(reader_id, plan.arm.value, len(started), plan.seed, plan.case_order,
                           now, None, washout_needed)
    return store.add_session(record)


def without_removed_cases(record: SessionRecord, study: Study) -> SessionRecord:
    """A resumed session skips cases taken out of the case list since it started (excluded on review): they are
    left out of every result, so reading them would cost the reader time for nothing, and showing one would
    fail. The stored row keeps the order as it was drawn. ``cxr-reader status`` counts a session's cases
    through this too, so it says "x/39" where the station says "of 39"."""
    return replace(record, case_order=tuple(case_id for case_id in record.case_order if study.has_case(case_id)))

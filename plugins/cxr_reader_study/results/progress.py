"""Where each reader stands, for the study coordinator: sessions, reads done, washout dates and overrides."""

from __future__ import annotations

from datetime import timedelta

from cxr_reader_study.design.model import Study
from cxr_reader_study.design.plan import reader_plan
from cxr_reader_study.scheduling import without_removed_cases
from cxr_reader_study.storage.store import ReadStore


def progress_lines(study: Study, store: ReadStore) -> list[str]:
    """One line per reader and one per session. Reads are counted against the session's cases still in the case
    list, the same rule the reading station applies on resume (:func:`without_removed_cases`)."""
    lines = []
    for reader in study.readers:
        lines.append(f"{reader.reader_id} ({reader.group})")
        previous_done = None
        for plan in reader_plan(study, reader.reader_id):
            stored = store.session(reader.reader_id, plan.arm.value)
            label = f"  {plan.session_index + 1}. {plan.arm.value}:"
            if stored is None:
                opens = (f", opens {previous_done + timedelta(days=study.washout_days):%Y-%m-%d}"
                         if previous_done else "")
                lines.append(f"{label} not started{opens}")
                previous_done = None
                continue
            case_order = without_removed_cases(stored, study).case_order
            done = len(store.submitted_cases(reader.reader_id, plan.arm.value) & set(case_order))
            state = f"finished {stored.completed_at:%Y-%m-%d %H:%M}" if stored.completed_at else "in progress"
            override = ", washout overridden" if stored.washout_override else ""
            lines.append(f"{label} {done}/{len(case_order)} read, {state}{override}")
            previous_done = stored.completed_at
    return lines

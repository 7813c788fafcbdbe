"""Where each reader stands, for the study coordinator: sessions, reads done, washout dates and overrides."""

from __future__ import annotations

from datetime import timedelta

from cxr_reader_study.design.model import Study
from cxr_reader_study.design.plan import reader_plan
from cxr_reader_study.results.overrides import NO_REASON, override_text
from cxr_reader_study.scheduling import cases_not_in_session, when, without_removed_cases
from cxr_reader_study.storage.store import ReadStore


def progress_lines(study: Study, store: ReadStore) -> list[str]:
    """One line per reader and one per session: the stored sessions in the order they were read, then the arms
    not started (as the reading station opens them: after the washout from the last arm finished). Reads are
    counted against the session's cases still in the case list, the rule the reading station applies on
    resume (:func:`without_removed_cases`)."""
    lines = []
    for reader in study.readers:
        lines.append(f"{reader.reader_id} ({reader.group})")
        plans = reader_plan(study, reader.reader_id)
        stored = [record for plan in plans if (record := store.session(reader.reader_id, plan.arm.value))]
        overrides = {o.arm: override_text(o) for o in store.washout_overrides(reader.reader_id)}
        for number, record in enumerate(sorted(stored, key=lambda r: r.session_index), start=1):
            case_order = without_removed_cases(record, study).case_order
            done = len(store.submitted_cases(reader.reader_id, record.arm) & set(case_order))
            state = f"finished {when(record.completed_at)}" if record.completed_at else "in progress"
            override = (f", {overrides.get(record.arm, 'washout overridden: ' + NO_REASON)}"
                        if record.washout_override else "")
            lines.append(f"  {number}. {record.arm}: {done}/{len(case_order)} read, {state}{override}")
            added = cases_not_in_session(record, study)
            if added:
                lines.append(f"     not in this session (added to the case list after it started, so never shown "
                             f"to {reader.reader_id} in it): {', '.join(added)}")
        finished = [record.completed_at for record in stored if record.completed_at]
        in_progress = len(finished) < len(stored)
        for number, plan in enumerate((p for p in plans if p.arm.value not in {r.arm for r in stored}),
                                      start=len(stored) + 1):
            opens = ("" if in_progress or not finished or number > len(stored) + 1 else
                     f", opens {max(finished) + timedelta(days=study.washout_days):%Y-%m-%d}")
            granted = f"; {overrides[plan.arm.value]} (may start now)" if plan.arm.value in overrides else ""
            lines.append(f"  {number}. {plan.arm.value}: not started{opens}{granted}")
    return lines

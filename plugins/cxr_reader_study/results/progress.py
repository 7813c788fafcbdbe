"""Where each reader stands, for the study coordinator: sessions, reads done, washout dates and overrides."""

from __future__ import annotations

from cxr_reader_study.design.model import Study
from cxr_reader_study.design.plan import reader_plan
from cxr_reader_study.results.completeness import completeness
from cxr_reader_study.results.overrides import NO_REASON, override_text
from cxr_reader_study.scheduling import cases_not_in_session, washout, when, without_removed_cases
from cxr_reader_study.storage.records import SessionRecord
from cxr_reader_study.storage.store import ReadStore


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _session_counts(study: Study, store: ReadStore, record: SessionRecord) -> str:
    """Study (scored) reads and training reads apart: "1/9 read" for a session whose only read was its training
    case looked like a scored read, while the report counted none. Only cases still in the case list count, the
    rule the reading station applies on resume (:func:`without_removed_cases`)."""
    case_order = without_removed_cases(record, study).case_order
    training = {case.case_id for case in study.training_cases}
    submitted = store.submitted_cases(record.reader_id, record.arm)
    scored = [case for case in case_order if case not in training]
    trained = [case for case in case_order if case in training]
    text = f"{len(submitted & set(scored))} of {len(scored)} study reads done"
    if trained:
        text += f", {len(submitted & set(trained))} of {_plural(len(trained), 'training case')} read"
    return text


def progress_lines(study: Study, store: ReadStore) -> list[str]:
    """One line per reader (final study reads done over those owed, counted as the report counts its missing
    reads), then one per session: the stored sessions in the order they were read, then the arms not started
    (as the reading station opens them: after the washout from the last arm finished, at the time the log-in
    page gives, in UTC)."""
    lines = []
    state = completeness(study, store)
    for reader in study.readers:
        rid = reader.reader_id
        lines.append(f"{rid} ({reader.group}): {state.expected - state.missing[rid]} of {state.expected} study "
                     f"reads done ({_plural(len(study.scored_cases), 'study case')} in each of "
                     f"{_plural(len(study.arms), 'arm')}; training cases not counted)")
        plans = reader_plan(study, rid)
        stored = [record for plan in plans if (record := store.session(rid, plan.arm.value))]
        overrides = {o.arm: override_text(o) for o in store.washout_overrides(rid)}
        for number, record in enumerate(sorted(stored, key=lambda r: r.session_index), start=1):
            state_text = f"finished {when(record.completed_at)}" if record.completed_at else "in progress"
            override = (f", {overrides.get(record.arm, 'washout overridden: ' + NO_REASON)}"
                        if record.washout_override else "")
            lines.append(f"  {number}. {record.arm}: {_session_counts(study, store, record)}, {state_text}{override}")
            added = cases_not_in_session(record, study)
            if added:
                lines.append(f"     not in this session (added to the case list after it started, so never shown "
                             f"to {rid} in it): {', '.join(added)}")
        wait = washout(study, store, rid)
        for number, plan in enumerate((p for p in plans if p.arm.value not in {r.arm for r in stored}),
                                      start=len(stored) + 1):
            opens = f", opens {when(wait.ready_at)}" if wait is not None and wait.plan == plan else ""
            granted = f"; {overrides[plan.arm.value]} (may start now)" if plan.arm.value in overrides else ""
            lines.append(f"  {number}. {plan.arm.value}: not started{opens}{granted}")
    return lines

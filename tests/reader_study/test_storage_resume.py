"""Reads survive a restart; the session resumes at the next unread case in the same order; washout holds."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from cxr_reader_study.design.model import Arm
from cxr_reader_study.reading.ai_findings import load_findings
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.scheduling import WashoutNotOver, grant_override, open_session
from cxr_reader_study.simulate import main as simulate
from cxr_reader_study.storage.store import DuplicateRead, ReadStore

START = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)


def _read(session: ReadingSession, count: int) -> list[str]:
    done = []
    for _ in range(count):
        session.image_shown()
        session.answer.press_digit(3)
        done.append(session.submit().case_id)
    return done


def test_resume_after_reopen_continues_same_order(roc_study, tmp_path):
    path = tmp_path / "reads.sqlite"
    store = ReadStore(path)
    record = open_session(roc_study, store, "R2", START)
    first_half = _read(ReadingSession(roc_study, store, record, {}, wall=lambda: START), 4)
    store.close()

    reopened = ReadStore(path)
    assert reopened.pragma("journal_mode") == "wal"
    assert reopened.pragma("synchronous") == 2  # FULL
    again = open_session(roc_study, reopened, "R2", START + timedelta(hours=1))
    assert again == record  # same session, seed and order: not a new shuffle
    session = ReadingSession(roc_study, reopened, again, {}, wall=lambda: START)
    assert session.progress == (4, 9) and session.current_case.case_id == record.case_order[4]
    second_half = _read(session, 5)
    assert first_half + second_half == list(record.case_order) and session.finished
    assert reopened.session("R2", record.arm).completed_at is not None


def test_duplicate_submit_is_refused(roc_study, tmp_path):
    store = ReadStore(tmp_path / "reads.sqlite")
    record = open_session(roc_study, store, "R1", START)
    session = ReadingSession(roc_study, store, record, {}, wall=lambda: START)
    session.image_shown()
    session.answer.press_digit(5)
    read = session.submit()
    with pytest.raises(DuplicateRead):
        store.save_read(read)
    assert len(store.reads()) == 1


def test_washout_enforced_and_override_recorded(roc_study, tmp_path):
    study = replace(roc_study, washout_days=28)
    store = ReadStore(tmp_path / "reads.sqlite")
    record = open_session(study, store, "R1", START)
    _read(ReadingSession(study, store, record, {}, wall=lambda: START), 9)
    with pytest.raises(WashoutNotOver, match="opens after the 28-day washout, on 2026-01-29"):
        open_session(study, store, "R1", START + timedelta(days=27))
    grant_override(study, store, "R1", "leaves the hospital", "coordinator", START + timedelta(days=1))
    early = open_session(study, store, "R1", START + timedelta(days=1))
    assert early.washout_override and early.arm != record.arm
    other = open_session(study, store, "R3", START)  # another reader is unaffected, starts the other arm
    assert not other.washout_override and other.arm == Arm.AIDED.value


def test_second_read_resumes_with_first_answer(roc_study, tmp_path):
    study = replace(roc_study, arms=(Arm.AIDED_SECOND_READ, Arm.UNAIDED))
    path = tmp_path / "reads.sqlite"
    store = ReadStore(path)
    record = open_session(study, store, "R1", START)
    session = ReadingSession(study, store, record, load_findings(study), wall=lambda: START)
    session.image_shown()
    session.answer.press_digit(2)
    session.submit()  # first (unaided) answer committed, then the "crash"
    store.close()
    store = ReadStore(path)
    resumed = ReadingSession(study, store, open_session(study, store, "R1", START), load_findings(study))
    assert resumed.phase == "final" and resumed.answer.rating == 2.0 and resumed.shows_ai
    assert resumed.current_case.case_id == record.case_order[0]


def test_one_readers_washout_does_not_stop_the_other_simulated_readers(roc_study_file, roc_study, capsys):
    assert simulate([str(roc_study_file)]) == 3  # every reader reads one arm, then waits for the washout
    assert capsys.readouterr().err.count("washout") == 4
    reads = ReadStore(roc_study.database).reads()
    assert {r.reader_id for r in reads} == {"R1", "R2", "R3", "R4"}
    assert len({(r.reader_id, r.arm) for r in reads}) == 4


def test_two_stations_starting_the_same_session_at_once_share_the_first_row(roc_study, tmp_path):
    """The second INSERT of the same (reader, arm) raised an IntegrityError at the slower station."""
    first, second = ReadStore(tmp_path / "reads.sqlite"), ReadStore(tmp_path / "reads.sqlite")
    record = open_session(roc_study, first, "R1", START)
    late = replace(record, started_at=START + timedelta(seconds=1))
    assert second.add_session(late) == record  # the first row stands


def test_simulated_readers_keep_one_clock_for_sessions_reads_and_overrides(roc_study_file, roc_study):
    """Each simulated reader's second arm starts, and its washout override is granted, after its first arm's last
    read; every read falls inside its session (the sessions and overrides once took the real clock, the reads a
    simulated one, so an override appeared granted before the arm it followed had finished)."""
    assert simulate([str(roc_study_file), "--override-washout"]) == 0
    store = ReadStore(roc_study.database)
    for reader in ("R1", "R2", "R3", "R4"):
        sessions = sorted((s for s in store.sessions() if s.reader_id == reader), key=lambda s: s.session_index)
        assert len(sessions) == 2
        for session in sessions:
            times = [r.submitted_at for r in store.reads(reader) if r.arm == session.arm]
            assert session.started_at <= min(times) and max(times) <= session.completed_at
        (override,) = store.washout_overrides(reader)
        assert sessions[0].completed_at <= override.granted_at <= sessions[1].started_at

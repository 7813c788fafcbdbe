"""Writes around the reads failing (a full disk, a database locked past the busy timeout).

The last read of a session is committed, then the session's end is recorded: a failure of that second write
reached the reading panel as "Could not save this answer … press Enter to retry" although the answer was saved,
and Enter then did nothing. The answer stands, the failure is logged, and the next log-in records the end (the
washout runs from it). Starting a session (its row) failing escaped the log-in as a bare sqlite3 error.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.scheduling import open_session
from cxr_reader_study.storage.store import ReadStore

START = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
REFUSE_END = ("CREATE TRIGGER refuse_end BEFORE UPDATE OF completed_at ON sessions "
              "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")


def test_a_session_end_that_cannot_be_recorded_keeps_the_last_answer_and_is_recorded_later(roc_study, caplog):
    store = ReadStore(roc_study.database)
    session = ReadingSession(roc_study, store, open_session(roc_study, store, "R1", START), {}, wall=lambda: START)
    with sqlite3.connect(roc_study.database) as other:  # the database itself refuses the session's end
        other.execute(REFUSE_END)
    while not session.finished:
        session.image_shown()
        session.press_digit(4)
        last = session.submit()  # the last one raised sqlite3.IntegrityError after its commit
    assert store.read("R1", session.arm.value, last.case_id, "final") == last
    assert store.session("R1", session.arm.value).completed_at is None
    assert "its end could not be recorded" in caplog.text

    with sqlite3.connect(roc_study.database) as other:
        other.execute("DROP TRIGGER refuse_end")
    again = ReadingSession(roc_study, store, open_session(roc_study, store, "R1", START), {}, wall=lambda: START)
    assert again.finished and store.session("R1", session.arm.value).completed_at == START


def test_a_session_that_cannot_be_started_is_refused_on_the_log_in_page(roc_study):
    """Starting a session writes its row; a failure there escaped the station as a bare sqlite3 error (the log-in
    button then did nothing visible)."""
    from cxr_reader_study.reading.station import ReadingStation

    ReadStore(roc_study.database).close()
    with sqlite3.connect(roc_study.database) as other:
        other.execute("CREATE TRIGGER refuse_start BEFORE INSERT ON sessions "
                      "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    station = ReadingStation(roc_study, lambda: 0.0, lambda: START)
    said = station.log_in("R1")
    assert said.startswith("Cannot start: the study database could not be written (database or disk is full)")
    assert station.session is None and not station.answering
    with sqlite3.connect(roc_study.database) as other:
        other.execute("DROP TRIGGER refuse_start")
    assert station.log_in("R1") == "" and station.session.current_case is not None

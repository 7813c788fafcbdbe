"""Every figure of a read resumed after a log-out or crash counts all its displays.

A read's time and time to first mark added the earlier displays' saved time, but its ``pause_count`` was the
last display's only (the display log kept no pauses), so the reads export and the timing table under-counted
the pauses of exactly the reads that were interrupted; and a mark placed before the interruption was lost
from the time to first mark, which was timed from the mark placed again after it.
"""

from __future__ import annotations

import csv
from datetime import datetime, timezone
from pathlib import Path

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.session import IncompleteRead, ReadingSession
from cxr_reader_study.results.timing import timing_header, timing_rows
from cxr_reader_study.scheduling import open_session
from cxr_reader_study.storage.store import ReadStore

NOW = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)


def _log_in(study, store: ReadStore, now: list[float]) -> ReadingSession:
    """A reader logs in (again): a new session object on the same database, the case put on screen."""
    session = ReadingSession(study, store, open_session(study, store, "R1", NOW), {}, lambda: now[0], lambda: NOW)
    session.image_shown()
    return session


def _pause(session: ReadingSession, now: list[float], reason: str) -> None:
    """Read 10 s, then away (paused) for 60 s, then back."""
    now[0] += 10.0
    session.pause(reason)
    now[0] += 60.0
    session.resume(reason)


def _submit_normal(session: ReadingSession):
    """Enter on an unmarked FROC case only warns; the second Enter submits it as normal."""
    with pytest.raises(IncompleteRead, match="Press Enter again"):
        session.submit()
    return session.submit()


def _read_rows(study_file: Path, out: Path) -> list[dict[str, str]]:
    assert main(["export", str(study_file), "--format", "reads", "--out", str(out)]) == 0
    with out.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_read_with_pauses_in_two_displays_exports_their_total(roc_study_file, tmp_path):
    study = load_study(roc_study_file)
    store, now = ReadStore(study.database), [0.0]
    session = _log_in(study, store, now)
    session.press_digit(3)
    session.submit()  # the training case
    session.image_shown()
    case = session.current_case.case_id
    _pause(session, now, "user")
    _pause(session, now, "focus")
    session.save_time()  # the log-out
    session = _log_in(study, store, now)
    _pause(session, now, "user")
    session.press_digit(4)
    read = session.submit()
    assert (read.case_id, read.displays, read.active_ms, read.pause_count) == (case, 2, 30_000, 3)
    assert store.read("R1", read.arm, case, "final").pause_count == 3  # as stored

    (row,) = _read_rows(roc_study_file, tmp_path / "reads.csv")
    assert (row["case"], row["displays"], row["reading_time_s"], row["pauses"]) == (case, "2", "30.000", "3")
    header, (table_row, *_) = timing_header(study), timing_rows(study, store)
    assert dict(zip(header, table_row))["pauses"] == 3


def test_a_mark_placed_before_a_log_out_is_the_reads_first_mark(froc_study_file):
    study = load_study(froc_study_file)
    store, now = ReadStore(study.database), [0.0]
    session = _log_in(study, store, now)
    _submit_normal(session)  # the training case
    session.image_shown()
    now[0] += 5.0
    session.add_mark(40, 50)  # lost with the answer at the log-out, but placed 5 s in
    now[0] += 15.0
    session.save_time()
    session = _log_in(study, store, now)
    now[0] += 3.0
    session.add_mark(42, 51)
    session.press_digit(4)
    read = session.submit()
    assert (read.displays, read.active_ms, read.first_mark_ms) == (2, 23_000, 5_000)


def test_an_froc_read_answered_normal_after_deleting_its_marks_keeps_its_time_to_first_mark(froc_study_file,
                                                                                            tmp_path):
    """The rule in docs/reader-study.md: the time to the first mark placed, kept or not, so a reader who marked
    and took it back differs from one who never marked (``n_marks`` 0 in both)."""
    study = load_study(froc_study_file)
    store, now = ReadStore(study.database), [0.0]
    session = _log_in(study, store, now)
    _submit_normal(session)  # the training case
    session.image_shown()
    now[0] += 2.0
    session.add_mark(40, 50)
    now[0] += 1.0
    session.delete_selected_mark()
    read = _submit_normal(session)
    assert (read.marks, read.first_mark_ms) == ((), 2_000)
    (row,) = _read_rows(froc_study_file, tmp_path / "reads.csv")
    assert (row["n_marks"], row["rating"], row["first_mark_s"], row["reading_time_s"]) == ("0", "", "2.000", "3.000")

"""``cxr-reader status`` against a real SQLite store: its counts and its washout time.

It said "R3 1/9 read, in progress" for a reader whose only read was the training case, while the report said
all 16 of R3's study reads were missing; and "opens 2027-01-04" where the station's log-in page said
"18:22 UTC", so a reader sent back that morning was refused."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.results.completeness import completeness
from cxr_reader_study.scheduling import WashoutNotOver, open_session
from cxr_reader_study.storage.store import ReadStore

START = datetime(2026, 12, 7, 18, 22, tzinfo=timezone.utc)


def _read(study, store, record, count: int | None = None) -> None:
    """Submit ``count`` reads (all when None) at the station, its clock at START."""
    session = ReadingSession(study, store, record, {}, wall=lambda: START)
    while not session.finished and (count is None or count > 0):
        session.image_shown()
        session.press_digit(3)
        session.submit()
        count = None if count is None else count - 1


def _status(study_file, capsys) -> list[str]:
    assert main(["status", str(study_file)]) == 0
    return capsys.readouterr().out.splitlines()


def test_a_training_read_is_not_counted_as_a_study_read(roc_study_file, capsys):
    study = load_study(roc_study_file)
    store = ReadStore(study.database)
    record = open_session(study, store, "R1", START)
    assert study.case(record.case_order[0]).training  # training cases come first
    _read(study, store, record, 1)
    state = completeness(study, store)
    store.close()
    assert state.missing["R1"] == state.expected == 16  # the report: all 16 study reads missing

    lines = _status(roc_study_file, capsys)
    assert lines[0] == ("R1 (radiologist): 0 of 16 study reads done (8 study cases in each of 2 arms; "
                        "training cases not counted)")
    assert lines[1] == "  1. unaided: 0 of 8 study reads done, 1 of 1 training case read, in progress"


def test_status_gives_the_washout_time_the_station_gives(roc_study_file, capsys):
    study = load_study(roc_study_file)
    store = ReadStore(study.database)
    _read(study, store, open_session(study, store, "R1", START))
    with pytest.raises(WashoutNotOver) as refused:  # what the log-in page says
        open_session(study, store, "R1", START)
    store.close()
    assert "opens after the 28-day washout, on 2027-01-04 18:22 UTC." in str(refused.value)

    lines = _status(roc_study_file, capsys)
    assert lines[1] == "  1. unaided: 8 of 8 study reads done, 1 of 1 training case read, finished 2026-12-07 18:22 UTC"
    assert lines[2] == "  2. aided: not started, opens 2027-01-04 18:22 UTC"
    assert lines[3].startswith("R2 (non-radiologist): 0 of 16 study reads done")

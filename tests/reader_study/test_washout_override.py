"""Only the study coordinator overrides the washout, with a recorded reason.

Before, the reader's log-in page had an "Override washout" box that any reader could tick, and nothing said
who let them through or why. Now ``cxr-reader override-washout STUDY READER --reason TEXT`` commits who, when
and why to the study database (real SQLite, a separate process), the reader's next log-in opens the arm, and
status, export and report show the override with its reason.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.scheduling import WashoutNotOver, open_session
from cxr_reader_study.storage.records import SessionRecord
from cxr_reader_study.storage.store import ReadStore

REASON = "R1 leaves the hospital on Friday; approved by the PI"


def finish_first_arm(study_file, reader: str = "R1") -> str:
    """The reader reads every case of their first arm now (the real clock, as the station and CLI use)."""
    study = load_study(study_file)
    store = ReadStore(study.database)
    record = open_session(study, store, reader, datetime.now(timezone.utc))
    session = ReadingSession(study, store, record, {})
    while not session.finished:
        session.image_shown()
        session.press_digit(4)
        session.submit()
    store.close()
    return record.arm


def override_in_another_process(study_file, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cxr_reader_study", "override-washout", str(study_file), *args],
                          capture_output=True, text=True, timeout=120)


def test_coordinator_override_is_recorded_and_opens_the_next_arm(roc_study_file, tmp_path, capsys):
    first_arm = finish_first_arm(roc_study_file)
    study = load_study(roc_study_file)
    with pytest.raises(WashoutNotOver, match="opens after the 28-day washout"):
        open_session(study, ReadStore(study.database), "R1", datetime.now(timezone.utc))

    before = datetime.now(timezone.utc)
    done = override_in_another_process(roc_study_file, "R1", "--reason", REASON, "--by", "Dr Coordinator")
    assert done.returncode == 0, done.stderr
    assert "reader R1 may start arm 'aided' at the next log-in" in done.stdout and REASON in done.stdout

    store = ReadStore(study.database)  # committed by the other process, read back here
    (override,) = store.washout_overrides()
    assert (override.reader_id, override.arm, override.granted_by, override.reason) == ("R1", "aided",
                                                                                     "Dr Coordinator", REASON)
    assert before - timedelta(seconds=1) <= override.granted_at <= datetime.now(timezone.utc)
    assert store.pragma("journal_mode") == "wal" and store.pragma("synchronous") == 2  # the rules of reads

    again = override_in_another_process(roc_study_file, "R1", "--reason", "typo")
    assert again.returncode == 2 and "already overridden by Dr Coordinator" in again.stderr  # first reason stands
    assert [o.reason for o in store.washout_overrides()] == [REASON]

    record = open_session(study, store, "R1", datetime.now(timezone.utc))
    assert record.arm == "aided" != first_arm and record.washout_override
    store.close()

    assert main(["status", str(roc_study_file)]) == 0
    status = capsys.readouterr().out.splitlines()
    assert status[2].startswith("  2. aided: 0 of 8 study reads done, 0 of 1 training case read, in progress, washout overridden by Dr Coordinator on ")
    assert status[2].endswith(f": {REASON}")

    out = tmp_path / "ratings.csv"
    assert main(["export", str(roc_study_file), "--out", str(out)]) == 0
    assert f"R1 aided (by Dr Coordinator on {override.granted_at:%Y-%m-%d %H:%M} UTC: {REASON})" in \
        capsys.readouterr().out
    assert main(["report", str(roc_study_file), "--out", str(tmp_path / "report")]) == 0
    assert "The washout was overridden 1 time(s): R1 aided" in capsys.readouterr().out
    page = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert "<h2>Washout overrides</h2>" in page and "Dr Coordinator" in page and "approved by the PI" in page
    rows = (tmp_path / "report" / "washout_overrides.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "reader,arm,granted by,granted at,reason,session started" and rows[1].startswith(
        "R1,aided,Dr Coordinator,")


def test_an_override_is_refused_when_there_is_nothing_to_override(roc_study_file, capsys):
    finish_first_arm(roc_study_file)
    assert main(["override-washout", str(roc_study_file), "R2", "--reason", "x"]) == 2
    assert "reader R2 has no arm waiting on a washout" in capsys.readouterr().err  # R2 has not started
    assert main(["override-washout", str(roc_study_file), "R9", "--reason", "x"]) == 2
    assert "unknown reader 'R9'" in capsys.readouterr().err
    assert main(["override-washout", str(roc_study_file), "R1", "--reason", "   "]) == 2
    assert "give the reason" in capsys.readouterr().err
    study = load_study(roc_study_file)
    assert ReadStore(study.database).washout_overrides() == []


def test_an_early_start_without_a_recorded_reason_is_shown_as_such(roc_study_file, capsys):
    """A database from the version whose reading station let readers override by themselves."""
    finish_first_arm(roc_study_file)
    study = load_study(roc_study_file)
    store = ReadStore(study.database)
    store.add_session(SessionRecord("R1", "aided", 1, 1, ("C001",), datetime.now(timezone.utc), None, True))
    store.close()
    assert main(["status", str(roc_study_file)]) == 0
    assert capsys.readouterr().out.splitlines()[2].endswith(
        "washout overridden: not recorded (overridden at the reading station by an earlier version)")

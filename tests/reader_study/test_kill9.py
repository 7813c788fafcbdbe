"""Crash safety with a real SIGKILL.

At fixed points: a reader process kills itself right after its N-th submit returns (no close, no checkpoint,
so the reads are in the -wal file only), and exactly those N reads must be stored, each with its marks, their
ratings and its timing, and the session must resume at case N + 1. At random moments: a headless reader
process is killed repeatedly; every read it reported (it prints only after the commit) must be in the
database, no read may be stored twice, and each restart must continue in the session's recorded order.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from cxr_reader_study.demo import write_demo_study
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.scheduling import open_session
from cxr_reader_study.storage.records import MarkRecord, ReadRecord
from cxr_reader_study.storage.store import ReadStore

START = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)

# Reader R1 of an FROC study answers SUBMITS cases on an injected clock, each with two rated marks and one
# pause, then the process kills itself the moment the last submit returns.
_READER = textwrap.dedent("""
    import os, signal, sys
    from datetime import datetime, timedelta, timezone
    from cxr_reader_study.design.study_file import load_study
    from cxr_reader_study.reading.session import ReadingSession
    from cxr_reader_study.scheduling import open_session
    from cxr_reader_study.storage.store import ReadStore
    START = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)
    study, submits = load_study(sys.argv[1]), int(sys.argv[2])
    store = ReadStore(study.database)
    now = [0.0]
    wall = lambda: START + timedelta(seconds=now[0])
    session = ReadingSession(study, store, open_session(study, store, "R1", wall()), {}, lambda: now[0], wall)
    for i in range(submits):
        session.image_shown(); now[0] += 2.0 + i
        session.add_mark(10.0 + i, 20.0); session.press_digit(4)
        session.pause(); now[0] += 30.0; session.resume()
        now[0] += 1.5
        session.add_mark(40.0, 50.0 + i); session.press_digit(2)
        now[0] += 1.0
        session.submit()
    os.kill(os.getpid(), signal.SIGKILL)
""")


def _expected_reads(study, arm: str, case_order: tuple[str, ...], submits: int) -> list[ReadRecord]:
    """The reads ``_READER`` submits, as its clock and its clicks make them."""
    reads, now = [], 0.0
    for i, case_id in enumerate(case_order[:submits]):
        shown = now
        now += 2.0 + i + 30.0 + 1.5 + 1.0
        marks = (MarkRecord(10.0 + i, 20.0, 4.0), MarkRecord(40.0, 50.0 + i, 2.0))
        reads.append(ReadRecord("R1", arm, case_id, "final", study.case(case_id).training, None, marks,
                                START + timedelta(seconds=shown), START + timedelta(seconds=now),
                                int((2.0 + i + 2.5) * 1000), int((2.0 + i) * 1000), 1, 1))
    return reads


@pytest.mark.parametrize("submits", [1, 4])
def test_a_sigkill_right_after_a_submit_keeps_exactly_the_reads_submitted(froc_study_file, submits):
    child = subprocess.run([sys.executable, "-c", _READER, str(froc_study_file), str(submits)],
                           capture_output=True, text=True)
    assert child.returncode == -signal.SIGKILL, child.stderr
    study = load_study(froc_study_file)
    assert Path(f"{study.database}-wal").stat().st_size > 0  # not checkpointed: the reads are in the -wal

    report = ReadStore(study.database, read_only=True)  # as cxr-reader report opens it
    (session,) = report.sessions()
    expected = _expected_reads(study, session.arm, session.case_order, submits)
    assert report.reads() == expected
    station = ReadStore(study.database)  # as the reading station opens it at the next log-in
    assert station.reads() == expected
    resumed = ReadingSession(study, station, open_session(study, station, "R1", START), {})
    assert resumed.current_case.case_id == session.case_order[submits]


def _run_until_killed(study_file, after_reads: int, extra_s: float) -> tuple[list[tuple[str, ...]], bool]:
    """Start the simulator and SIGKILL it ``extra_s`` after its ``after_reads``-th report (so the kill lands
    mid-study, at a random point of the read/commit/print cycle); returns its reports and whether it finished."""
    process = subprocess.Popen(
        [sys.executable, "-m", "cxr_reader_study.simulate", str(study_file), "--override-washout", "--delay-ms", "3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    lines = []
    while len(lines) < after_reads and (line := process.stdout.readline()):
        lines.append(line)
    time.sleep(extra_s)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)  # a study that ends just before this lands still exits with 0
    out, err = process.communicate(timeout=30)
    finished = process.returncode == 0
    assert finished or process.returncode == -signal.SIGKILL, err
    lines += out.splitlines()
    reported = [tuple(line.split()[1:]) for line in lines if line.startswith("COMMITTED ")]
    return reported, finished


def test_sigkill_at_random_moments_loses_nothing_reported(tmp_path):
    study_file = write_demo_study(tmp_path, n_normal=10, n_abnormal=10, readers=3)
    rng = np.random.default_rng(11)
    reported: list[tuple[str, ...]] = []
    kills = 0
    for _ in range(40):
        batch, finished = _run_until_killed(study_file, int(rng.integers(1, 30)), float(rng.uniform(0, 0.006)))
        reported += batch
        if finished:
            break
        kills += 1
    assert finished, "the simulator never completed the study"
    assert kills >= 3, "too few kills landed before completion to test anything"

    study = load_study(study_file)
    store = ReadStore(study.database)
    stored = [(r.reader_id, r.arm, r.case_id, r.phase) for r in store.reads()]
    assert set(reported) <= set(stored), "a read reported as committed is missing"
    assert not [key for key, n in Counter(stored).items() if n > 1], "a read was stored twice"
    assert len(stored) - len(set(reported)) <= kills  # at most the read in flight per kill went unreported
    sessions = store.sessions()
    assert len(sessions) == len(study.readers) * len(study.arms)
    for session in sessions:
        in_db_order = [r.case_id for r in store.reads(session.reader_id) if r.arm == session.arm]
        assert in_db_order == list(session.case_order)  # every restart continued in the recorded order
        assert session.completed_at is not None

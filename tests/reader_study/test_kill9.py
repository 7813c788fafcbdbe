"""Crash safety with a real SIGKILL: a headless reader process is killed at random moments, repeatedly.

Every read the process reported (it prints only after the commit) must be in the database, no read may be
stored twice, and each restart must continue in the session's recorded order.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import numpy as np

from cxr_reader_study.demo import write_demo_study
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.storage.store import ReadStore


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

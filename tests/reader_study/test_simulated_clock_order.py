"""A coordinator fills a demo study in two runs of the simulated readers: the first stops at the washout, the
second overrides it. The simulated clock runs ahead of the real one (each case takes simulated seconds, no
real ones), and the second run restarted it from now, so the aided session, its washout override and its reads
were stamped before the unaided arm they follow had ended, and the report showed an impossible order.
"""

from __future__ import annotations

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.simulate import main as simulate
from cxr_reader_study.storage.store import ReadStore


def test_a_second_run_carries_on_after_the_first_runs_reads(roc_study_file):
    assert simulate([str(roc_study_file), "--reader", "R1"]) == 3  # one arm, then the washout
    assert simulate([str(roc_study_file), "--reader", "R1", "--override-washout"]) == 0
    store = ReadStore(load_study(roc_study_file).database, read_only=True)
    first, second = store.sessions()
    (override,) = store.washout_overrides("R1")
    first_reads = [read for read in store.reads("R1") if read.arm == first.arm]
    second_reads = [read for read in store.reads("R1") if read.arm == second.arm]
    assert max(read.submitted_at for read in first_reads) <= first.completed_at
    assert first.completed_at <= override.granted_at <= second.started_at
    assert second.started_at <= min(read.shown_at for read in second_reads)
    store.close()

"""The headless reader must leave the database a reading station leaves: one display per answer.

It put the final answer of every second read on screen twice (the first answer's submit shows the same case
with the AI, as the station does, and the simulator then called ``image_shown`` again), so every demo report
counted every second-read case as "resumed" after a crash or log-out that never happened.
"""

from __future__ import annotations

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.results.timing import timing_header, timing_rows
from cxr_reader_study.simulate import main as simulate
from cxr_reader_study.storage.store import ReadStore


def test_simulated_second_reads_are_one_display_each_and_not_resumed(second_read_study_file):
    assert simulate([str(second_read_study_file), "--override-washout"]) == 0
    study = load_study(second_read_study_file)
    store = ReadStore(study.database, read_only=True)
    reads = store.reads()
    assert {read.phase for read in reads} == {"first", "final"}
    assert [read for read in reads if read.displays != 1] == []
    resumed = timing_header(study).index("resumed")
    assert [row[resumed] for row in timing_rows(study, store)] == [0] * len(timing_rows(study, store))

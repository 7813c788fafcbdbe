"""``cxr-reader export --format reads``: one row per scored read with its times, for the statistician's own
models. An FROC study's per-read reading times (and its unmarked reads, and a second read's two answers) were
in no export: the long CSV has a row per mark and no time, the timing table only means.
"""

from __future__ import annotations

import csv
import statistics

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.results.read_table import COLUMNS
from cxr_reader_study.results.timing import timing_header, timing_rows
from cxr_reader_study.simulate import main as simulate
from cxr_reader_study.storage.store import ReadStore


def test_every_scored_read_of_an_froc_second_read_study_is_a_row_with_its_times(froc_second_read_study_file,
                                                                                tmp_path, capsys):
    assert simulate([str(froc_second_read_study_file), "--override-washout"]) == 0
    out = tmp_path / "reads.csv"
    assert main(["export", str(froc_second_read_study_file), "--format", "reads", "--out", str(out)]) == 0
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    study = load_study(froc_second_read_study_file)
    store = ReadStore(study.database, read_only=True)
    stored = {(r.reader_id, r.arm, r.phase, r.case_id): r for r in store.reads() if not r.training}
    assert f"wrote {len(stored)} reads" in capsys.readouterr().out
    assert tuple(rows[0]) == COLUMNS
    assert sorted((r["reader"], r["arm"], r["phase"], r["case"]) for r in rows) == sorted(stored)  # each once
    assert any(row["n_marks"] == "0" and row["rating"] == "" for row in rows)  # unmarked reads are rows too
    for row in rows:
        read = stored[(row["reader"], row["arm"], row["phase"], row["case"])]
        assert float(row["reading_time_s"]) == read.active_ms / 1000  # seconds, the read's own time
        assert row["truth"] == str(int(study.case(read.case_id).truth.value == "abnormal"))
        assert row["group"] == study.reader(read.reader_id).group and row["displays"] == str(read.displays)

    # the timing table's mean per reader and arm is the mean of these rows (first + final for a second read)
    header = timing_header(study)
    for table_row in timing_rows(study, store):
        reader, arm, mean_s = table_row[0], table_row[2], float(table_row[header.index("mean_s")])
        if reader == "all readers":
            continue
        per_case: dict[str, float] = {}
        for row in rows:
            if (row["reader"], row["arm"]) == (reader, arm):
                per_case[row["case"]] = per_case.get(row["case"], 0.0) + float(row["reading_time_s"])
        assert statistics.fmean(per_case.values()) == pytest.approx(mean_s, abs=0.0051)  # the table has 2 decimals

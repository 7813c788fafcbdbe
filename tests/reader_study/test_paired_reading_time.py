"""Reading time compared arm to arm within readers.

The timing table's per-arm rows pool whichever readers read the arm, so in a partial study (a reader not back
from the washout) an arm-to-arm difference there mixed reader speed with the AI's effect, and there was no
paired comparison at all. The report now pairs each reader's median time per case in the two arms over the
readers who read both, with t-intervals over readers, and names the readers left out of the pairing.
"""

from __future__ import annotations

import json
import math
import statistics

import numpy as np
import pytest
from scipy import stats

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.storage.store import ReadStore
from tests.reader_study.partial_study import read_partially


def _hand_medians(study_file, reader: str, arm: str) -> float:
    """Straight from the database: a case's seconds are its reads' active ms (first + final in a second read),
    scored cases only; the reader's median over the cases."""
    study = load_study(study_file)
    scored = {case.case_id for case in study.scored_cases}
    per_case: dict[str, float] = {}
    for read in ReadStore(study.database, read_only=True).reads(reader):
        if read.arm == arm and read.case_id in scored:
            per_case[read.case_id] = per_case.get(read.case_id, 0) + read.active_ms / 1000
    return float(np.median(list(per_case.values())))


@pytest.mark.parametrize("fixture, arms", [("roc_study_file", ("unaided", "aided")),
                                           ("second_read_study_file", ("unaided", "aided-second-read"))])
def test_report_pairs_readers_who_read_both_arms_and_names_the_rest(fixture, arms, request, tmp_path, capsys):
    study_file = request.getfixturevalue(fixture)
    read_partially(study_file, seed=5)
    capsys.readouterr()
    out = tmp_path / "report"
    assert main(["report", str(study_file), "--out", str(out)]) == 0
    printed = capsys.readouterr().out

    first = [_hand_medians(study_file, r, arms[0]) for r in ("R1", "R2", "R3")]
    second = [_hand_medians(study_file, r, arms[1]) for r in ("R1", "R2", "R3")]
    differences = np.subtract(second, first)
    by_hand = stats.ttest_1samp(differences, 0).confidence_interval(0.95)
    log_hand = stats.ttest_1samp(np.log(np.divide(second, first)), 0).confidence_interval(0.95)

    (paired,) = json.loads((out / "timing.json").read_text())["paired"]
    assert (paired["first_arm"], paired["second_arm"]) == arms
    assert paired["readers"] == ["R1", "R2", "R3"] and paired["excluded"] == ["R4"]
    assert np.allclose(paired["first_median_s"], first) and np.allclose(paired["second_median_s"], second)
    assert paired["mean_difference_s"] == pytest.approx(differences.mean())
    assert paired["median_difference_s"] == pytest.approx(float(np.median(differences)))
    assert paired["mean_difference_ci"] == pytest.approx([by_hand.low, by_hand.high])
    assert paired["ratio"] == pytest.approx(math.exp(np.log(np.divide(second, first)).mean()))
    assert paired["ratio_ci"] == pytest.approx([math.exp(log_hand.low), math.exp(log_hand.high)])

    header, row = (line.split(",") for line in (out / "timing_paired.csv").read_text().splitlines())
    record = dict(zip(header, row))
    assert record["paired_readers"] == "3" and record["excluded_readers"] == "R4"
    assert float(record["ci_low_s"]) == pytest.approx(by_hand.low, abs=0.006)
    line = f"reading time, {arms[1]} vs {arms[0]}, paired over 3 reader(s)"
    assert line in printed and "not paired (read only one of the two arms): R4" in printed
    assert line in (out / "report.html").read_text() and line in (out / "timing.html").read_text()
    timing = (out / "timing.csv").read_text().splitlines()  # the table keeps every read: R4's arm too
    assert sum(row.startswith("R4,") for row in timing) == 1


def test_paired_time_by_hand():
    from cxr_reader_study.stats.paired_time import paired_time  # here, so the report test runs on its own

    times = {"A": {"u": [10, 20, 30], "a": [8, 16]}, "B": {"u": [40, 60], "a": [30, 31, 50]},
             "C": {"u": [12]}, "D": {}}
    result = paired_time(times, "u", "a")
    assert result.readers == ("A", "B") and result.excluded == ("C",)
    assert result.first_median_s == (20, 50) and result.second_median_s == (12, 31)
    assert result.mean_difference_s == pytest.approx(statistics.fmean([-8, -19]))
    half = stats.t.ppf(0.975, 1) * statistics.stdev([-8, -19]) / math.sqrt(2)
    assert result.mean_difference_ci == pytest.approx((-13.5 - half, -13.5 + half))
    assert result.ratio == pytest.approx(math.sqrt(12 / 20 * 31 / 50))
    alone = paired_time({"A": times["A"]}, "u", "a")
    assert alone.mean_difference_ci is None and alone.ratio_ci is None and alone.mean_difference_s == -8

"""``cxr-reader analyze`` gives the report's paired reading-time comparison from the exported files.

Only ``cxr-reader report`` (from the database) paired each reader's time in two arms; scoring a study from its
exports gave no time claim at all, although the ROC long CSV carries ``reading_time`` and the reads export
(``export --format reads``) carries every read's time in ROC and FROC. Analyze now takes ``--times READS.csv``
(or the long CSV's column) and prints and returns the same comparison, checked here against a t-interval
computed by hand from the reads CSV and against the report of the same database.
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict

import numpy as np
import pytest
from scipy import stats

from cxr_reader_study.cli import main
from tests.reader_study.partial_study import read_partially


def _hand_medians(reads_csv) -> dict[tuple[str, str], float]:
    """Per reader and arm, the median over cases with a final answer of the case's summed read seconds."""
    seconds, final = defaultdict(float), set()
    with open(reads_csv, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["reader"], row["arm"], row["case"])
            seconds[key] += float(row["reading_time_s"])
            if row["phase"] == "final":
                final.add(key)
    per_arm = defaultdict(list)
    for (reader, arm, _), value in seconds.items():
        if (reader, arm, _) in final:
            per_arm[reader, arm].append(value)
    return {key: float(np.median(values)) for key, values in per_arm.items()}


def _partial_study(study_file, tmp_path, capsys):
    read_partially(study_file, seed=5)
    reads, ratings = tmp_path / "reads.csv", tmp_path / "ratings.csv"
    assert main(["export", str(study_file), "--format", "reads", "--out", str(reads)]) == 0
    assert main(["export", str(study_file), "--out", str(ratings)]) == 0
    capsys.readouterr()
    return reads, ratings


def _analyze(capsys, *args) -> tuple[int, str]:
    code = main(["analyze", *map(str, args)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("fixture, arms", [("roc_study_file", ("unaided", "aided")),
                                           ("froc_second_read_study_file", ("unaided", "aided-second-read"))])
def test_analyze_pairs_reading_times_as_the_report_does(fixture, arms, request, tmp_path, capsys):
    study_file = request.getfixturevalue(fixture)
    reads, ratings = _partial_study(study_file, tmp_path, capsys)
    froc = ["--truth", tmp_path / "ratings_truth.csv"] if "froc" in fixture else []

    medians = _hand_medians(reads)
    first = [medians[r, arms[0]] for r in ("R1", "R2", "R3")]
    second = [medians[r, arms[1]] for r in ("R1", "R2", "R3")]
    differences, logs = np.subtract(second, first), np.log(np.divide(second, first))
    by_hand = stats.ttest_1samp(differences, 0).confidence_interval(0.9)
    log_hand = stats.ttest_1samp(logs, 0).confidence_interval(0.9)

    code, out = _analyze(capsys, ratings, *froc, "--times", reads, "--alpha", "0.1", "--json")
    assert code == 0
    (paired,) = json.loads(out)["paired_reading_time"]
    assert (paired["first_arm"], paired["second_arm"]) == arms
    assert paired["readers"] == ["R1", "R2", "R3"] and paired["excluded"] == ["R4"]
    assert paired["mean_difference_s"] == pytest.approx(differences.mean())
    assert paired["mean_difference_ci"] == pytest.approx([by_hand.low, by_hand.high])
    assert paired["mean_difference_se"] == pytest.approx(stats.sem(differences)) and paired["df"] == 2
    assert paired["median_difference_s"] == pytest.approx(float(np.median(differences)))
    assert paired["ratio"] == pytest.approx(math.exp(logs.mean()))
    assert paired["ratio_ci"] == pytest.approx([math.exp(log_hand.low), math.exp(log_hand.high)])
    assert paired["confidence_level"] == pytest.approx(0.9)

    code, text = _analyze(capsys, ratings, *froc, "--times", reads, "--alpha", "0.1")
    assert code == 0
    assert f"reading time, {arms[1]} vs {arms[0]}, paired over 3 reader(s)" in text
    assert (f"mean difference {arms[1]} - {arms[0]}: {differences.mean():+.2f} s, SE {stats.sem(differences):.2f}, "
            f"df 2, 90% CI [{by_hand.low:+.2f}, {by_hand.high:+.2f}]") in text
    assert f"90% CI [{math.exp(log_hand.low):.3f}, {math.exp(log_hand.high):.3f}]" in text
    assert "not paired (read only one of the two arms): R4" in text

    assert main(["report", str(study_file), "--out", str(tmp_path / "report")]) == 0
    capsys.readouterr()
    (reported,) = json.loads((tmp_path / "report" / "timing.json").read_text())["paired"]
    sources = [["--times", reads]] + ([] if froc else [[]])  # the ROC long CSV carries reading_time itself
    for source in sources:
        code, out = _analyze(capsys, ratings, *froc, *source, "--json")
        assert code == 0
        (analyzed,) = json.loads(out)["paired_reading_time"]
        assert analyzed.keys() == reported.keys()
        for key, value in reported.items():
            numeric = isinstance(value, (int, float)) or (isinstance(value, list) and value
                                                           and not isinstance(value[0], str))
            assert analyzed[key] == (pytest.approx(value, rel=1e-9) if numeric else value), key


def test_roc_long_csv_times_alone_and_froc_marks_without_times(roc_study_file, froc_study_file, tmp_path, capsys):
    """The ROC long CSV's own ``reading_time`` is enough; an FROC marks file has none, so without ``--times`` the
    output says nothing about reading time rather than an empty comparison."""
    _, ratings = _partial_study(roc_study_file, tmp_path / "roc", capsys)
    code, text = _analyze(capsys, ratings)
    assert code == 0 and "reading time, aided vs unaided, paired over 3 reader(s)" in text
    assert "not paired (read only one of the two arms): R4" in text
    _, marks = _partial_study(froc_study_file, tmp_path / "froc", capsys)
    code, out = _analyze(capsys, marks, "--truth", tmp_path / "froc" / "ratings_truth.csv", "--json")
    assert code == 0 and "paired_reading_time" not in json.loads(out)


def test_reads_file_arm_order_when_the_first_reader_missed_an_arm(tmp_path, capsys):
    """The reads file's first rows are of ``aided`` (its first reader missed ``unaided``): taking arms in order of
    first appearance put ``unaided`` after ``aided`` and flipped every difference's sign against the report's. The
    comparison is aided - unaided, as the MRMC differences, whatever the rows' order."""
    reads = tmp_path / "reads.csv"
    reads.write_text("reader,arm,phase,case,reading_time_s\nA,aided,final,C1,10\nB,unaided,final,C1,20\n"
                     "B,aided,first,C2,3\nB,aided,final,C2,4\nB,aided,first,C3,5\n", encoding="utf-8")
    ratings = tmp_path / "ratings.csv"
    ratings.write_text("reader,modality,case,truth,rating\n" + "".join(
        f"{reader},{arm},{case},{truth},{rating}\n" for reader in "AB" for arm in ("aided", "unaided")
        for case, truth, rating in (("C1", 0, 1), ("C2", 0, 2), ("C3", 1, 3), ("C4", 1, 2))), encoding="utf-8")
    code, out = _analyze(capsys, ratings, "--times", reads, "--json")
    assert code == 0
    paired = json.loads(out)["paired_reading_time"]
    assert [(c["first_arm"], c["second_arm"]) for c in paired] == [("unaided", "aided")]
    assert paired[0]["readers"] == ["B"] and paired[0]["excluded"] == ["A"]
    assert paired[0]["mean_difference_s"] == 7.0 - 20.0  # B: C2 first + final read; C3 has no final answer

"""An FROC study's report counts a detection only where a mark at or above the threshold lies on a lesion.

Two readers read a real demo study (images on disk, reads committed to SQLite through the reading session).
In the unaided arm both mark every abnormal film confidently (rating 5) in the wrong lung, in the aided arm on
the lesion (rating 4); normal films are left unmarked. By hand: unaided lesion-localised sensitivity 0 and
lesion sensitivity 0 (before: sensitivity 1, from the highest mark wherever it lay), aided both 1; specificity
1 in both; the highest-rating inferred ROC AUC is 1 in both arms (each abnormal film's highest mark beats the
unmarked normals), which is why Table 1 must say which AUC it shows.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from cxr_reader_study.cli import main
from cxr_reader_study.demo import SIZE, write_demo_study
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.reading.session import ReadingSession
from cxr_reader_study.scheduling import open_session
from cxr_reader_study.storage.store import ReadStore

NOW = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)


def _read_every_arm(study_file) -> None:
    study = load_study(study_file)
    store = ReadStore(study.database)
    for reader in ("R1", "R2"):
        while (record := open_session(study, store, reader, NOW)) is not None:
            session = ReadingSession(study, store, record, {}, wall=lambda: NOW)
            while not session.finished:
                session.image_shown()
                for lesion in session.current_case.lesions:
                    if record.arm == "unaided":  # the other lung: far outside the 6-pixel lesion radius
                        session.add_mark(SIZE - lesion.x, lesion.y)
                        session.press_digit(5)
                    else:
                        session.add_mark(lesion.x + 1, lesion.y - 1)
                        session.press_digit(4)
                session.answer.empty_confirmed = not session.answer.marks  # the second Enter on a normal film
                session.submit()
    store.close()


def test_report_and_analysis_count_only_localised_detections(tmp_path, capsys):
    study_file = write_demo_study(tmp_path / "froc", task="froc", readers=2, washout_days=0)
    _read_every_arm(study_file)
    out = tmp_path / "report"
    assert main(["report", str(study_file), "--out", str(out)]) == 0
    header, *rows = [line.split(",") for line in (out / "table1.csv").read_text(encoding="utf-8").splitlines()]
    metrics = ["Inferred ROC AUC (highest rating)", "wAFROC", "Lesion-localised sensitivity", "Lesion sensitivity",
               "Specificity"]
    assert header == ["group", "readers"] + [f"{m} — {arm}" for arm in ("unaided", "aided") for m in metrics]
    all_readers = dict(zip(header, rows[-1]))
    assert all_readers["readers"] == "2"
    # wAFROC: unaided every lesion unmarked ties every unmarked normal (½); aided every lesion beats them (1)
    expected = {"unaided": ("1.000", "0.500", "0.000", "0.000", "1.000"),
                "aided": ("1.000", "1.000", "1.000", "1.000", "1.000")}
    for arm, values in expected.items():
        for metric, value in zip(metrics, values):
            assert all_readers[f"{metric} — {arm}"] == f"{value} ± 0.000", (metric, arm)

    mrmc = json.loads((out / "mrmc.json").read_text(encoding="utf-8"))
    assert mrmc["sens"]["fom_per_reader"] == {"unaided": {"R1": 0.0, "R2": 0.0}, "aided": {"R1": 1.0, "R2": 1.0}}
    assert mrmc["wafroc"]["fom_per_reader"] == {"unaided": {"R1": 0.5, "R2": 0.5}, "aided": {"R1": 1.0, "R2": 1.0}}
    assert mrmc["sens"]["label"] == "Lesion-localised sensitivity"
    assert mrmc["auc"]["label"] == "Inferred ROC AUC (highest rating)"
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "a mark elsewhere on the film does not count" in page and "RJafroc&#x27;s HrAuc" in page
    assert "within 1 × the lesion's radius" in page

    # the exported marks give the same answer in the stand-alone analysis
    marks = tmp_path / "marks.csv"
    assert main(["export", str(study_file), "--out", str(marks)]) == 0
    capsys.readouterr()
    assert main(["analyze", str(marks), "--truth", str(tmp_path / "marks_truth.csv"), "--fom", "sens",
                 "--threshold", "3", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["fom_per_modality"] == {"unaided": 0.0, "aided": 1.0}
    per_reader = {(row["modality"], row["reader"]): row for row in result["per_reader"]}
    assert per_reader[("unaided", "R1")]["sensitivity"] == 0.0
    assert per_reader[("unaided", "R1")]["lesion_sensitivity"] == 0.0
    assert per_reader[("unaided", "R1")]["auc"] == 1.0

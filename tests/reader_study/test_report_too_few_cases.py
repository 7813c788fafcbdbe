"""A study whose case list has a single normal case: validation accepts it (it has normal and abnormal cases),
but the case jackknife behind OR/DBM and readers-versus-AI cannot leave that case out. The report must still
be written, with the analyses that can run, and say which could not and why (it stopped with a traceback)."""

from __future__ import annotations

import json

from cxr_reader_study.cli import main
from cxr_reader_study.demo import write_demo_study
from cxr_reader_study.simulate import main as simulate


def test_report_with_one_normal_case_notes_what_cannot_be_analysed(tmp_path, capsys):
    study_file = write_demo_study(tmp_path / "study", n_normal=1, n_abnormal=3, task="froc")
    assert main(["validate", str(study_file)]) == 0  # a pilot may run: warned, not refused
    assert ("warning: 1 normal and 3 abnormal scored cases: the MRMC analysis (its case jackknife) needs at least "
            "two of each") in capsys.readouterr().out
    assert simulate([str(study_file), "--override-washout"]) == 0
    capsys.readouterr()

    out = tmp_path / "report"
    assert main(["report", str(study_file), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    too_few = "at least two normal and two abnormal cases (has 1 normal, 3 abnormal)"
    assert f"note: MRMC analysis of wAFROC not possible: the jackknife needs {too_few}." in printed
    assert f"note: MRMC analysis of Inferred ROC AUC (highest rating) not possible: the jackknife needs {too_few}" \
        in printed
    assert "note: MRMC analysis of Specificity not possible: the jackknife of specificity needs at least two " \
           "normal cases (has 1)." in printed
    assert f"note: Standalone AI versus readers not possible: the jackknife needs {too_few}." in printed

    mrmc = json.loads((out / "mrmc.json").read_text())
    assert list(mrmc) == ["sens"]  # lesion-localised sensitivity jackknifes the three abnormal cases
    assert mrmc["sens"]["n_jackknife_cases"] == 3 and 0 <= mrmc["sens"]["or"]["rrrc"]["p"] <= 1
    assert not (out / "ai.json").exists()
    page = (out / "report.html").read_text()
    assert "Standalone AI versus readers not possible" in page and "Table 1" in page

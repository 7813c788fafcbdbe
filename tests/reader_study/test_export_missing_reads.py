"""An export of a study with missing reads says so. The report leaves a reader who has not read every case in
every arm out of its analyses; an exported FROC file cannot: a read never given looks exactly like a case read
without marks, so a reader who never started the unaided arm entered ``cxr-reader analyze`` (or RJafroc) with an
unaided wAFROC of 0.5, and neither the export nor the analysis said a word.
"""

from __future__ import annotations

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.simulate import main as simulate


@pytest.mark.parametrize("fmt", ["long", "jafroc"])
def test_an_froc_export_names_the_reads_missing(froc_study_file, tmp_path, capsys, fmt):
    assert simulate([str(froc_study_file), "--override-washout", "--reader", "R1", "--reader", "R2",
                     "--reader", "R3"]) == 0
    assert simulate([str(froc_study_file), "--reader", "R4"]) == 3  # one arm, then the washout
    capsys.readouterr()
    out = tmp_path / ("marks.csv" if fmt == "long" else "study.xlsx")
    assert main(["export", str(froc_study_file), "--format", fmt, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "note: 8 final reads are missing (R4: 8 of 16): the file holds the reads given, and an analysis of it " \
           "takes each missing read as a case read without marks" in printed


def test_a_complete_study_exports_without_that_note(roc_study_file, tmp_path, capsys):
    assert simulate([str(roc_study_file), "--override-washout"]) == 0
    assert main(["export", str(roc_study_file), "--out", str(tmp_path / "r.csv")]) == 0
    assert "missing" not in capsys.readouterr().out

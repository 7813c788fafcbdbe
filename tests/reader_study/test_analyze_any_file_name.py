"""``cxr-reader export --format`` writes to whatever name it is given; ``analyze`` went by the name alone, so a
JAFROC workbook saved as ``study.csv`` failed with "'utf-8' codec can't decode byte ..." (no file named) and an
iMRMC file saved as ``ratings.txt`` as a CSV with missing columns. It now tells the formats apart by content.
"""

from __future__ import annotations

import json

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.simulate import main as simulate


def _analysis(path, capsys) -> dict:
    capsys.readouterr()
    assert main(["analyze", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("fmt", "name"), [("imrmc", "ratings.txt"), ("jafroc", "study.csv"),
                                           ("jafroc", "study")])
def test_an_export_under_another_name_is_analysed_as_its_format(roc_study_file, tmp_path, capsys, fmt, name):
    assert simulate([str(roc_study_file), "--override-washout"]) == 0
    assert main(["export", str(roc_study_file), "--out", str(tmp_path / "long.csv")]) == 0
    assert main(["export", str(roc_study_file), "--format", fmt, "--out", str(tmp_path / name)]) == 0
    expected = _analysis(tmp_path / "long.csv", capsys)
    got = _analysis(tmp_path / name, capsys)
    for modality, per_reader in expected["fom_per_reader"].items():
        assert got["fom_per_reader"][modality] == pytest.approx(per_reader)
    assert got["or"]["rrrc"]["p"] == pytest.approx(expected["or"]["rrrc"]["p"])


def test_a_file_that_is_no_ratings_format_is_named(tmp_path, capsys):
    (tmp_path / "scan.csv").write_bytes(b"\xff\xd8\xff\xe0 a picture, not ratings")
    assert main(["analyze", str(tmp_path / "scan.csv")]) == 2
    error = capsys.readouterr().err
    assert f"{tmp_path / 'scan.csv'}: neither a CSV file (UTF-8 text), an iMRMC file nor a JAFROC workbook" in error

"""Ratings files from other tools that ``cxr-reader analyze`` read without a word, analysing other data than the
file says: a rating with a comma as decimal mark cut at the comma, a non-finite rating, a row without a reader, an
iMRMC file with a repeated reading or a case's truth given twice (the last won) or fewer readers or cases than its
header declares, a JAFROC ROC workbook with a repeated or misfiled FP row (the highest won), a reads file with a
read listed twice (its time counted twice), FROC marks whose truth contradicts the truth file, and an FROC truth
file whose ``n_lesions`` disagrees with its lesion rows (weights of 1/1 instead of 1/2). Each is now refused
(exit 2) with the file, the line and the reason."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from cxr_reader_study.formats.imrmc import read_imrmc, write_imrmc
from cxr_reader_study.formats.jafroc_read import read_jafroc
from cxr_reader_study.formats.jafroc_xlsx import write_jafroc
from cxr_reader_study.formats.long_csv import read_froc_csv, read_roc_csv
from cxr_reader_study.formats.reads_times import read_case_times
from cxr_reader_study.formats.table import FormatError
from cxr_reader_study.stats import analyze_cli

RATINGS = {"c0": (0, 1), "c1": (0, 2), "c2": (0, 3), "c3": (1, 4), "c4": (1, 2), "c5": (1, 5)}


def _rows() -> list[str]:
    return ["reader,modality,case,truth,rating"] + [
        f"{reader},{arm},{case},{truth},{rating}" for reader in ("R1", "R2", "R3") for arm in ("unaided", "aided")
        for case, (truth, rating) in RATINGS.items()]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _refused(capsys, path: Path, *argv: str) -> str:
    assert analyze_cli.main([str(path), *argv]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    return out.err


def test_a_decimal_comma_is_refused_rather_than_cut_at_the_comma(tmp_path, capsys):
    rows = _rows()
    rows[4] = "R1,unaided,c3,1,3,5"  # 3,5 from a spreadsheet with a decimal comma: read as 3 before
    err = _refused(capsys, _write(tmp_path / "r.csv", rows))
    assert "r.csv, line 5: 6 fields but the header has 5" in err and "decimal" in err


@pytest.mark.parametrize("text", ["inf", "-inf", "nan"])
def test_a_rating_that_is_not_a_finite_number_is_refused(tmp_path, text):
    rows = _rows()
    rows[4] = f"R1,unaided,c3,1,{text}"  # -inf was taken as "unrated", inf ranked above every rating
    with pytest.raises(FormatError, match=rf"line 5: rating '{text}' is not a finite number"):
        read_roc_csv(_write(tmp_path / "r.csv", rows))


def test_a_row_without_a_reader_is_refused(tmp_path):
    rows = _rows() + [",aided,c0,0,1"]  # was a reader named ""
    with pytest.raises(FormatError, match=r"line 38: no reader"):
        read_roc_csv(_write(tmp_path / "r.csv", rows))


def _imrmc(tmp_path: Path) -> list[str]:
    write_imrmc(read_roc_csv(_write(tmp_path / "r.csv", _rows())), tmp_path / "s.imrmc")
    return (tmp_path / "s.imrmc").read_text().splitlines()


def test_imrmc_reading_given_twice_is_refused(tmp_path):
    lines = _imrmc(tmp_path)
    lines.append(lines[-1].rsplit(",", 1)[0] + ",9.0")  # the last row won
    with pytest.raises(FormatError, match=rf"line {len(lines)}: second score of case c5 by reader R3 in modality "
                                          "aided"):
        read_imrmc(_write(tmp_path / "dup.imrmc", lines))


def test_imrmc_truth_given_twice_is_refused(tmp_path):
    lines = _imrmc(tmp_path) + ["-1,c0,0,1"]  # c0 silently became abnormal
    with pytest.raises(FormatError, match=rf"line {len(lines)}: case c0 has a second truth row"):
        read_imrmc(_write(tmp_path / "dup.imrmc", lines))


def test_imrmc_with_fewer_readers_than_its_header_declares_is_refused(tmp_path):
    lines = [line for line in _imrmc(tmp_path) if not line.startswith("R3,")]  # a truncated copy
    with pytest.raises(FormatError, match=r"header declares NR: 3 but the data have 2"):
        read_imrmc(_write(tmp_path / "short.imrmc", lines))
    lines = [line for line in _imrmc(tmp_path) if not line.startswith("-1,c5,")]
    with pytest.raises(FormatError, match=r"header declares N1: 3 but the data have 2"):
        read_imrmc(_write(tmp_path / "short.imrmc", [line for line in lines if ",c5," not in line]))


def test_a_read_listed_twice_in_the_reads_file_is_refused(tmp_path):
    path = _write(tmp_path / "reads.csv", ["reader,arm,phase,case,reading_time_s", "R1,unaided,final,c0,10",
                                           "R1,unaided,final,c0,10"])  # 20 s before
    with pytest.raises(FormatError, match=r"line 3: second final read of case c0 by reader R1 in arm unaided"):
        read_case_times(path)


def _marks(tmp_path: Path) -> Path:
    rows = ["reader,modality,case,truth,mark_type,lesion_id,rating"]
    rows += [f"{r},{m},a1,1,LL,L1,3" for r in "AB" for m in "XY"] + [f"{r},{m},n1,0,NL,,1" for r in "AB" for m in "XY"]
    return _write(tmp_path / "marks.csv", rows)


def test_froc_truth_whose_lesion_count_disagrees_with_its_rows_is_refused(tmp_path):
    truth = _write(tmp_path / "truth.csv", ["case,truth,n_lesions,lesion_id,weight", "n1,0,0,,", "n2,0,0,,",
                                            "a1,1,2,L1,", "a2,1,1,L1,"])  # a1's second lesion lost: weight 1 before
    with pytest.raises(FormatError, match=r"truth.csv, line 4: case a1 has n_lesions 2 but 1 lesion row"):
        read_froc_csv(_marks(tmp_path), truth)


def test_froc_truth_with_a_lesion_on_a_normal_case_is_refused(tmp_path):
    truth = _write(tmp_path / "truth.csv", ["case,truth,n_lesions,lesion_id,weight", "n1,0,1,L9,", "n2,0,0,,",
                                            "a1,1,1,L1,", "a2,1,1,L1,"])  # the lesion was dropped unseen
    with pytest.raises(FormatError, match=r"truth.csv, line 2: normal case n1 lists a lesion"):
        read_froc_csv(_marks(tmp_path), truth)


def _roc_workbook(tmp_path: Path, extra_fp: tuple) -> Path:
    """Our ROC workbook with one more FP row (ReaderID, ModalityID, CaseID, FP_Rating) added to it."""
    write_jafroc(read_roc_csv(_write(tmp_path / "r.csv", _rows())), tmp_path / "study.xlsx")
    book = openpyxl.load_workbook(tmp_path / "study.xlsx")
    book["FP"].append(extra_fp)
    book.save(tmp_path / "study.xlsx")
    return tmp_path / "study.xlsx"


def test_jafroc_roc_rating_given_twice_is_refused(tmp_path):
    path = _roc_workbook(tmp_path, ("R1", "unaided", 1, 5.0))  # case c0 (CaseID 1): its highest row won
    with pytest.raises(FormatError, match=r"line 20 of the FP sheet: second rating of case c0 by reader R1"):
        read_jafroc(path)


def test_jafroc_roc_fp_rating_of_an_abnormal_case_is_refused(tmp_path):
    path = _roc_workbook(tmp_path, ("R1", "unaided", 4, 9.0))  # c3, abnormal: its TP rating 4 became 9
    with pytest.raises(FormatError, match=r"abnormal case c3 has an FP rating"):
        read_jafroc(path)


def test_froc_marks_whose_truth_contradicts_the_truth_file_are_refused(tmp_path):
    truth = _write(tmp_path / "truth.csv", ["case,truth,n_lesions,lesion_id,weight", "n1,0,0,,", "n2,0,0,,",
                                            "a1,1,1,L1,", "a2,1,1,L1,"])
    marks = _marks(tmp_path)
    lines = marks.read_text().splitlines() + ["A,X,n2,1,NL,,2"]  # n2 abnormal here, normal in truth.csv: unchecked
    with pytest.raises(FormatError, match=r"line 10: case n2 has truth 1 here and 0 in .*truth.csv"):
        read_froc_csv(_write(marks, lines), truth)

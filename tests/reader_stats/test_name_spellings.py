"""One reader (or case) spelt two ways, "R1" in most rows and "r1 " in some (typed by hand, or pasted from another
sheet), was two readers in ``cxr-reader analyze``: the study's reader count went up, each half had half the reads,
and a half that missed an arm was left out as a reader who never read it. Every import format now refuses such a
file (exit 2), naming both spellings, where each first appears, so the group corrects the file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from cxr_reader_study.formats.imrmc import write_imrmc
from cxr_reader_study.formats.jafroc_xlsx import write_jafroc
from cxr_reader_study.formats.long_csv import read_roc_csv
from cxr_reader_study.stats import analyze_cli

RATINGS = {"c0": (0, 1), "c1": (0, 2), "c2": (0, 3), "c3": (1, 4), "c4": (1, 2), "c5": (1, 5)}
HEADER = "reader,modality,case,truth,rating"


def _rows() -> list[str]:
    return [HEADER] + [f"{reader},{arm},{case},{truth},{rating}"
                       for reader in ("R1", "R2", "R3") for arm in ("unaided", "aided")
                       for case, (truth, rating) in RATINGS.items()]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _refused(capsys, *argv) -> str:
    assert analyze_cli.main([str(a) for a in argv]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    return out.err


def test_long_csv_reader_in_two_spellings_is_refused_naming_both(tmp_path, capsys):
    rows = [row.replace("R1,aided,", "r1 ,aided,") for row in _rows()]  # R1's aided rows typed again by hand
    err = _refused(capsys, _write(tmp_path / "r.csv", rows))
    assert "reader 'R1' (line 2) and reader 'r1' (line 8) differ only in upper/lower case" in err


def test_long_csv_case_in_two_spellings_is_refused(tmp_path, capsys):
    rows = _rows()
    rows[-1] = rows[-1].replace(",c5,", ",C5,")
    err = _refused(capsys, _write(tmp_path / "r.csv", rows))
    assert "case 'c5' (line 7) and case 'C5' (line 37)" in err


def test_the_same_name_with_surrounding_spaces_is_one_reader(tmp_path, capsys):
    rows = [row.replace("R1,aided,", " R1 ,aided,") for row in _rows()]
    assert analyze_cli.main([str(_write(tmp_path / "r.csv", rows)), "--json"]) == 0
    assert '"excluded_readers": {}' in capsys.readouterr().out
    assert read_roc_csv(tmp_path / "r.csv").readers == ("R1", "R2", "R3")


def test_imrmc_reader_in_two_spellings_is_refused(tmp_path, capsys):
    write_imrmc(read_roc_csv(_write(tmp_path / "r.csv", _rows())), tmp_path / "s.imrmc")
    text = (tmp_path / "s.imrmc").read_text().replace("\nR2,c3,aided,", "\nr2,c3,aided,")
    err = _refused(capsys, _write(tmp_path / "s.imrmc", text.splitlines()))
    assert "reader 'R2'" in err and "reader 'r2'" in err and "differ only in upper/lower case" in err


def test_jafroc_reader_in_two_spellings_is_refused(tmp_path, capsys):
    write_jafroc(read_roc_csv(_write(tmp_path / "r.csv", _rows())), tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    book["FP"].cell(row=2, column=1).value = "r1"  # the TRUTH sheet declares R1
    book.save(tmp_path / "s.xlsx")
    err = _refused(capsys, tmp_path / "s.xlsx")
    assert "reader 'R1' and reader 'r1' (line 2) differ only in upper/lower case" in err


def test_froc_marks_case_spelt_otherwise_than_in_the_truth_file_is_refused(tmp_path, capsys):
    truth = _write(tmp_path / "truth.csv", ["case,truth,n_lesions,lesion_id,weight", "n1,0,0,,", "n2,0,0,,",
                                            "a1,1,1,L1,", "a2,1,1,L1,"])
    marks = ["reader,modality,case,truth,mark_type,lesion_id,rating"] + [
        f"{reader},{arm},{case},1,LL,L1,{rating}" for reader in ("R1", "R2") for arm in ("unaided", "aided")
        for case, rating in (("a1", 3), ("a2", 4))]
    marks.append("R1,aided,N1,0,NL,,2")
    err = _refused(capsys, _write(tmp_path / "marks.csv", marks), "--truth", truth)
    assert "case 'n1' and case 'N1' (line 10) differ only in upper/lower case" in err


def test_reads_file_reader_in_two_spellings_is_refused(tmp_path, capsys):
    ratings = _write(tmp_path / "r.csv", _rows())
    reads = _write(tmp_path / "reads.csv", ["reader,arm,phase,case,reading_time_s", "R1,unaided,final,c0,10",
                                            "R1,aided,final,c0,8", "r1,aided,final,c1,9"])
    err = _refused(capsys, ratings, "--times", reads)
    assert "reads.csv: reader 'R1' (line 2) and reader 'r1' (line 4) differ only" in err


@pytest.mark.parametrize("spelling", ["C1", "c1 x"])
def test_ai_ratings_case_in_two_spellings_is_refused_only_when_it_differs_in_case(spelling, tmp_path, capsys):
    ratings = _write(tmp_path / "r.csv", _rows())
    ai = _write(tmp_path / "ai.csv", ["case,rating"] + [f"{case},{truth + 0.1}" for case, (truth, _) in RATINGS.items()]
                + [f"{spelling},0.5"])
    code = analyze_cli.main([str(ratings), "--ai-ratings", str(ai), "--json"])
    err = capsys.readouterr().err
    if spelling == "C1":  # "C1"'s score went unused beside "c1"'s, without a word
        assert code == 2 and "case 'c1' (line 3) and case 'C1' (line 8)" in err
    else:
        assert code == 0  # another name altogether: a case beyond the study's, ignored as documented

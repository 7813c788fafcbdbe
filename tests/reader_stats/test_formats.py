"""Round trips through every exchange format, and clear messages for bad files."""

from __future__ import annotations

import numpy as np
import pytest

from cxr_reader_study.formats.imrmc import read_imrmc, write_imrmc
from cxr_reader_study.formats.jafroc_read import read_jafroc
from cxr_reader_study.formats.jafroc_xlsx import write_jafroc
from cxr_reader_study.formats.long_csv import read_froc_csv, read_roc_csv, write_froc_csv, write_roc_csv
from cxr_reader_study.formats.table import FormatError
from cxr_reader_study.stats.dataset import RatingDataset
from cxr_reader_study.stats.simulate import simulate_froc, simulate_roc


def _same(a: RatingDataset, b: RatingDataset) -> None:
    assert (a.readers, a.modalities, a.cases) == (b.readers, b.modalities, b.cases)
    np.testing.assert_array_equal(a.truth, b.truth)
    np.testing.assert_array_equal(a.ratings, b.ratings)
    assert (a.froc is None) == (b.froc is None)
    if a.froc is not None:
        assert a.froc.lesion_ids == b.froc.lesion_ids
        np.testing.assert_allclose(a.froc.lesion_weights, b.froc.lesion_weights)
        np.testing.assert_array_equal(a.froc.ll_ratings, b.froc.ll_ratings)
        np.testing.assert_array_equal(np.sort(a.froc.nl_ratings, axis=3), np.sort(b.froc.nl_ratings, axis=3))


def test_long_roc_csv_round_trip_with_reading_times(tmp_path):
    dataset = simulate_roc(n_readers=3, n_modalities=2, n_normal=8, n_abnormal=7, seed=1)
    times = np.random.default_rng(0).uniform(5, 60, dataset.ratings.shape)
    timed = RatingDataset(dataset.readers, dataset.modalities, dataset.cases, dataset.truth, dataset.ratings,
                          reading_times=times)
    write_roc_csv(timed, tmp_path / "r.csv")
    again = read_roc_csv(tmp_path / "r.csv")
    _same(timed, again)
    np.testing.assert_allclose(again.reading_times, times)


def test_long_froc_csv_round_trip(tmp_path):
    dataset = simulate_froc(n_readers=2, n_modalities=2, n_normal=6, n_abnormal=9, seed=2)
    write_froc_csv(dataset, tmp_path / "m.csv", tmp_path / "t.csv")
    _same(dataset, read_froc_csv(tmp_path / "m.csv", tmp_path / "t.csv"))


def test_imrmc_round_trip(tmp_path):
    dataset = simulate_roc(n_readers=3, n_modalities=3, n_normal=5, n_abnormal=6, seed=3)
    write_imrmc(dataset, tmp_path / "s.imrmc")
    text = (tmp_path / "s.imrmc").read_text()
    assert "BEGIN DATA:" in text and "-1,C1,0,0" in text and "NR: 3" in text
    _same(dataset, read_imrmc(tmp_path / "s.imrmc"))


@pytest.mark.parametrize("make", [simulate_roc, simulate_froc])
def test_jafroc_workbook_round_trip(tmp_path, make):
    dataset = make(n_readers=2, n_modalities=2, n_normal=5, n_abnormal=6, seed=4)
    write_jafroc(dataset, tmp_path / "j.xlsx")
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "j.xlsx")
    assert sorted(book.sheetnames) == ["FP", "TP", "TRUTH"]  # RJafroc's reader checks the sorted names
    assert [c.value for c in book["TP"][1]] == ["ReaderID", "ModalityID", "CaseID", "LesionID", "TP_Rating"]
    assert [c.value for c in book["FP"][1]] == ["ReaderID", "ModalityID", "CaseID", "FP_Rating"]
    _same(dataset, read_jafroc(tmp_path / "j.xlsx"))


def test_missing_column_names_file_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("reader,modality,case,rating\n1,1,1,3\n")
    with pytest.raises(FormatError, match=r"bad\.csv: missing column\(s\) truth"):
        read_roc_csv(path)


def test_bad_values_name_the_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("reader,modality,case,truth,rating\n1,1,1,0,3\n1,1,2,1,high\n")
    with pytest.raises(FormatError, match=r"line 3: rating 'high' is not a number"):
        read_roc_csv(path)
    path.write_text("reader,modality,case,truth,rating\n1,1,1,0,3\n1,1,1,1,4\n")
    with pytest.raises(FormatError, match="line 3: case 1 has truth 1 here and 0 before"):
        read_roc_csv(path)


def test_froc_mark_on_unknown_lesion_is_refused(tmp_path):
    (tmp_path / "t.csv").write_text("case,truth,n_lesions,lesion_id,weight\n1,0,0,,\n2,1,1,1,1.0\n")
    (tmp_path / "m.csv").write_text("reader,modality,case,truth,mark_type,lesion_id,rating\n1,1,2,1,LL,7,3\n")
    with pytest.raises(FormatError, match="m.csv, line 2: case 2 has no lesion '7'"):
        read_froc_csv(tmp_path / "m.csv", tmp_path / "t.csv")


def test_not_an_imrmc_file(tmp_path):
    (tmp_path / "x.imrmc").write_text("hello\n")
    with pytest.raises(FormatError, match="BEGIN DATA"):
        read_imrmc(tmp_path / "x.imrmc")


def test_not_a_workbook(tmp_path):
    (tmp_path / "x.xlsx").write_text("not a zip")
    with pytest.raises(FormatError, match="x.xlsx: not a readable .xlsx workbook"):
        read_jafroc(tmp_path / "x.xlsx")

"""``cxr-reader export --format long|imrmc|jafroc --phase first|final``: files other software reads, read back
here by the independent readers of the formats package and compared with the database."""

from __future__ import annotations

import numpy as np
import openpyxl
import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.formats.imrmc import read_imrmc
from cxr_reader_study.formats.jafroc_read import read_jafroc
from cxr_reader_study.formats.long_csv import read_roc_csv
from cxr_reader_study.results.dataset_builder import build_dataset
from cxr_reader_study.simulate import main as simulate
from cxr_reader_study.stats.fom import compute_fom
from cxr_reader_study.storage.store import ReadStore


def _direct(study_file, phase="final"):
    study = load_study(study_file)
    return study, build_dataset(study, ReadStore(study.database), phase=phase)


def test_imrmc_round_trip_gives_the_same_ratings(roc_study_file, tmp_path, capsys):
    assert simulate([str(roc_study_file), "--override-washout", "--seed", "2"]) == 0
    out = tmp_path / "study.imrmc"
    assert main(["export", str(roc_study_file), "--format", "imrmc", "--out", str(out)]) == 0
    assert "wrote 64 final-read ratings" in capsys.readouterr().out  # 4 readers x 2 arms x 8 cases
    back, (_, direct) = read_imrmc(out), _direct(roc_study_file)
    assert (back.readers, back.modalities, back.cases) == (direct.readers, direct.modalities, direct.cases)
    assert np.array_equal(back.truth, direct.truth) and np.array_equal(back.ratings, direct.ratings)
    assert "NR: 4" in out.read_text() and "BEGIN DATA:" in out.read_text()


@pytest.mark.parametrize("task,fom", [("roc", "auc"), ("froc", "wafroc")])
def test_jafroc_round_trip_gives_the_same_figures_of_merit(task, fom, request, tmp_path):
    study_file = request.getfixturevalue(f"{task}_study_file")
    assert simulate([str(study_file), "--override-washout", "--seed", "4"]) == 0
    out = tmp_path / "study.xlsx"
    assert main(["export", str(study_file), "--format", "jafroc", "--out", str(out)]) == 0
    back, (_, direct) = read_jafroc(out), _direct(study_file)
    assert back.readers == direct.readers and back.modalities == direct.modalities
    assert np.allclose(compute_fom(back, fom).fom, compute_fom(direct, fom).fom)
    assert np.allclose(compute_fom(back, "auc").fom, compute_fom(direct, "auc").fom)


def test_imrmc_refuses_froc_and_unfinished_studies_with_a_reason(roc_study_file, froc_study_file, tmp_path,
                                                                 capsys):
    assert simulate([str(froc_study_file), "--override-washout"]) == 0
    capsys.readouterr()
    out = tmp_path / "x.imrmc"
    assert main(["export", str(froc_study_file), "--format", "imrmc", "--out", str(out)]) == 2
    assert "export FROC studies as --format jafroc or long" in capsys.readouterr().err and not out.exists()
    simulate([str(roc_study_file), "--reader", "R1"])  # one arm of one reader, then the washout stops it
    capsys.readouterr()
    assert main(["export", str(roc_study_file), "--format", "imrmc", "--out", str(out)]) == 2
    assert "iMRMC needs a score for every reading; 56 are missing" in capsys.readouterr().err


def test_phase_first_exports_the_unaided_answers_of_the_second_read(second_read_study_file, tmp_path, capsys):
    assert simulate([str(second_read_study_file), "--override-washout", "--seed", "6"]) == 0
    first, final = tmp_path / "first.csv", tmp_path / "final.csv"
    assert main(["export", str(second_read_study_file), "--phase", "first", "--out", str(first)]) == 0
    assert main(["export", str(second_read_study_file), "--out", str(final)]) == 0
    first_reads, final_reads = read_roc_csv(first), read_roc_csv(final)
    assert first_reads.modalities == ("aided-second-read",)
    assert final_reads.modalities == ("unaided", "aided-second-read")
    study = load_study(second_read_study_file)
    store = ReadStore(study.database)
    for j, reader in enumerate(first_reads.readers):
        for k, case in enumerate(first_reads.cases):
            assert first_reads.ratings[0, j, k] == store.read(reader, "aided-second-read", case, "first").rating
    changed = first_reads.ratings[0] != final_reads.ratings[1][:, [final_reads.cases.index(c)
                                                                    for c in first_reads.cases]]
    assert changed.any()  # the simulated reader revises some answers once the AI is shown


def test_phase_first_without_a_second_read_arm_is_refused(roc_study_file, tmp_path, capsys):
    assert simulate([str(roc_study_file), "--override-washout"]) == 0
    capsys.readouterr()
    out = tmp_path / "first.csv"
    assert main(["export", str(roc_study_file), "--phase", "first", "--out", str(out)]) == 2
    assert "only an aided-second-read arm stores first (unaided) answers" in capsys.readouterr().err
    assert not out.exists()


def test_first_phase_froc_marks_go_to_jafroc(froc_second_read_study_file, tmp_path):
    assert simulate([str(froc_second_read_study_file), "--override-washout", "--seed", "9"]) == 0
    out = tmp_path / "first.xlsx"
    assert main(["export", str(froc_second_read_study_file), "--phase", "first", "--format", "jafroc",
                 "--out", str(out)]) == 0
    back, (_, direct) = read_jafroc(out), _direct(froc_second_read_study_file, "first")
    assert back.modalities == ("aided-second-read",)
    assert np.allclose(compute_fom(back, "wafroc").fom, compute_fom(direct, "wafroc").fom)


def test_second_read_reading_time_is_first_plus_final_as_in_the_timing_table(second_read_study_file, tmp_path):
    assert simulate([str(second_read_study_file), "--override-washout", "--seed", "7"]) == 0
    out = tmp_path / "final.csv"
    assert main(["export", str(second_read_study_file), "--out", str(out)]) == 0
    exported, (study, direct) = read_roc_csv(out), _direct(second_read_study_file)
    store = ReadStore(study.database)
    for i, arm in enumerate(direct.modalities):
        for j, reader in enumerate(direct.readers):
            for k, case in enumerate(direct.cases):
                phases = ("first", "final") if arm == "aided-second-read" else ("final",)
                seconds = sum(store.read(reader, arm, case, phase).active_ms for phase in phases) / 1000
                assert direct.reading_times[i, j, k] == pytest.approx(seconds)
                at = (exported.modalities.index(arm), exported.readers.index(reader), exported.cases.index(case))
                assert exported.reading_times[at] == pytest.approx(seconds, abs=0.0005)


def test_jafroc_ids_are_the_integers_rjafroc_requires_and_names_round_trip(froc_study_file, tmp_path):
    cases = froc_study_file.parent / "cases.csv"  # C005 gets a second lesion: LesionIDs 1, 2 within the case
    cases.write_text(cases.read_text().replace("67 108 6px,", "67 108 6px; 30 30 6px,"))
    assert simulate([str(froc_study_file), "--override-washout", "--seed", "4"]) == 0
    out = tmp_path / "study.xlsx"
    assert main(["export", str(froc_study_file), "--format", "jafroc", "--out", str(out)]) == 0
    _, direct = _direct(froc_study_file)
    book = openpyxl.load_workbook(out)
    truth = list(book["TRUTH"].iter_rows(min_row=2, values_only=True))
    expected = [(k + 1, slot + 1 if ids else 0, case, lesion)
                for k, (case, ids) in enumerate(zip(direct.cases, direct.froc.lesion_ids))
                for slot, lesion in enumerate(ids or (None,))]
    assert [row[:2] for row in truth] == [ids[:2] for ids in expected]
    assert [row[6:8] for row in truth] == [names[2:] for names in expected]  # CaseName, LesionName
    assert ("C005", "C005-L2") in {row[6:8] for row in truth}
    assert sorted(book.sheetnames) == ["FP", "TP", "TRUTH"]  # the order RJafroc's reader checks
    for sheet, id_columns in (("FP", (2,)), ("TP", (2, 3))):
        rows = list(book[sheet].iter_rows(min_row=2, values_only=True))
        assert rows and all(type(row[c]) is int and row[c] >= 1 for row in rows for c in id_columns)
    back = read_jafroc(out)
    assert back.cases == direct.cases and back.froc.lesion_ids == direct.froc.lesion_ids
    assert np.array_equal(back.froc.ll_ratings, direct.froc.ll_ratings)

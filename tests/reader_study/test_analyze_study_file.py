"""``cxr-reader analyze --study STUDY.toml``: the study file the workstation reads gives analyze the arm order of
the study's report, so the two never differ in sign for one study whatever order the file lists its arms in, and
the ratings file is held against the study: a reader, arm or case the study lacks, a training case or a truth that
differs from the case list is refused (exit 2, naming each), the study's cases the file lacks are a note. Before,
analyze had no such option: the order came from the arms' names alone and any file was analysed as given."""

from __future__ import annotations

import json

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.demo import write_demo_study
from cxr_reader_study.simulate import main as simulate

KEYS = ("first", "second", "estimate", "se", "p", "ci_low", "ci_high")


@pytest.fixture
def exported(tmp_path, capsys):
    """A study whose file lists the aided arm first, read by every reader, and its long-CSV export."""
    study = write_demo_study(tmp_path / "study", arms=("aided", "unaided"))
    assert simulate([str(study), "--override-washout", "--seed", "3"]) == 0
    ratings = tmp_path / "ratings.csv"
    assert main(["export", str(study), "--out", str(ratings)]) == 0
    capsys.readouterr()
    return study, ratings


def _analyze(capsys, *args) -> tuple[int, str, str]:
    code = main(["analyze", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_study_gives_the_report_s_arm_order_and_sign(exported, tmp_path, capsys):
    study, ratings = exported
    code, out, err = _analyze(capsys, ratings, "--study", study, "--json")
    assert (code, err) == (0, "")
    analyzed = json.loads(out)
    assert analyzed["arms"]["order"] == ["unaided", "aided"]
    assert analyzed["arms"]["source"].startswith("the study file study.toml, as its report orders them")
    assert analyzed["notes"] == []
    assert main(["report", str(study), "--out", str(tmp_path / "report")]) == 0
    capsys.readouterr()
    reported = json.loads((tmp_path / "report" / "mrmc.json").read_text())["auc"]
    assert reported["arms"]["order"] == analyzed["arms"]["order"]
    (ours,), (theirs,) = reported["or"]["rrrc"]["differences"], analyzed["or"]["rrrc"]["differences"]
    assert {k: ours[k] for k in KEYS} == pytest.approx({k: theirs[k] for k in KEYS})
    assert (theirs["first"], theirs["second"]) == ("aided", "unaided")
    code, text, _ = _analyze(capsys, ratings, "--study", study)
    assert code == 0 and "reference: unaided, from the study file study.toml" in text


@pytest.mark.parametrize("edit, message", [
    (lambda row: row.replace("R2,", "R9,", 1) if row.startswith("R2,") else row,
     "reader R9 not in the study (its readers: R1, R2, R3, R4)"),
    (lambda row: row.replace("R1,", "r1,", 1) if row.startswith("R1,") else row,
     "reader r1 (the study has R1) not in the study"),
    (lambda row: row.replace(",aided,", ",with-ai,"), "arm with-ai not in the study (its arms: aided, unaided)"),
    (lambda row: row.replace(",C008,", ",C099,"), "case C099 not in the study"),
    (lambda row: row.replace(",C008,", ",C000,"), "training case(s) C000, which the study never scores"),
    (lambda row: row.replace(",C001,0,", ",C001,1,"), "truth differs for 1 case(s) (C001: abnormal in the file, "
                                                      "normal in the study)"),
])
def test_a_file_that_is_not_the_study_s_is_refused(edit, message, exported, capsys):
    study, ratings = exported
    lines = ratings.read_text().splitlines()
    ratings.write_text("\n".join([lines[0], *map(edit, lines[1:])]) + "\n")
    code, out, err = _analyze(capsys, ratings, "--study", study)
    assert (code, out) == (2, "")
    assert f"{ratings} does not match the study {study}: " in err and message in err


def test_the_study_s_cases_missing_from_the_file_are_a_note(exported, capsys):
    study, ratings = exported
    lines = ratings.read_text().splitlines()
    ratings.write_text("\n".join(line for line in lines if ",C008," not in line) + "\n")
    code, out, err = _analyze(capsys, ratings, "--study", study, "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["notes"] == [
        f"1 of the study's 8 scored case(s) not in {ratings} (C008): readers may not have finished; the analysis "
        "takes what the file has"]


def test_arms_wins_over_the_study_and_says_so(exported, capsys):
    study, ratings = exported
    code, out, _ = _analyze(capsys, ratings, "--study", study, "--arms", "aided,unaided", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["arms"]["order"] == ["aided", "unaided"] and result["arms"]["source"] == "--arms"
    assert result["notes"] == ["arm order from --arms (aided, unaided), not the study file's (unaided, aided): "
                               "--arms wins over --study"]
    assert result["or"]["rrrc"]["differences"][0]["first"] == "unaided"

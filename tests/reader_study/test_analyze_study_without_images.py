"""``cxr-reader analyze --study`` on an archived study whose image folder is gone, and FROC lesion ids held against
the study's lesions: both found in a review of the --study check.

The check of readers, arms, cases and truth needs the study file and case list only, yet analyze read the study as a
reading station does and refused it ("image … not found" for every case) once the films were gone. Now it checks
what the files hold and says what it could not check. And a marks or truth file's lesion ids were never held against
the study's: marks scored against a lesion the study does not have were analysed without a word.
"""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.demo import write_demo_study
from cxr_reader_study.simulate import main as simulate


def _study_with_image_folder(folder, task: str):
    """A demo study, read by every reader, whose films sit in ``images/`` beside the study file."""
    study = write_demo_study(folder, task=task)
    images = folder / "images"
    images.mkdir()
    with (folder / "cases.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        shutil.move(folder / row["image"], images / row["image"])
        row["image"] = f"images/{row['image']}"
    with (folder / "cases.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert simulate([str(study), "--override-washout", "--seed", "3"]) == 0
    return study, images


def _analyze(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["analyze", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_study_check_needs_no_images(tmp_path, capsys):
    study, images = _study_with_image_folder(tmp_path / "study", "roc")
    ratings = tmp_path / "ratings.csv"
    assert main(["export", str(study), "--out", str(ratings)]) == 0
    code, out, err = _analyze(capsys, ratings, "--study", study, "--json")
    assert (code, err) == (0, "")
    with_images = json.loads(out)

    shutil.rmtree(images)  # the study archived without its films
    code, out, err = _analyze(capsys, ratings, "--study", study, "--json")
    assert (code, err) == (0, "")
    without = json.loads(out)
    assert without["or"] == with_images["or"] and without["arms"] == with_images["arms"]
    note, = without["notes"]
    assert note.startswith("the images of 9 of the study's 9 case(s) were not found (C000, C001, ")
    assert "not checked: that those films are readable, that their lesions lie on them" in note

    lines = ratings.read_text().splitlines()  # the check itself still runs: a reader the study lacks is refused
    ratings.write_text("\n".join([lines[0], *(row.replace("R2,", "R9,", 1) for row in lines[1:])]) + "\n")
    code, out, err = _analyze(capsys, ratings, "--study", study)
    assert (code, out) == (2, "") and "reader R9 not in the study (its readers: R1, R2, R3, R4)" in err


@pytest.mark.parametrize("images_kept", [True, False])
def test_froc_lesion_ids_the_study_lacks_are_refused(images_kept, tmp_path, capsys):
    study, images = _study_with_image_folder(tmp_path / "study", "froc")
    marks, truth = tmp_path / "marks.csv", tmp_path / "marks_truth.csv"
    assert main(["export", str(study), "--out", str(marks)]) == 0
    if not images_kept:
        shutil.rmtree(images)
    code, _, err = _analyze(capsys, marks, "--truth", truth, "--study", study, "--fom", "wafroc")
    assert (code, err) == (0, "")
    lesion = next(row["lesion_id"] for row in csv.DictReader(truth.open()) if row["lesion_id"])
    case = lesion.rsplit("-L", 1)[0]
    for path in (marks, truth):  # the same lesion renamed in both files, so they agree with each other
        path.write_text(path.read_text().replace(f",{lesion},", f",{case}-X9,"))
    code, out, err = _analyze(capsys, marks, "--truth", truth, "--study", study, "--fom", "wafroc")
    assert (code, out) == (2, "")
    assert f"lesion id(s) {case}-X9 not in the study (the study's lesions of those cases: {lesion}" in err

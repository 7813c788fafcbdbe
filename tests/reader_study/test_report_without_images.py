"""``cxr-reader report`` and ``export`` on another machine than the reading station: the image folder gone or moved.

FROC lesions sized in mm became radii in pixels with each film's pixel spacing, read from the images, so the report
and the export refused a study whose films were not there ("image … not found" for every case). The reading station
now records each displayed film's size and spacing in the reads database (schema 4), and the marks are scored with
the film as read: the same figures without the images, a film replaced since the reads is named, and a database
from before the record (schema 3) with the images gone says which figures it could not compute instead of guessing.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.simulate import main as simulate
from tests.dicom_factory import make_cr

SPACING = 0.5  # mm per pixel: a lesion of 8 mm is a radius of 8 px on these films
# (case, truth, lesion); the simulated reader marks within about 1 px of a lesion, so radii decide LL or NL
CASES = [("T1", "abnormal", "40 40 8mm", "yes")] + [(f"N{i}", "normal", "", "") for i in range(4)] + [
    ("A0", "abnormal", "30 40 8mm", ""), ("A1", "abnormal", "90 70 8mm", ""),
    ("A2", "abnormal", "60 50 8mm; 100 100 6mm", ""), ("A3", "abnormal", "45 90 8mm", "")]
FIGURES = ("table1.json", "mrmc.json", "timing.json")


def _study(folder: Path, calibrated: bool = True) -> Path:
    """An FROC study of real CR films in ``images/`` (DICOM, PixelSpacing 0.5 mm; else without calibration and the
    study's ``pixel_spacing_mm`` 0.5), read by every reader."""
    (folder / "images").mkdir(parents=True)
    rows = ["case_id,image,truth,lesions,training"]
    for number, (case, truth, lesions, training) in enumerate(CASES):
        make_cr(folder / "images" / f"{case}.dcm", rows=128, cols=128, spacing=SPACING if calibrated else None,
                seed=number, PatientID=case)
        rows.append(f"{case},images/{case}.dcm,{truth},{lesions},{training}")
    (folder / "cases.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "ai.json").write_text(json.dumps({"cases": {"A0": [{"x": 31, "y": 40, "score": 0.9}]}}), encoding="utf-8")
    readers = "".join(f'[[readers]]\nid = "R{r}"\ngroup = "radiologist"\n' for r in range(1, 5))
    study = folder / "study.toml"
    study.write_text('[study]\nname = "Films elsewhere"\ncases = "cases.csv"\ntask = "froc"\nscale = "1-5"\n'
                     'arms = ["unaided", "aided"]\nwashout_days = 0\nseed = 11\nai_findings = "ai.json"\n'
                     f"positive_threshold = 3\n{'' if calibrated else f'pixel_spacing_mm = {SPACING}'}\n{readers}",
                     encoding="utf-8")
    assert simulate([str(study), "--seed", "5"]) == 0
    return study


def _report(study: Path, out: Path, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["report", str(study), "--out", str(out)])
    printed = capsys.readouterr()
    return code, printed.out, printed.err


def _figures(folder: Path) -> dict[str, str]:
    """The figures as written (text: a NaN, e.g. the SD of one reader, compares equal to itself only so)."""
    return {name: (folder / name).read_text() for name in FIGURES}


def _as_schema_3(database: Path) -> None:
    """The database as a schema-3 station left it: its displays recorded no film (the columns dropped where present)."""
    db = sqlite3.connect(database)
    present = {row[1] for row in db.execute("PRAGMA table_info(views)")}
    for column in {"film_width", "film_height", "film_spacing_mm"} & present:
        db.execute(f"ALTER TABLE views DROP COLUMN {column}")
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()


@pytest.mark.parametrize("calibrated", [True, False])
def test_report_and_export_without_the_images_give_the_same_figures(calibrated, tmp_path, capsys):
    study = _study(tmp_path / "study", calibrated)
    code, out, err = _report(study, tmp_path / "with", capsys)
    assert (code, err) == (0, "") and "note:" not in out
    assert main(["export", str(study), "--out", str(tmp_path / "with.csv")]) == 0
    with_images = _figures(tmp_path / "with")
    lesion_sensitivity = [row["lesion_sensitivity"]["mean"] for row in json.loads(with_images["table1.json"])["groups"]]
    assert max(lesion_sensitivity) > 0  # the marks on the lesions were scored as hits

    shutil.rmtree(tmp_path / "study" / "images")  # analysed on another machine: no films
    assert main(["status", str(study)]) == 0
    code, out, err = _report(study, tmp_path / "without", capsys)
    assert (code, err) == (0, "") and "note:" not in out
    assert _figures(tmp_path / "without") == with_images
    assert (tmp_path / "without" / "froc_curves.png").is_file()
    assert main(["export", str(study), "--out", str(tmp_path / "without.csv")]) == 0
    assert (tmp_path / "without.csv").read_text() == (tmp_path / "with.csv").read_text()
    assert (tmp_path / "without_truth.csv").read_text() == (tmp_path / "with_truth.csv").read_text()
    db = sqlite3.connect(tmp_path / "study" / "study.sqlite")  # each display recorded the film it showed
    films = db.execute("SELECT DISTINCT film_width, film_height, film_spacing_mm FROM views").fetchall()
    db.close()
    assert films == [(128, 128, SPACING if calibrated else None)]  # None: no calibration, the study's applies


def test_a_schema_3_database_without_the_images_says_what_it_cannot_compute(tmp_path, capsys):
    study = _study(tmp_path / "study")
    code, _, _ = _report(study, tmp_path / "new", capsys)
    assert code == 0
    _as_schema_3(tmp_path / "study" / "study.sqlite")
    code, out, err = _report(study, tmp_path / "old_with_images", capsys)  # the films' headers stand in
    assert (code, err) == (0, "")
    assert _figures(tmp_path / "old_with_images") == _figures(tmp_path / "new")

    shutil.rmtree(tmp_path / "study" / "images")
    code, out, err = _report(study, tmp_path / "old", capsys)
    assert (code, err) == (0, "")
    assert ("note: lesion sizes in mm of case(s) A0, A1, A2, A3 could not be converted to pixels: the reads database "
            "records no film for them") in out
    assert "no figure that depends on which mark hit a lesion was computed (Table 1, the MRMC analysis" in out
    written = {path.name for path in (tmp_path / "old").iterdir()}
    assert not written & {"table1.json", "mrmc.json", "froc_curves.png", "ai.json"}  # nothing guessed
    assert {"timing.json", "report.html", "provenance.json"} <= written  # what needs no lesion is still there
    assert (tmp_path / "old" / "timing.json").read_text() == _figures(tmp_path / "new")["timing.json"]
    assert "<h2>Not computed</h2><p>Lesion sizes in mm of case(s) A0, A1, A2, A3" in (
        tmp_path / "old" / "report.html").read_text()
    code = main(["export", str(study), "--out", str(tmp_path / "old.csv")])
    assert code == 2 and "lesion sizes in mm of case(s) A0, A1, A2, A3" in capsys.readouterr().err
    assert not (tmp_path / "old.csv").exists()


def test_a_film_replaced_after_reading_is_named_and_scored_as_read(tmp_path, capsys):
    study = _study(tmp_path / "study")
    code, _, _ = _report(study, tmp_path / "as_read", capsys)
    assert code == 0
    # a film of the same size at 16 times the spacing: its 8 mm lesion would become a 0.5 px radius, missed by the
    # marks placed on it (the old code's figures moved, without a word)
    make_cr(tmp_path / "study" / "images" / "A2.dcm", rows=128, cols=128, spacing=SPACING * 16, seed=7, PatientID="A2")
    code, out, err = _report(study, tmp_path / "replaced", capsys)
    assert (code, err) == (0, "")
    assert (f"note: case A2: the film at {tmp_path / 'study' / 'images' / 'A2.dcm'} is now 128×128 px, 8 mm, but "
            "was read as 128×128 px, 0.5 mm; its marks were scored with the film as read") in out
    assert _figures(tmp_path / "replaced") == _figures(tmp_path / "as_read")

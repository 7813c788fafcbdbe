"""``cxr-reader report`` without the images: what ``provenance.json`` says of the reads, and ``--ai-ratings``.

With lesion radii unknown (a schema-3 database, the films gone) the reads table was hashed as scored with NaN radii:
a hash no export could reproduce (``export --format reads`` is refused then), different from the same reads' hash
with the images. And ``--ai-ratings`` was never read in that case: a malformed file passed silently (exit 0) and a
missing one raised a traceback after the report folder was written. A case never displayed (added to the case list
later) was blamed on displays before schema 4.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from cxr_reader_study.cli import main
from tests.dicom_factory import make_cr
from tests.reader_study.test_report_without_images import _as_schema_3, _study


def _reads(folder: Path) -> dict:
    return json.loads((folder / "provenance.json").read_text())["reads"]


def test_the_reads_hash_matches_the_export_with_or_without_images_and_is_not_made_up_when_radii_are_unknown(
        tmp_path, capsys):
    study = _study(tmp_path / "study")
    assert main(["report", str(study), "--out", str(tmp_path / "with")]) == 0
    assert main(["export", str(study), "--format", "reads", "--out", str(tmp_path / "reads.csv")]) == 0
    exported = hashlib.sha256((tmp_path / "reads.csv").read_bytes()).hexdigest()
    images = tmp_path / "study" / "images"
    shutil.move(images, tmp_path / "moved")
    assert main(["report", str(study), "--out", str(tmp_path / "without")]) == 0  # schema 4: the films as read
    assert _reads(tmp_path / "with")["sha256"] == _reads(tmp_path / "without")["sha256"] == exported

    _as_schema_3(tmp_path / "study" / "study.sqlite")  # the films were never recorded
    shutil.move(tmp_path / "moved", images)
    assert main(["report", str(study), "--out", str(tmp_path / "old_with")]) == 0  # radii from the images
    assert _reads(tmp_path / "old_with")["sha256"] == exported
    shutil.rmtree(images)
    capsys.readouterr()
    assert main(["report", str(study), "--out", str(tmp_path / "unknown")]) == 0
    reads = _reads(tmp_path / "unknown")
    assert reads["sha256"] is None and reads["count"] == _reads(tmp_path / "with")["count"]
    assert "lesion sizes in mm of case(s)" in reads["not_computed"]
    assert "no SHA-256: lesion radii unknown" in (tmp_path / "unknown" / "report.html").read_text()


@pytest.mark.parametrize("images", [True, False], ids=["radii known", "radii unknown"])
@pytest.mark.parametrize("ai_file", ["malformed", "missing"])
def test_bad_ai_ratings_stop_the_report_before_its_folder_radii_known_or_not(images, ai_file, tmp_path, capsys):
    study = _study(tmp_path / "study")
    if not images:
        _as_schema_3(tmp_path / "study" / "study.sqlite")
        shutil.rmtree(tmp_path / "study" / "images")
    ai = tmp_path / "ai.csv"
    if ai_file == "malformed":
        ai.write_text("nonsense,columns\n1,2\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["report", str(study), "--out", str(tmp_path / "report"), "--ai-ratings", str(ai)]) == 2
    err = capsys.readouterr().err
    said = {"malformed": "missing column(s) case, rating", "missing": "cannot read (No such file or directory)"}
    assert f"{ai}: {said[ai_file]}" in err
    assert not (tmp_path / "report").exists()


def test_a_case_never_displayed_is_said_to_be_so_not_blamed_on_an_old_station(tmp_path, capsys):
    """A case added to the case list after the reading, its image gone with the others: no film is recorded for it
    because no one displayed it, not because its displays came before schema 4."""
    study = _study(tmp_path / "study")
    make_cr(tmp_path / "study" / "images" / "A9.dcm", rows=128, cols=128, spacing=0.5, seed=99, PatientID="A9")
    with (tmp_path / "study" / "cases.csv").open("a", encoding="utf-8") as cases:
        cases.write("A9,images/A9.dcm,abnormal,50 50 8mm,\n")
    shutil.rmtree(tmp_path / "study" / "images")
    capsys.readouterr()
    assert main(["report", str(study), "--out", str(tmp_path / "report")]) == 0
    out = capsys.readouterr().out
    assert ("lesion sizes in mm of case(s) A9 could not be converted to pixels: A9 was never displayed to a reader "
            "(added to the case list after the reading?)") in out
    assert "schema 4" not in out

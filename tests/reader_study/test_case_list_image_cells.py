"""The case list's ``image`` cell when the images are not needed (``status``, ``export``, ``report``): only a named
file that is absent is "not found" and kept. A blank cell and a folder were kept too, as if their films had merely
moved, though no film could ever be behind them: they stay errors, as they are when the images are needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxr_reader_study.design.study_file import StudyError, load_study
from tests.dicom_factory import make_cr


def _study(folder: Path, extra_row: str) -> Path:
    (folder / "images").mkdir(parents=True)
    rows = ["case_id,image,truth,lesions,training"]
    for number in range(4):
        make_cr(folder / "images" / f"c{number}.dcm", rows=64, cols=64, spacing=0.5, seed=number,
                PatientID=f"P{number}")
        rows.append(f"c{number},images/c{number}.dcm,{'abnormal' if number % 2 else 'normal'},"
                    f"{'10 10 4mm' if number % 2 else ''},")
    rows.append(extra_row)
    (folder / "cases.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    study = folder / "study.toml"
    study.write_text('[study]\nname = "cells"\ncases = "cases.csv"\ntask = "froc"\nscale = "1-5"\n'
                     'arms = ["unaided"]\nwashout_days = 0\nseed = 1\n[[readers]]\nid = "R1"\n'
                     'group = "radiologist"\n', encoding="utf-8")
    return study


@pytest.mark.parametrize("cell", ["", "images"], ids=["blank", "a folder"])
def test_a_blank_or_folder_image_cell_is_an_error_even_without_the_images(cell, tmp_path):
    study = _study(tmp_path, f"c9,{cell},abnormal,10 10 4mm,")
    for images_needed in (True, False):
        with pytest.raises(StudyError, match=f"line 6, case c9: image '{cell}' not found"):
            load_study(study, images_needed=images_needed)


def test_a_named_file_that_is_gone_is_kept_without_the_images(tmp_path):
    study = _study(tmp_path, "c9,images/c9.dcm,abnormal,10 10 4mm,")
    with pytest.raises(StudyError, match="line 6, case c9: image 'images/c9.dcm' not found"):
        load_study(study)
    loaded = load_study(study, images_needed=False)
    assert loaded.images_not_found == ("c9",)
    assert [case.case_id for case in loaded.cases] == ["c0", "c1", "c2", "c3", "c9"]

"""A misspelt name in the study file is a problem, not a silently ignored line.

Each setting has a default, so ``washout_day = 28`` loaded as a study without washout (0 days: a reader could
start the second arm straight after the first), ``postive_threshold`` as one without sensitivity and
specificity, and a reader's ``grup`` as group "reader"; ``cxr-reader validate`` said OK.
"""

from __future__ import annotations

import pytest

from cxr_reader_study.cli import main
from cxr_reader_study.design.study_file import StudyError, load_study


@pytest.mark.parametrize(("right", "wrong", "said"), [
    ("washout_days = 28", "washout_day = 28", "unknown setting in [study] 'washout_day' (did you mean 'washout_days'?"),
    ("positive_threshold = 3", "postive_threshold = 3", "did you mean 'positive_threshold'?"),
    ('group = "radiologist"', 'grup = "radiologist"', "unknown key of reader 1 'grup' (did you mean 'group'?"),
    ("[[readers]]", "[[reader]]", "unknown table 'reader' (did you mean 'readers'?"),
])
def test_a_misspelt_name_is_refused_with_the_name_meant(roc_study_file, capsys, right, wrong, said):
    text = roc_study_file.read_text()
    assert right in text
    roc_study_file.write_text(text.replace(right, wrong, 1))
    with pytest.raises(StudyError) as refused:
        load_study(roc_study_file)
    assert any(said in problem for problem in refused.value.problems)
    assert main(["validate", str(roc_study_file)]) == 2
    assert said in capsys.readouterr().err


def test_the_documented_names_load(roc_study_file):
    """Every setting of the documented example, optional ones included, is known."""
    text = roc_study_file.read_text().replace("[study]", '[study]\nname = "N"\ndatabase = "reads.sqlite"\n'
                                                           "pixel_spacing_mm = 0.35", 1)
    roc_study_file.write_text(text.replace('name = "Demo study"\n', "", 1))
    study = load_study(roc_study_file)
    assert study.database.name == "reads.sqlite" and study.washout_days == 28 and study.positive_threshold == 3

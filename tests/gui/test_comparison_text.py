"""The comparison pane's corner line, worked out from the relation and the two Study Dates (Qt-free)."""

from __future__ import annotations

from datetime import date

import pytest

from cxr_viewer.gui.comparison_text import comparison_text, interval_text, study_date


@pytest.mark.parametrize(("first", "second", "said"), [
    (date(2024, 3, 1), date(2024, 3, 1), "same day"),
    (date(2024, 3, 1), date(2024, 3, 2), "1 day"),
    (date(2024, 1, 1), date(2024, 2, 29), "59 days"),
    (date(2023, 1, 1), date(2024, 5, 10), "16 months"),
    (date(2023, 1, 5), date(2024, 3, 1), "13 months"),  # not 14: the 1st comes before the 5th
    (date(2020, 1, 1), date(2024, 1, 1), "4 years"),
    (date(2020, 1, 1), date(2024, 3, 1), "4.2 years"),
    (date(2018, 3, 1), date(2023, 1, 1), "4.8 years"),  # 58 months: short enough for a narrow pane
    (date(2024, 5, 10), date(2023, 1, 1), "16 months"),  # either order
])
def test_the_interval_is_counted_in_the_unit_a_reader_uses(first, second, said):
    assert interval_text(first, second) == said


def test_dates_in_the_old_form_are_read_and_malformed_ones_are_not():
    assert study_date("2024.05.01") == date(2024, 5, 1)
    assert study_date("20230230") is None and study_date("") is None and study_date(None) is None


def test_the_line_names_the_relation_first_and_hides_dates_when_blinded():
    assert comparison_text("prior", "list", "20230101", "20240510") == "prior · 2023-01-01\n16 months earlier"
    assert comparison_text("later", "list", "20240510", "20230101") == "later study · 2024-05-10\n16 months later"
    assert comparison_text("prior", "index", "20240301", "20240301") == "prior · 2024-03-01\nsame day\nfrom the study index"
    assert comparison_text("same study", "study", "20240510", "20240510", image="2/3") == "same study · image 2/3"
    assert comparison_text("other", "list", "", "20240510") == "other study · undated"
    assert comparison_text("other", "list", "20240510", "") == "other study · 2024-05-10\nthis film has no date"
    assert comparison_text("prior", "index", "20230101", "20240510", blinded=True) == "prior\nfrom the study index"
    assert comparison_text("later", "list", "20240510", "20230101", blinded=True) == "later study"

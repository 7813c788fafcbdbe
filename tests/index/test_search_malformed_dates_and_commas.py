"""Search results a user would call wrong: a study listed without a date inside a date range, and "Doe, John"
(how names are written in letters and worklists) finding nothing for the patient Doe^John."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import search

from .conftest import write_study


@pytest.fixture
def dated(index: StudyIndex, tmp_path: Path) -> dict[str, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydicom warns when writing the malformed dates: they are the point here
        uids = {
            "good": write_study(tmp_path / "good", PatientName="Good^Date", StudyDate="20230505"),
            "acr": write_study(tmp_path / "acr", PatientName="Acr^Nema", StudyDate="2023.06.01"),
            "dashes": write_study(tmp_path / "dashes", PatientName="Dash^Date", StudyDate="2023-05-05"),
            "year": write_study(tmp_path / "year", PatientName="Year^Only", StudyDate="2023"),
            "blank": write_study(tmp_path / "blank", PatientName="No^Date", StudyDate=None),
        }
    assert import_paths(index, [tmp_path]).failed == []
    return uids


def test_a_date_range_lists_only_studies_whose_date_it_can_show(index: StudyIndex, dated: dict[str, str]) -> None:
    rows = search(index, date_from="20220101", date_to="20231231")
    assert {row.study_uid for row in rows} == {dated["good"], dated["acr"]}
    assert all(row.study_date is not None for row in rows)  # the table shows each one's date
    assert {row.study_uid for row in search(index, date_to="20991231")} == {dated["good"], dated["acr"]}
    assert {row.study_uid for row in search(index, date_from="20000101")} == {dated["good"], dated["acr"]}


def test_malformed_dates_still_list_without_a_range(index: StudyIndex, dated: dict[str, str]) -> None:
    rows = {row.study_uid: row for row in search(index)}
    assert set(rows) == set(dated.values())
    assert rows[dated["dashes"]].study_date is None and rows[dated["year"]].study_date is None


@pytest.mark.parametrize("text", ["Doe, John", "doe,john", "DOE , JOHN", "Doe,", ",John"])
def test_commas_separate_words_like_spaces_and_carets(index: StudyIndex, tmp_path: Path, text: str) -> None:
    doe = write_study(tmp_path / "doe", PatientName="Doe^John", StudyDescription="Chest PA")
    write_study(tmp_path / "roe", PatientName="Roe^Mary", StudyDescription="Chest, PA and lateral")
    import_paths(index, [tmp_path])
    assert [row.study_uid for row in search(index, text)] == [doe]


def test_a_comma_in_a_description_still_matches_words_on_both_sides(index: StudyIndex, tmp_path: Path) -> None:
    roe = write_study(tmp_path / "roe", PatientName="Roe^Mary", StudyDescription="Chest, PA and lateral")
    import_paths(index, [tmp_path])
    assert [row.study_uid for row in search(index, "chest, lateral")] == [roe]
    assert search(index, ",") == search(index, "")  # nothing but separators: no filter, as an empty field

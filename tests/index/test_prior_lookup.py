"""The comparison pane's prior from the index: the same PatientID exactly, the newest study before the current one
by date and time, its first image in reading order; never another patient, a later or an undated study; indexed
queries only, so the GUI thread may ask."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.prior import FIRST_IMAGE_SQL, LATER_STUDY_SQL, PRIOR_STUDY_SQL, later_image, prior_image
from tests.dicom_factory import make_cr


def _film(path: Path, patient: str, date: str | None, uid: str, time: str | None = "101500", series: int = 1,
          instance: int = 1) -> Path:
    with warnings.catch_warnings():  # pydicom warns about the ACR-NEMA time form some tests write
        warnings.simplefilter("ignore")
        return make_cr(path, rows=8, cols=8, PatientID=patient, StudyDate=date, StudyTime=time,
                       StudyInstanceUID=uid, SeriesInstanceUID=f"{uid}.{series}", SeriesNumber=series,
                       InstanceNumber=instance)


@pytest.fixture
def ann(index: StudyIndex, tmp_path: Path) -> dict[str, Path]:
    """Ann (A1): studies of 2020, 2023 and 2024-06 around the current one of 2024-03-01; another patient "a1" (the
    same letters in another case) and Bob each have a study between her 2023 one and the current one."""
    films = {
        "older": _film(tmp_path / "older.dcm", "A1", "20200101", "1.9.1"),
        "prior": _film(tmp_path / "prior.dcm", "A1", "20230105", "1.9.2"),
        "current": _film(tmp_path / "current.dcm", "A1", "20240301", "1.9.3"),
        "later": _film(tmp_path / "later.dcm", "A1", "20240601", "1.9.4"),
        "lower_case": _film(tmp_path / "lower.dcm", "a1", "20240201", "1.9.5"),
        "bob": _film(tmp_path / "bob.dcm", "B2", "20240228", "1.9.6"),
    }
    assert import_paths(index, [tmp_path]).added == len(films)
    return films


def test_the_newest_earlier_study_of_the_same_patient_id_is_the_prior(index, ann):
    assert prior_image(index, "A1", "20240301101500", "1.9.3") == ann["prior"]
    assert prior_image(index, "A1", "20230105101500", "1.9.2") == ann["older"]
    assert prior_image(index, "A1", "20200101101500", "1.9.1") is None  # nothing earlier: no later film instead
    assert prior_image(index, "a1", "20240301101500", "") == ann["lower_case"]  # "a1" is its own patient
    assert prior_image(index, "B2", "20240301101500", "") == ann["bob"]
    assert prior_image(index, "C3", "20240301101500", "") is None


def test_the_current_study_itself_is_never_its_prior(index, ann):
    """Asked with a time after all of Ann's studies, the newest is the prior of anything but itself."""
    assert prior_image(index, "A1", "20991231", "") == ann["later"]
    assert prior_image(index, "A1", "20991231", "1.9.4") == ann["current"]


def test_the_same_days_earlier_film_is_the_prior_by_study_time(index, tmp_path):
    """Morning film at 07:10 (stored from the colon form), evening film at 18:40: the morning one is the evening
    one's prior, and the day before is the morning one's."""
    evening = _film(tmp_path / "evening.dcm", "A1", "20240301", "1.8.1", time="184000")
    morning = _film(tmp_path / "morning.dcm", "A1", "20240301", "1.8.2", time="07:10:00")
    day_before = _film(tmp_path / "day_before.dcm", "A1", "20240229", "1.8.3", time="120000")
    import_paths(index, [tmp_path])
    assert prior_image(index, "A1", "20240301184000", "1.8.1") == morning
    assert prior_image(index, "A1", "20240301071000", "1.8.2") == day_before
    assert evening.exists()


def test_the_prior_opens_on_its_first_image_in_reading_order(index, tmp_path):
    """Series 1 before series 2, instance 1 before instance 2, whatever the files' names or import order."""
    for name, series, instance in (("a.dcm", 2, 1), ("b.dcm", 1, 2), ("c.dcm", 1, 1)):
        _film(tmp_path / "prior" / name, "A1", "20230105", "1.7.1", series=series, instance=instance)
    import_paths(index, [tmp_path])
    assert prior_image(index, "A1", "20240301", "1.7.9") == tmp_path / "prior" / "c.dcm"


def test_undated_studies_are_never_priors_and_an_undated_film_gets_none(index, tmp_path):
    """Nothing says when an undated study was made, so it is never taken; nor is a prior sought for an undated
    film (the newest study could be later than it)."""
    _film(tmp_path / "undated.dcm", "A1", None, "1.6.1", time=None)
    _film(tmp_path / "malformed.dcm", "A1", "2023", "1.6.2")
    import_paths(index, [tmp_path])
    assert prior_image(index, "A1", "20240301", "1.6.9") is None
    _film(tmp_path / "dated.dcm", "A1", "20230105", "1.6.3")
    import_paths(index, [tmp_path])
    assert prior_image(index, "A1", "20240301", "1.6.9") == tmp_path / "dated.dcm"
    assert prior_image(index, "A1", "", "1.6.1") is None
    assert prior_image(index, "", "20240301", "1.6.9") is None  # no patient: no one's prior


def test_the_later_study_is_the_patients_next_one_by_the_same_rules(index, ann):
    """A reader on a prior: the study that followed it, not the newest; never another patient (nor "a1"), never
    the study itself; nothing after the last study or without a date or patient."""
    assert later_image(index, "A1", "20200101101500", "1.9.1") == ann["prior"]  # 2023, not 2024
    assert later_image(index, "A1", "20240301101500", "1.9.3") == ann["later"]
    assert later_image(index, "A1", "20240601101500", "1.9.4") is None
    assert later_image(index, "a1", "20200101101500", "") == ann["lower_case"]
    assert later_image(index, "B2", "20240228101500", "1.9.6") is None
    assert later_image(index, "A1", "", "1.9.1") is None and later_image(index, "", "20200101", "") is None


def test_both_lookups_search_indexes_only(index, ann):
    """Whatever the index holds, the GUI thread reads the patient's few studies and one study's images: no table
    is scanned (a scan of the instance table would freeze the window on a large index)."""
    for sql, args in ((PRIOR_STUDY_SQL, ("A1", "", "20240301")), (LATER_STUDY_SQL, ("A1", "", "20240301")),
                      (FIRST_IMAGE_SQL, (1,))):
        plan = [row[3] for row in index.connection.execute(f"EXPLAIN QUERY PLAN {sql}", args)]
        steps = [step for step in plan if not step.startswith("USE TEMP B-TREE")]
        assert steps and all(step.startswith("SEARCH") and "INDEX" in step for step in steps), plan

"""Which study the comparison pane takes as the prior: from the headers of the open list, else from the study index
(Qt-free: the navigator and a real index)."""

from __future__ import annotations

import warnings

from cxr_viewer.gui.navigation import Comparison, Navigator
from cxr_viewer.gui.study_grouping import group_by_study
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.prior import prior_image
from tests import dicom_factory


def _study(path, date: str, time: str, uid: str):
    with warnings.catch_warnings():  # pydicom warns about the ACR-NEMA forms it is asked to write
        warnings.simplefilter("ignore")
        return dicom_factory.make_cr(path, rows=8, cols=8, PatientID="A1", StudyDate=date, StudyTime=time,
                                     StudyInstanceUID=uid)


def _prior_of(paths, current: int):
    navigator = Navigator()
    navigator.set_studies(*group_by_study(paths))
    navigator.study = current
    return navigator.comparison().path


def test_an_acr_nema_date_is_compared_as_the_date_it_is(tmp_path):
    """A film of May 2024 written in the old form "2024.05.01" is later than the 2024-03-01 study, so it is not its
    prior (as text it sorts before "20240301", '.' before the digits); the December 2023 film is. And for the May
    film, the March one is the prior."""
    current = _study(tmp_path / "a.dcm", "20240301", "", "1.2.1")
    later_old_form = _study(tmp_path / "b.dcm", "2024.05.01", "", "1.2.2")
    december = _study(tmp_path / "c.dcm", "20231231", "", "1.2.3")
    assert _prior_of([current, later_old_form, december], current=0) == december
    assert _prior_of([current, later_old_form, december], current=1) == current


def test_the_same_days_earlier_film_is_the_prior_by_study_time(tmp_path):
    """An ICU patient filmed at 18:40 and at 07:10 the same day (the morning time in the colon form): the morning
    film is the evening film's prior, and the evening film is never the morning film's prior."""
    evening = _study(tmp_path / "a.dcm", "20240301", "184000", "1.3.1")
    morning = _study(tmp_path / "b.dcm", "20240301", "07:10:00", "1.3.2")
    day_before = _study(tmp_path / "c.dcm", "20240229", "120000", "1.3.3")
    assert _prior_of([evening, morning, day_before], current=0) == morning
    assert _prior_of([evening, morning, day_before], current=1) == day_before


def _indexed(tmp_path, *films):
    """A real study index holding ``films`` (``(name, PatientID, date, uid)``), as the Studies dock would."""
    index = StudyIndex(tmp_path / "index.sqlite")
    for name, patient, date, uid in films:
        dicom_factory.make_cr(tmp_path / "indexed" / name, rows=8, cols=8, PatientID=patient, StudyDate=date,
                              StudyInstanceUID=uid)
    if films:
        assert import_paths(index, [tmp_path / "indexed"]).added == len(films)
    return index


def _comparison(paths, index):
    navigator = Navigator()
    navigator.set_studies(*group_by_study(paths))
    return navigator.comparison(lambda patient, when, uid: prior_image(index, patient, when, uid))


def test_a_study_of_the_patient_in_the_list_wins_over_the_index(tmp_path):
    """The files the reader opened together are compared, even when the index holds a newer prior."""
    index = _indexed(tmp_path, ("newer_prior.dcm", "A1", "20231201", "1.4.1"))
    current = _study(tmp_path / "a.dcm", "20240301", "", "1.4.2")
    listed = _study(tmp_path / "b.dcm", "20200101", "", "1.4.3")
    assert _comparison([current, listed], index) == Comparison(listed, "list", "prior")
    assert _comparison([current], index) == Comparison(tmp_path / "indexed" / "newer_prior.dcm", "index", "prior")


def test_the_index_is_asked_before_another_image_of_this_study_and_not_for_an_undated_film(tmp_path):
    index = _indexed(tmp_path, ("prior.dcm", "A1", "20231201", "1.5.1"))
    pa = _study(tmp_path / "pa.dcm", "20240301", "", "1.5.2")
    lateral = _study(tmp_path / "lateral.dcm", "20240301", "", "1.5.2")
    assert _comparison([pa, lateral], index) == Comparison(tmp_path / "indexed" / "prior.dcm", "index", "prior")
    undated = _study(tmp_path / "undated.dcm", "", "", "1.5.3")
    assert _comparison([undated], index) == Comparison(None, "undated")
    assert _comparison([pa, lateral], _indexed(tmp_path / "empty")) == Comparison(lateral, "study", "same study")

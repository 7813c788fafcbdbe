"""Finding studies by name, ID, date range, modality and accession; listing a study's images; recent list."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pydicom
import pytest

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import instances_of_study, mark_opened, recent_studies, search
from tests.dicom_factory import make_cr, make_dx

from .conftest import write_study


@pytest.fixture
def three_studies(index: StudyIndex, tmp_path: Path) -> dict[str, str]:
    uids = {
        "doe": write_study(tmp_path / "doe", n_images=2, n_series=2, PatientName="Doe^John", PatientID="MRN-100",
                           StudyDate="20230115", AccessionNumber="A100", StudyDescription="Chest PA"),
        "roe": write_study(tmp_path / "roe", PatientName="Roe^Mary", PatientID="MRN-200", StudyDate="20240620",
                           AccessionNumber="A200", StudyDescription="Follow-up"),
        "nodate": write_study(tmp_path / "nodate", PatientName="Poe^Edgar", PatientID="X_1", StudyDate=None,
                              AccessionNumber="B300", StudyDescription="Portable 100%"),
    }  # fmt: skip
    make_dx(tmp_path / "roe" / "dx.dcm", rows=16, cols=16, StudyInstanceUID=uids["roe"], PatientName="Roe^Mary",
            PatientID="MRN-200", StudyDate="20240620", AccessionNumber="A200", SeriesNumber=2)  # fmt: skip
    assert import_paths(index, [tmp_path]).failed == []
    return uids


def uids_of(rows: list) -> list[str]:
    return [row.study_uid for row in rows]


def test_no_filter_lists_all_newest_first(index: StudyIndex, three_studies: dict[str, str]) -> None:
    rows = search(index)
    assert uids_of(rows) == [three_studies["roe"], three_studies["doe"], three_studies["nodate"]]
    doe = rows[1]
    assert (doe.patient_name, doe.patient_id, doe.study_date) == ("Doe^John", "MRN-100", dt.date(2023, 1, 15))
    assert (doe.n_series, doe.n_instances, doe.accession, doe.description) == (2, 4, "A100", "Chest PA")
    assert rows[0].modality == "CR, DX" and rows[2].study_date is None
    assert len(search(index, limit=1)) == 1


def test_text_matches_name_words_in_any_order_and_other_fields(index: StudyIndex, three_studies: dict) -> None:
    assert uids_of(search(index, "john doe")) == [three_studies["doe"]]
    assert uids_of(search(index, "DOE^JOHN")) == [three_studies["doe"]]
    assert uids_of(search(index, "follow")) == [three_studies["roe"]]
    assert uids_of(search(index, "mrn-2")) == [three_studies["roe"]]
    assert uids_of(search(index, "100%")) == [three_studies["nodate"]]  # % is literal, not a wildcard
    assert search(index, "john mary") == []


def test_patient_id_and_accession_exact_or_with_dicom_wildcards(index: StudyIndex, three_studies: dict) -> None:
    assert uids_of(search(index, patient_id="MRN-100")) == [three_studies["doe"]]
    assert search(index, patient_id="MRN-1") == []
    assert set(uids_of(search(index, patient_id="MRN-*"))) == {three_studies["doe"], three_studies["roe"]}
    assert uids_of(search(index, patient_id="X?1")) == [three_studies["nodate"]]
    assert search(index, patient_id="X11") == []  # "_" in the stored ID is literal, not a LIKE wildcard
    assert uids_of(search(index, accession="A200")) == [three_studies["roe"]]
    assert uids_of(search(index, accession="B*", text="poe")) == [three_studies["nodate"]]


def test_date_range_is_inclusive_and_skips_undated(index: StudyIndex, three_studies: dict) -> None:
    assert uids_of(search(index, date_from=dt.date(2023, 1, 15), date_to="2023-01-15")) == [three_studies["doe"]]
    assert uids_of(search(index, date_from="20240101")) == [three_studies["roe"]]
    assert uids_of(search(index, date_to="20231231")) == [three_studies["doe"]]
    with pytest.raises(ValueError, match="2024-13-01"):
        search(index, date_from="2024-13-01")


def test_modality_filter_keeps_all_modalities_in_the_row(index: StudyIndex, three_studies: dict) -> None:
    [row] = search(index, modality="dx")
    assert row.study_uid == three_studies["roe"] and row.modality == "CR, DX"
    assert len(search(index, modality="CR")) == 3 and search(index, modality="CT") == []


def test_instances_in_series_then_instance_order(index: StudyIndex, three_studies: dict, tmp_path: Path) -> None:
    rows = instances_of_study(index, three_studies["doe"])
    assert [(r.series_number, r.instance_number) for r in rows] == [(1, 1), (1, 2), (2, 1), (2, 2)]
    assert rows[0].path == tmp_path / "doe" / "s1" / "i0001.dcm" and rows[0].modality == "CR"
    assert instances_of_study(index, "1.2.3.unknown") == []


def test_recent_studies_newest_first_and_unknown_study_refused(index: StudyIndex, three_studies: dict) -> None:
    mark_opened(index, three_studies["doe"])
    mark_opened(index, three_studies["roe"])
    mark_opened(index, three_studies["doe"])
    assert uids_of(recent_studies(index)) == [three_studies["doe"], three_studies["roe"]]
    assert uids_of(recent_studies(index, n=1)) == [three_studies["doe"]]
    with pytest.raises(ValueError, match="not in the index"):
        mark_opened(index, "1.2.3.unknown")


def test_later_file_fills_blank_study_fields(index: StudyIndex, tmp_path: Path) -> None:
    first = make_cr(tmp_path / "a.dcm", rows=16, cols=16, StudyDescription=None, AccessionNumber="")
    uid = pydicom.dcmread(first).StudyInstanceUID
    make_cr(tmp_path / "b.dcm", rows=16, cols=16, StudyInstanceUID=uid, StudyDescription="Chest AP",
            AccessionNumber="Z9")  # fmt: skip
    import_paths(index, [tmp_path / "a.dcm"])
    import_paths(index, [tmp_path / "b.dcm"])
    os.utime(first, (1_000_000_000, 1_000_000_000))  # a changed file is read again...
    assert import_paths(index, [first]).updated == 1
    [row] = search(index)  # ...and its blanks do not erase what b gave
    assert (row.description, row.accession, row.n_instances) == ("Chest AP", "Z9", 2)


def test_patient_id_and_accession_without_wildcard_are_case_sensitive(index: StudyIndex, tmp_path: Path) -> None:
    lower = write_study(tmp_path / "lower", n_images=1, PatientID="ab12", AccessionNumber="acc-1")
    upper = write_study(tmp_path / "upper", n_images=1, PatientID="AB12", AccessionNumber="ACC-2")
    import_paths(index, [tmp_path])
    assert uids_of(search(index, patient_id="AB12")) == [upper]
    assert uids_of(search(index, patient_id=" ab12 ")) == [lower]
    assert search(index, accession="ACC-1") == []
    assert set(uids_of(search(index, patient_id="ab*"))) == {lower, upper}  # wildcards still ignore ASCII case


def test_blank_patient_fields_in_a_later_file_keep_the_study_on_its_patient(index: StudyIndex, tmp_path: Path) -> None:
    uid = write_study(tmp_path / "a", n_images=1, PatientName="Doe^John", PatientID="P1", PatientSex="M")
    write_study(tmp_path / "b", n_images=1, StudyInstanceUID=uid, PatientName="", PatientID="P1",
                PatientBirthDate=None, PatientSex="")  # fmt: skip
    import_paths(index, [tmp_path])
    [row] = search(index, "doe")
    assert (row.study_uid, row.patient_name, row.patient_id, row.n_instances) == (uid, "Doe^John", "P1", 2)
    patient = index.connection.execute("SELECT * FROM patient").fetchall()
    assert [(p["patient_name"], p["birth_date"], p["sex"]) for p in patient] == [("Doe^John", "19700101", "M")]

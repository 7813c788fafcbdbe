"""Study times in the ACR-NEMA form HH:MM:SS.frac, as old files hold them, are stored as DICOM 3.0 TM (HHMMSS.frac)
so that studies of one day list newest first whichever form their files use."""

from __future__ import annotations

import warnings
from pathlib import Path

from cxr_viewer.index.db import StudyIndex
from cxr_viewer.index.importer import import_paths
from cxr_viewer.index.query import search
from cxr_viewer.core.dicom_dates import normalize_tm
from tests.dicom_factory import make_cr


def write_film(path: Path, study_time: str, description: str) -> Path:
    """A film of patient OLD-TIME on 2024-01-05; pydicom warns that a colon time is not a valid TM (it is not, since
    DICOM 3.0), which is what such an old file holds."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Invalid value for VR TM")
        return make_cr(path, rows=16, cols=16, PatientID="OLD-TIME", StudyDate="20240105", StudyTime=study_time,
                       StudyDescription=description)  # fmt: skip


def test_normalize_tm_drops_the_colons_of_the_old_form_and_keeps_the_rest() -> None:
    assert normalize_tm("09:15:00") == normalize_tm(" 09:15:00 ") == "091500"
    assert normalize_tm("09:15") == "0915"
    assert normalize_tm("23:59:59.123456") == "235959.123456"
    assert normalize_tm("101500.5") == "101500.5" and normalize_tm("10") == "10" and normalize_tm("") == ""
    for malformed in ("9:15:00", "09:15:00.1234567", "09:15:00.", "09:15:00x", "09.15.00"):
        assert normalize_tm(malformed) == malformed  # not a form PS3.5 names: kept as it came


def test_old_times_are_normalised_at_import_and_sort_with_current_ones(index: StudyIndex, tmp_path: Path) -> None:
    """As text, "09:15:00" sorts after "093000" (':' follows the digits): the 09:15 film would list as the later."""
    write_film(tmp_path / "early.dcm", "08:05:00.25", "early, old form")
    write_film(tmp_path / "mid.dcm", "09:15:00", "mid-morning, old form")
    write_film(tmp_path / "later.dcm", "093000", "half past nine, current form")
    write_film(tmp_path / "evening.dcm", "18:40", "evening, old form without seconds")
    assert import_paths(index, [tmp_path]).added == 4
    assert [row.description for row in search(index)] == [
        "evening, old form without seconds", "half past nine, current form", "mid-morning, old form",
        "early, old form",
    ]  # fmt: skip
    stored = {row[0] for row in index.connection.execute("SELECT study_time FROM study")}
    assert stored == {"080500.25", "091500", "093000", "1840"}

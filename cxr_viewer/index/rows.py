"""The rows the index hands to the GUI: one per study (for the study list) and one per instance (to open)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

_ACR_NEMA_DA = re.compile(r"([0-9]{4})\.([0-9]{2})\.([0-9]{2})")
_ACR_NEMA_TM = re.compile(r"([0-9]{2}):([0-9]{2})(?::([0-9]{2})(\.[0-9]{1,6})?)?")


@dataclass(frozen=True)
class StudyRow:
    study_uid: str
    patient_name: str
    patient_id: str
    study_date: dt.date | None  # None when the file had no (valid) Study Date
    modality: str  # the study's series modalities, e.g. "CR, DX"
    accession: str
    description: str
    n_series: int
    n_instances: int


@dataclass(frozen=True)
class InstanceRow:
    sop_instance_uid: str
    series_uid: str
    series_number: int | None
    series_description: str
    modality: str
    instance_number: int | None
    path: Path
    rows: int | None
    cols: int | None
    photometric: str
    source: str  # "dicom" or "image" (a plain PNG/JPEG/MHA/NRRD/NIfTI with generated UIDs)
    thumbnail: bytes | None  # PNG, filled by cxr_viewer.index.thumbnails.ensure_thumbnails


STUDY_SELECT = """
SELECT st.study_uid, p.patient_name, p.patient_id, st.study_date, st.accession, st.description,
       (SELECT group_concat(modality, ', ') FROM (SELECT DISTINCT modality FROM series
         WHERE study_ref = st.id AND modality <> '' ORDER BY modality)) AS modalities,
       (SELECT COUNT(*) FROM series WHERE study_ref = st.id) AS n_series,
       (SELECT COUNT(*) FROM instance i JOIN series se ON se.id = i.series_ref WHERE se.study_ref = st.id)
         AS n_instances
FROM study st JOIN patient p ON p.id = st.patient_ref
"""


def study_row(row: sqlite3.Row) -> StudyRow:
    return StudyRow(
        study_uid=row["study_uid"],
        patient_name=row["patient_name"],
        patient_id=row["patient_id"],
        study_date=parse_da(row["study_date"]),
        modality=row["modalities"] or "",
        accession=row["accession"],
        description=row["description"],
        n_series=int(row["n_series"]),
        n_instances=int(row["n_instances"]),
    )


def normalize_da(value: str) -> str:
    """A DICOM DA in its current form YYYYMMDD: the ACR-NEMA form ``YYYY.MM.DD`` loses its dots.

    PS3.5 6.2 recommends accepting ``YYYY.MM.DD`` for files written before DICOM 3.0; the index stores dates as
    YYYYMMDD text so that date ranges compare as strings. Anything else is returned stripped but unchanged.
    """
    text = value.strip()
    old_form = _ACR_NEMA_DA.fullmatch(text)
    return "".join(old_form.groups()) if old_form else text


def normalize_tm(value: str) -> str:
    """A DICOM TM in its current form HHMMSS.FFFFFF: the ACR-NEMA form ``HH:MM:SS.frac`` loses its colons.

    ``HH:MM`` and ``HH:MM:SS`` too; a fraction is kept. PS3.5 6.2 recommends accepting the colon form for files
    written before DICOM 3.0. Stored as it came, it would sort wrongly against current times ("09:15:00" after
    "093000", as ':' follows the digits); without colons, TM values (trailing components may be omitted) compare
    correctly as text. Anything else is returned stripped but unchanged.
    """
    text = value.strip()
    old_form = _ACR_NEMA_TM.fullmatch(text)
    return "".join(part or "" for part in old_form.groups()) if old_form else text


def parse_da(value: str) -> dt.date | None:
    """A DICOM DA (YYYYMMDD, or the old YYYY.MM.DD) as a date; malformed dates, common in old files, become None."""
    try:
        return dt.datetime.strptime(normalize_da(value), "%Y%m%d").date() if value else None
    except ValueError:
        return None

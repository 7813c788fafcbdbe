"""The rows the index hands to the GUI: one per study (for the study list) and one per instance (to open)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cxr_viewer.core.dicom_dates import normalize_da


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
    study_date_text: str  # the Study Date as stored, shown as it is when it is not a valid date
    read: bool = False  # the radiologist has read it (``read_status``); unread studies are listed in bold


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
         AS n_instances,
       EXISTS (SELECT 1 FROM study_read WHERE study_ref = st.id) AS is_read
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
        study_date_text=row["study_date"] or "",
        read=bool(row["is_read"]),
    )


def parse_da(value: str) -> dt.date | None:
    """A DICOM DA (YYYYMMDD, or the old YYYY.MM.DD) as a date; malformed dates, common in old files, become None."""
    try:
        return dt.datetime.strptime(normalize_da(value), "%Y%m%d").date() if value else None
    except ValueError:
        return None

"""Reading just enough of a file to index it: DICOM headers without pixels (plain images: ``image_headers``).

The file is read by :mod:`cxr_viewer.index.header_read`; here its tags are checked and become an index record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydicom.uid import MediaStorageDirectoryStorage

from cxr_viewer.core.dicom_dates import normalize_da, normalize_tm
from cxr_viewer.index.header_read import read_indexed_tags
from cxr_viewer.index.image_headers import MIN_PLAIN_IMAGE_SIDE, read_plain_image
from cxr_viewer.index.records import InstanceRecord, UnreadableFile, is_plain_image

_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1


def read_record(path: Path, *, min_plain_side: int = MIN_PLAIN_IMAGE_SIDE) -> InstanceRecord:
    """Index fields for one file.

    Raises :class:`UnreadableFile` with the reason when it cannot be indexed, and :class:`NotARadiograph` for a
    PNG/JPEG under ``min_plain_side`` pixels on its shorter side.
    """
    if is_plain_image(path):
        return read_plain_image(path, min_plain_side=min_plain_side)
    return read_dicom_header(path)


def _indexable_dataset(path: Path) -> Any:
    """The data set of a DICOM file the index can take: an image with its three UIDs, not a DICOMDIR."""
    ds = read_indexed_tags(path)
    if getattr(ds.get("file_meta"), "MediaStorageSOPClassUID", None) == MediaStorageDirectoryStorage:
        raise UnreadableFile("a DICOMDIR (import it to import the files it lists)")
    missing = [tag for tag in ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID") if not _text(ds, tag)]
    if missing:
        raise UnreadableFile(f"DICOM header lacks {', '.join(missing)}")
    if _int(ds, "Rows") is None or _int(ds, "Columns") is None:
        sop_class = ds.get("SOPClassUID")
        kind = getattr(sop_class, "name", None) or _text(ds, "SOPClassUID") or "unknown SOP class"
        raise UnreadableFile(f"not an image (no Rows/Columns; {kind})")
    return ds


def read_dicom_instance_uid(path: Path) -> str:
    """The SOP Instance UID of a DICOM file, refused for the same reasons as :func:`read_dicom_header`.

    ``replaced`` needs only the UID, yet must call a file unreadable exactly when an import would; pydicom
    decodes values lazily, so skipping the record's other fields saves converting most of them.
    """
    return _text(_indexable_dataset(path), "SOPInstanceUID")


def read_dicom_header(path: Path) -> InstanceRecord:
    ds = _indexable_dataset(path)
    return InstanceRecord(
        patient_id=_text(ds, "PatientID"),
        patient_name=_text(ds, "PatientName"),
        birth_date=normalize_da(_text(ds, "PatientBirthDate")),
        sex=_text(ds, "PatientSex"),
        study_uid=_text(ds, "StudyInstanceUID"),
        study_date=normalize_da(_text(ds, "StudyDate")),
        study_time=normalize_tm(_text(ds, "StudyTime")),
        accession=_text(ds, "AccessionNumber"),
        study_description=_text(ds, "StudyDescription"),
        series_uid=_text(ds, "SeriesInstanceUID"),
        modality=_text(ds, "Modality").upper(),
        series_number=_int(ds, "SeriesNumber"),
        series_description=_text(ds, "SeriesDescription"),
        body_part=_text(ds, "BodyPartExamined"),
        sop_instance_uid=_text(ds, "SOPInstanceUID"),
        sop_class_uid=_text(ds, "SOPClassUID"),
        instance_number=_int(ds, "InstanceNumber"),
        rows=_int(ds, "Rows"),
        cols=_int(ds, "Columns"),
        photometric=_text(ds, "PhotometricInterpretation").upper(),
        source="dicom",
    )


def _text(ds: Any, keyword: str) -> str:
    value = ds.get(keyword)
    return "" if value is None else str(value).strip()


def _int(ds: Any, keyword: str) -> int | None:
    """Integer tags are often malformed in the wild; a bad one is treated as absent, not as a failed file.

    Values outside the signed 32-bit range of IS (e.g. "1e30") count as malformed too: SQLite cannot store
    them, and one such file would otherwise fail the whole batch it is written in.
    """
    try:
        value = ds.get(keyword)
        number = None if value in (None, "") else int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if number is None or _INT32_MIN <= number <= _INT32_MAX else None

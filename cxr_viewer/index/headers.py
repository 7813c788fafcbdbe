"""Reading just enough of a file to index it: DICOM headers without pixels (plain images: ``image_headers``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, BinaryIO

import pydicom
from pydicom.errors import InvalidDicomError
from pydicom.uid import MediaStorageDirectoryStorage

from cxr_viewer.core.deflate_guard import DEFAULT_INFLATED_LIMIT, inflated_size_over
from cxr_viewer.core.dicom_dates import normalize_da, normalize_tm
from cxr_viewer.index.image_headers import MIN_PLAIN_IMAGE_SIDE, read_plain_image
from cxr_viewer.index.records import InstanceRecord, UnreadableFile, is_plain_image
from cxr_viewer.index.truncation import cut_short_reason, truncation_problem

INDEXED_TAGS = [
    "PatientID", "PatientName", "PatientBirthDate", "PatientSex",
    "StudyInstanceUID", "StudyDate", "StudyTime", "AccessionNumber", "StudyDescription",
    "SeriesInstanceUID", "Modality", "SeriesNumber", "SeriesDescription", "BodyPartExamined",
    "SOPInstanceUID", "SOPClassUID", "InstanceNumber", "Rows", "Columns", "PhotometricInterpretation",
]  # fmt: skip


_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_NOT_DICOM = "not a DICOM file (no 'DICM' marker, and no data set without one) nor a supported image type"
_DEFER_SIZE = 64 * 1024  # values this long are not read: a forced parse of a big non-DICOM file stays cheap
# pydicom inflates a deflated data set whole even for its header: a 1 MB file inflating to 1 GB took 2.2 GB to import
INFLATED_LIMIT = DEFAULT_INFLATED_LIMIT


def read_record(path: Path, *, min_plain_side: int = MIN_PLAIN_IMAGE_SIDE) -> InstanceRecord:
    """Index fields for one file.

    Raises :class:`UnreadableFile` with the reason when it cannot be indexed, and :class:`NotARadiograph` for a
    PNG/JPEG under ``min_plain_side`` pixels on its shorter side.
    """
    if is_plain_image(path):
        return read_plain_image(path, min_plain_side=min_plain_side)
    return read_dicom_header(path)


def _read_dataset(path: Path) -> Any:
    """The indexed tags of a DICOM file, also of one without the Part 10 preamble and 'DICM' marker.

    The viewer opens such files (older systems write the bare data set; ``core.loader`` reads them with
    ``force``), so the index takes them too, with the viewer's safeguard (``core.dicom_reader.read_dataset``):
    a forced parse must find SOP Class UID or Rows, otherwise it is not DICOM. The UID and Rows/Columns checks
    in :func:`read_dicom_header` then apply to both kinds alike, so garbage is still refused. A file cut short is
    said to be so (``truncation``) before any of those checks, whose messages would only describe its symptoms.
    """
    with path.open("rb") as fp:
        size = os.fstat(fp.fileno()).st_size
        too_large = inflated_size_over(fp, INFLATED_LIMIT)
        if too_large:
            raise UnreadableFile(too_large)
        try:
            ds = pydicom.dcmread(fp, stop_before_pixels=True, specific_tags=INDEXED_TAGS)
        except InvalidDicomError:
            ds = _read_bare_dataset(fp)  # no 'DICM' marker
        except Exception as exc:  # pydicom raises many types on damaged files; all mean the same to the user
            if isinstance(exc, OSError) and exc.errno is not None:
                raise  # the disk, not the content: the importer says "cannot read file" with the reason
            if fp.tell() >= size:  # pydicom's "No tag to read" and the like: it ran out of file
                raise UnreadableFile(cut_short_reason(size)) from None
            raise UnreadableFile(f"damaged DICOM header: {type(exc).__name__}: {exc}") from None
        problem = truncation_problem(fp, ds, size)
    if problem is not None:
        raise UnreadableFile(problem)
    return ds


def _read_bare_dataset(fp: BinaryIO) -> Any:
    fp.seek(0)
    try:
        ds = pydicom.dcmread(
            fp, stop_before_pixels=True, specific_tags=INDEXED_TAGS, force=True, defer_size=_DEFER_SIZE
        )
    except Exception:  # a forced parse of something that is not DICOM fails in many ways; all mean the same
        raise UnreadableFile(_NOT_DICOM) from None
    if "SOPClassUID" not in ds and "Rows" not in ds:
        raise UnreadableFile(_NOT_DICOM)
    return ds


def _indexable_dataset(path: Path) -> Any:
    """The data set of a DICOM file the index can take: an image with its three UIDs, not a DICOMDIR."""
    ds = _read_dataset(path)
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

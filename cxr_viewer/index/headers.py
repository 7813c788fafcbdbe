"""Reading just enough of a file to index it: DICOM headers without pixels, image sizes without decoding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pydicom
from pydicom.errors import InvalidDicomError
from pydicom.uid import MediaStorageDirectoryStorage

from cxr_viewer.index.records import (
    InstanceRecord,
    NotARadiograph,
    UnreadableFile,
    is_plain_image,
    plain_image_record,
)
from cxr_viewer.core.dicom_dates import normalize_da, normalize_tm

INDEXED_TAGS = [
    "PatientID", "PatientName", "PatientBirthDate", "PatientSex",
    "StudyInstanceUID", "StudyDate", "StudyTime", "AccessionNumber", "StudyDescription",
    "SeriesInstanceUID", "Modality", "SeriesNumber", "SeriesDescription", "BodyPartExamined",
    "SOPInstanceUID", "SOPClassUID", "InstanceNumber", "Rows", "Columns", "PhotometricInterpretation",
]  # fmt: skip


_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_NOT_DICOM = "not a DICOM file (no 'DICM' marker, and no data set without one) nor a supported image type"
_DEFER_SIZE = 64 * 1024  # values this long are not read: a forced parse of a big non-DICOM file stays cheap

MIN_PLAIN_IMAGE_SIDE = 256
"""PNG and JPEG files whose shorter side has fewer pixels are icons or logos (a patient CD's viewer software ships
dozens), not radiographs: they are skipped rather than filed as pseudo patients named after their folder."""


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
    in :func:`read_dicom_header` then apply to both kinds alike, so garbage is still refused.
    """
    try:
        return pydicom.dcmread(path, stop_before_pixels=True, specific_tags=INDEXED_TAGS)
    except InvalidDicomError:
        pass  # no 'DICM' marker: try the bare data set below
    except (PermissionError, FileNotFoundError, IsADirectoryError):
        raise  # the file, not its content: the importer says "cannot read file" with the reason, never "damaged"
    except Exception as exc:  # pydicom raises many types on damaged files; all mean the same to the user
        raise UnreadableFile(f"damaged DICOM header: {type(exc).__name__}: {exc}") from None
    try:
        ds = pydicom.dcmread(
            path, stop_before_pixels=True, specific_tags=INDEXED_TAGS, force=True, defer_size=_DEFER_SIZE
        )
    except Exception:  # a forced parse of something that is not DICOM fails in many ways; all mean the same
        raise UnreadableFile(_NOT_DICOM) from None
    if "SOPClassUID" not in ds and "Rows" not in ds:
        raise UnreadableFile(_NOT_DICOM)
    return ds


def read_dicom_header(path: Path) -> InstanceRecord:
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


def read_plain_image(path: Path, *, min_plain_side: int = MIN_PLAIN_IMAGE_SIDE) -> InstanceRecord:
    name = path.name.lower()
    if name.endswith((".png", ".jpg", ".jpeg")):
        rows, cols, photometric = _pillow_header(path)
        if min(rows, cols) < min_plain_side:
            raise NotARadiograph(
                f"{cols}×{rows} pixels: a PNG/JPEG under {min_plain_side} pixels on its shorter side is taken for"
                " an icon or logo, not a radiograph"
            )
    else:  # MHA/NRRD/NIfTI are research formats that no viewer software uses for its icons
        rows, cols, photometric = _itk_header(path)
    return plain_image_record(path, rows, cols, photometric)


def _pillow_header(path: Path) -> tuple[int, int, str]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            cols, rows = image.size
            grey = len(image.getbands()) == 1 and image.mode != "P"
    except (UnidentifiedImageError, OSError) as exc:
        raise UnreadableFile(f"unreadable image: {exc}") from None
    return rows, cols, "MONOCHROME2" if grey else "RGB"


def _itk_header(path: Path) -> tuple[int, int, str]:
    import SimpleITK as sitk

    reader = sitk.ImageFileReader()
    reader.SetFileName(str(path))
    try:
        reader.ReadImageInformation()
    except RuntimeError as exc:
        first_line = next((line for line in str(exc).splitlines() if line.strip()), "no detail")
        raise UnreadableFile(f"unreadable image header: {first_line.strip()}") from None
    size = reader.GetSize()
    if len(size) > 2 and any(extent > 1 for extent in size[2:]):
        raise UnreadableFile(f"not a 2-D image (size {'x'.join(map(str, size))})")
    photometric = "MONOCHROME2" if reader.GetNumberOfComponents() == 1 else "RGB"
    return int(size[1]), int(size[0]), photometric


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

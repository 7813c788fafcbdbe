"""What the loader needs from a DICOM header besides pixels: the user-facing metadata and the per-frame view.

Enhanced (multi-frame) objects keep Pixel Spacing, Rescale and Window in functional groups instead of the top
level; ``frame_header`` lifts the first frame's values up so the rest of the pipeline reads one flat dataset.
"""

from __future__ import annotations

from typing import Any

from pydicom.dataset import Dataset
from pydicom.uid import UID

TEXT_KEYS = (
    "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "PatientAge",
    "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "SOPClassUID",
    "StudyDate", "StudyTime", "StudyDescription", "SeriesDescription", "StudyID",
    "Modality", "AccessionNumber", "BodyPartExamined", "ViewPosition",
    "Manufacturer", "InstitutionName", "PhotometricInterpretation",
)
INT_KEYS = ("SeriesNumber", "InstanceNumber", "BitsStored", "BitsAllocated", "Rows", "Columns", "NumberOfFrames")
PIXEL_KEYWORDS = ("PixelData", "FloatPixelData", "DoubleFloatPixelData")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue":
        return "\\".join(str(v) for v in value)
    return str(value).strip()


def _integer(value: Any) -> int | str:
    try:
        return int(value)
    except (TypeError, ValueError):
        return ""


def extract_metadata(ds: Dataset) -> dict[str, Any]:
    """Plain ``str``/``int`` values for the study index and the info overlay; ``''`` for anything absent."""
    metadata: dict[str, Any] = {key: _text(ds.get(key)) for key in TEXT_KEYS}
    metadata.update({key: _integer(ds.get(key)) for key in INT_KEYS})
    syntax = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
    metadata["TransferSyntaxUID"] = _text(syntax)
    return metadata


def sop_class_label(ds: Dataset) -> str:
    """'Basic Text SR Storage, 1.2.840…' — the name pydicom knows for the SOP class, and its UID."""
    uid = ds.get("SOPClassUID") or getattr(getattr(ds, "file_meta", None), "MediaStorageSOPClassUID", None)
    if not uid:
        return "unknown"
    name = UID(str(uid)).name
    return f"{name}, {uid}" if name != str(uid) else str(uid)


def is_image_sop_class(ds: Dataset) -> bool:
    """True for image storage classes (and for files that do not say), so only known non-images are refused."""
    uid = ds.get("SOPClassUID") or getattr(getattr(ds, "file_meta", None), "MediaStorageSOPClassUID", None)
    if not uid:
        return True
    name = UID(str(uid)).name
    return name == str(uid) or "Image" in name


def has_pixels(ds: Dataset) -> bool:
    return any(keyword in ds for keyword in PIXEL_KEYWORDS)


def frame_header(ds: Dataset) -> Dataset:
    """``ds`` with the first frame's functional-group attributes (shared, then per-frame) lifted to the top."""
    groups = [seq[0] for seq in (ds.get("SharedFunctionalGroupsSequence"), ds.get("PerFrameFunctionalGroupsSequence"))
              if seq]
    if not groups:
        return ds
    flat = Dataset()
    flat.update(ds)
    for group in groups:
        for macro in group:
            if macro.VR != "SQ" or not macro.value:
                continue
            for element in macro.value[0]:
                if element.VR != "SQ" or element.keyword == "VOILUTSequence":
                    flat[element.tag] = element
    return flat

"""What the loader needs from a DICOM header besides pixels: the user-facing metadata and the per-frame view, and
the notes the viewer's corner shows about how the film was made (lossy compression, a raw For Processing image).

Enhanced (multi-frame) objects keep Pixel Spacing, Rescale and Window in functional groups instead of the top
level; ``frame_header`` lifts one frame's values up so the rest of the pipeline reads one flat dataset.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def frame_header(ds: Dataset, index: int = 0) -> Dataset:
    """``ds`` with frame ``index``'s functional-group attributes (shared, then that frame's) lifted to the top: its
    pixel measures, Frame VOI LUT and Pixel Value Transformation may differ from the other frames'. A Per-frame
    Functional Groups Sequence shorter than the frames (damaged) lends its last item rather than none."""
    shared, per_frame = ds.get("SharedFunctionalGroupsSequence"), ds.get("PerFrameFunctionalGroupsSequence")
    groups = ([shared[0]] if shared else []) + ([per_frame[min(index, len(per_frame) - 1)]] if per_frame else [])
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


# Transfer syntaxes that only carry lossy images: JPEG baseline and extended, JPEG-LS near-lossless. JPEG 2000 (".91")
# may be either, so for it (and for any file that was decompressed) the Lossy Image Compression flag decides.
_LOSSY_SYNTAXES = frozenset({"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.81"})


def lossy_compression_note(ds: Dataset | None) -> str:
    """'Lossy compression 10:1' for a film that was ever lossily compressed, else ''.

    Lossy Image Compression (0028,2110) "01" stays with the image after it is decompressed (PS3.3 C.7.6.1.1.5), so an
    uncompressed file can still carry a 30:1 JPEG 2000 past; a reader judging fine detail (an interstitial pattern,
    a small nodule) must be told, as practice standards for diagnostic display ask. The ratios of successive
    compressions are listed in order."""
    if ds is None:
        return ""
    flag = str(ds.get("LossyImageCompression", "") or "").strip()
    syntax = str(getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", "") or "")
    if flag != "01" and syntax not in _LOSSY_SYNTAXES:
        return ""
    ratios = ds.get("LossyImageCompressionRatio")
    if ratios is None or isinstance(ratios, (str, bytes)) or not isinstance(ratios, Iterable):
        ratios = [] if ratios is None else [ratios]
    shown = []
    for ratio in ratios:
        try:
            shown.append(f"{float(ratio):.3g}:1")
        except (TypeError, ValueError):
            continue
    return "Lossy compression" + (f" {', '.join(shown)}" if shown else "")


_FOR_PROCESSING_CLASSES = frozenset({  # DX, MG and IO Image Storage - For Processing
    "1.2.840.10008.5.1.4.1.1.1.1.1", "1.2.840.10008.5.1.4.1.1.1.2.1", "1.2.840.10008.5.1.4.1.1.1.3.1",
})


def for_processing_note(ds: Dataset | None) -> str:
    """'For processing, not for display' for a raw detector image (Presentation Intent Type FOR PROCESSING, or a
    For Processing SOP class), else ''. Such a film has had none of the vendor's processing that makes a
    radiograph readable (PS3.3 C.8.11.1.1.1); shown plain, it looks like a poor exposure rather than a raw one."""
    if ds is None:
        return ""
    intent = str(ds.get("PresentationIntentType", "") or "").strip().upper()
    sop_class = str(ds.get("SOPClassUID", "") or "").strip()
    raw = intent == "FOR PROCESSING" or sop_class in _FOR_PROCESSING_CLASSES
    return "For processing, not for display" if raw else ""

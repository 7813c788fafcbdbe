"""Image size and pixel spacing read from headers only, so validating a study of hundreds of images is fast."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pydicom
from PIL import Image

from cxr_viewer.core.spacing import pixel_spacing


@dataclass(frozen=True)
class ImageHeader:
    width: int
    height: int
    pixel_spacing_mm: float | None  # None when the file carries no calibration
    # DICOM identity, for the case list's checks that no film is listed twice and which cases share a patient
    sop_instance_uid: str | None = None
    patient_id: str | None = None


class UnreadableImage(ValueError):
    """The file exists but is neither a DICOM nor an image Pillow can open."""


def _dicom_spacing(ds: pydicom.Dataset) -> float | None:
    """The viewer's own rule (``cxr_viewer.core.spacing``), so a lesion a radiologist measured as 12 mm in the viewer
    and entered as 12 mm gets the radius it has on screen: Imager Pixel Spacing corrected by the Estimated
    Radiographic Magnification Factor, not the detector-plane value taken first. Non-square pixels: the mean of
    the two spacings, since a lesion is a circle in pixels here."""
    spacing = pixel_spacing(ds)
    return (spacing.row_mm + spacing.col_mm) / 2.0 if spacing.calibrated else None


def _text(value: object) -> str | None:
    """A header value as text, None when absent or blank (a blank Patient ID names nobody)."""
    text = str(value).strip() if value is not None else ""
    return text or None


def read_header(path: Path) -> ImageHeader:
    """Width, height and spacing without decoding pixels; raises :class:`UnreadableImage` with the reason."""
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        if "Rows" in ds and "Columns" in ds:
            return ImageHeader(int(ds.Columns), int(ds.Rows), _dicom_spacing(ds),
                               _text(ds.get("SOPInstanceUID")), _text(ds.get("PatientID")))
    except pydicom.errors.InvalidDicomError:
        pass
    try:
        with Image.open(path) as image:
            return ImageHeader(image.width, image.height, None)
    except Exception as error:  # Pillow raises several unrelated types for bad files
        raise UnreadableImage(f"{path}: not a DICOM image nor a readable picture ({error})") from error

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


class UnreadableImage(ValueError):
    """The file exists but is neither a DICOM nor an image Pillow can open."""


def _dicom_spacing(ds: pydicom.Dataset) -> float | None:
    """The viewer's own rule (``cxr_viewer.core.spacing``), so a lesion a radiologist measured as 12 mm in the viewer
    and entered as 12 mm gets the radius it has on screen: Imager Pixel Spacing corrected by the Estimated
    Radiographic Magnification Factor, not the detector-plane value taken first. Non-square pixels: the mean of
    the two spacings, since a lesion is a circle in pixels here."""
    spacing = pixel_spacing(ds)
    return (spacing.row_mm + spacing.col_mm) / 2.0 if spacing.calibrated else None


def read_header(path: Path) -> ImageHeader:
    """Width, height and spacing without decoding pixels; raises :class:`UnreadableImage` with the reason."""
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        if "Rows" in ds and "Columns" in ds:
            return ImageHeader(int(ds.Columns), int(ds.Rows), _dicom_spacing(ds))
    except pydicom.errors.InvalidDicomError:
        pass
    try:
        with Image.open(path) as image:
            return ImageHeader(image.width, image.height, None)
    except Exception as error:  # Pillow raises several unrelated types for bad files
        raise UnreadableImage(f"{path}: not a DICOM image nor a readable picture ({error})") from error

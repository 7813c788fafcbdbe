"""What a pixel measures in millimetres and where that figure came from.

Kept apart from ``image`` because every measurement (``spacing``, ``angle``, ``ctr``, ``roi_stats``) and the AI's
mm filters reason about the calibration alone, without an image; ``spacing`` decides it from a header.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class SpacingSource(enum.Enum):
    """Where a millimetre figure came from, so a measurement can say how far it can be trusted."""

    PIXEL_SPACING = "PixelSpacing"  # in the patient by the image's own definition (CT, MR, MHA/NRRD …)
    PIXEL_SPACING_UNVERIFIED = "PixelSpacing (calibration not stated)"  # alone on a projection radiograph
    CALIBRATED = "PixelSpacing (calibrated)"  # differs from ImagerPixelSpacing, or a calibration type is given
    IMAGER_CORRECTED = "ImagerPixelSpacing / EstimatedRadiographicMagnificationFactor"
    IMAGER_AT_DETECTOR = "ImagerPixelSpacing (at the detector)"
    SCANNED_FILM = "NominalScannedPixelSpacing (on the digitised film)"
    USER = "given by the user"
    NONE = "uncalibrated"


@dataclass(frozen=True)
class PixelSpacing:
    """Row and column spacing in mm; ``None`` when uncalibrated (measurements then in pixels).

    ``detail`` completes the source for the reader: the calibration type and description of a calibrated Pixel
    Spacing. ``magnification`` is the factor that corrected Imager Pixel Spacing (1 when none was divided out), so
    ``at_detector`` gives back the detector-plane spacing: the plane of the JSRT films the AI's mm filters were
    tuned on.
    """

    row_mm: float | None
    col_mm: float | None
    source: SpacingSource
    detail: str = ""
    magnification: float = 1.0
    aspect: float = 1.0  # width over height of an uncalibrated pixel (Pixel Aspect Ratio); calibrated: col/row mm

    @property
    def calibrated(self) -> bool:
        return self.source is not SpacingSource.NONE and bool(self.row_mm) and bool(self.col_mm)

    def at_detector(self) -> tuple[float, float] | None:
        """(row, col) mm before the magnification correction; None when uncalibrated."""
        if not self.calibrated:
            return None
        return self.row_mm * self.magnification, self.col_mm * self.magnification

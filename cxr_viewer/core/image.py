"""The decoded image as every part of the workstation sees it.

One immutable record per opened image, so that the GUI, the plugins and the CLIs all agree on
what was decoded, how it maps to modality values and how big a pixel is.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np


class SpacingSource(enum.Enum):
    """Where a millimetre figure came from, so a measurement can say how far it can be trusted."""

    PIXEL_SPACING = "PixelSpacing"
    IMAGER_CORRECTED = "ImagerPixelSpacing / EstimatedRadiographicMagnificationFactor"
    IMAGER_AT_DETECTOR = "ImagerPixelSpacing (at the detector)"
    USER = "given by the user"
    NONE = "uncalibrated"


@dataclass(frozen=True)
class PixelSpacing:
    """Row and column spacing in mm; ``None`` when uncalibrated (measurements then in pixels)."""

    row_mm: float | None
    col_mm: float | None
    source: SpacingSource

    @property
    def calibrated(self) -> bool:
        return self.source is not SpacingSource.NONE and bool(self.row_mm) and bool(self.col_mm)


class VoiFunction(enum.Enum):
    LINEAR = "LINEAR"
    LINEAR_EXACT = "LINEAR_EXACT"
    SIGMOID = "SIGMOID"


@dataclass(frozen=True)
class WindowPreset:
    """A window in modality units; ``origin`` tells the user whether it came from the file or a default."""

    center: float
    width: float
    name: str
    function: VoiFunction = VoiFunction.LINEAR
    origin: str = "dicom"


@dataclass(frozen=True)
class VoiLut:
    """A VOI LUT Sequence item: ``first_mapped`` is the first modality value the table covers."""

    first_mapped: int
    table: np.ndarray
    bits: int
    name: str = "VOI LUT"


@dataclass
class LoadedImage:
    """A decoded 2-D image ready for display.

    ``stored`` keeps the raw stored values (for the cursor readout); ``modality`` holds the values after the
    Modality LUT (float32, greyscale) or the RGB pixels (uint8, H×W×3). ``default_invert`` is True for
    MONOCHROME1, whose low values are white.
    """

    path: Path | None
    stored: np.ndarray
    modality: np.ndarray
    photometric: str
    spacing: PixelSpacing
    windows: list[WindowPreset] = field(default_factory=list)
    voi_luts: list[VoiLut] = field(default_factory=list)
    default_invert: bool = False
    padding_mask: np.ndarray | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    dataset: Any = None  # the pydicom Dataset (without pixel data) for the tag panel; None for non-DICOM
    frame_count: int = 1

    @property
    def is_rgb(self) -> bool:
        return self.modality.ndim == 3

    @property
    def shape(self) -> tuple[int, int]:
        return int(self.modality.shape[0]), int(self.modality.shape[1])

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else "(in memory)"

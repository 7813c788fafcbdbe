"""The Modality LUT stage (stored values → modality values) as a small, picklable record.

Keeping the mapping rather than only its result lets the loader skip the full-size float32 copy until
someone asks for it (``LoadedImage.modality`` is computed on first use), and lets the display pipeline
map the few thousand distinct stored values of a LUT instead of millions of pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from cxr_viewer.core.dicom_lut import encoded_little_endian, lookup, read_lut_item


@dataclass(frozen=True, eq=False)
class ModalityMap:
    """Rescale Slope/Intercept, or a Modality LUT Sequence table (which then takes precedence).

    ``unit`` is what the file calls the output (Rescale Type, or the table's Modality LUT Type: "HU", "OD" …),
    '' when it names none or says "US" (unspecified), so a readout never shows a unit the file did not give.
    """

    slope: float = 1.0
    intercept: float = 0.0
    table: np.ndarray | None = None
    first_mapped: int = 0
    unit: str = ""

    def apply(self, stored: np.ndarray) -> np.ndarray:
        """Modality values as float32. Table: values below its first mapped value take its first entry,
        values past its end the last entry."""
        if self.table is not None:
            return lookup(stored, self.table, self.first_mapped).astype(np.float32)
        if self.is_identity:
            return np.asarray(stored).astype(np.float32)
        return (np.asarray(stored).astype(np.float64) * self.slope + self.intercept).astype(np.float32)

    @property
    def is_identity(self) -> bool:
        return self.table is None and self.slope == 1.0 and self.intercept == 0.0


IDENTITY = ModalityMap()


def value_unit(mapping: ModalityMap | None) -> str:
    """The unit of a film's modality values, one rule for every place that shows them (the pixel readout, an
    ROI's figures): what the file names (``ModalityMap.unit``), '' without a mapping (a colour or plain picture)."""
    return mapping.unit if mapping is not None else ""


def _is_signed(ds: Any) -> bool:
    return int(ds.get("PixelRepresentation", 0) or 0) == 1


def _rescale(ds: Any) -> tuple[float, float]:
    """Rescale Slope/Intercept; a missing, zero or unreadable slope counts as 1 so the image never collapses."""
    try:
        slope = float(ds.get("RescaleSlope", 1.0))
    except (TypeError, ValueError):
        slope = 1.0
    try:
        intercept = float(ds.get("RescaleIntercept", 0.0))
    except (TypeError, ValueError):
        intercept = 0.0
    if not np.isfinite(slope) or slope == 0.0:
        slope = 1.0
    return slope, intercept if np.isfinite(intercept) else 0.0


CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"


def _unit(value: Any) -> str:
    text = str(value or "").strip()
    return "" if text.upper() == "US" else text


def _rescale_unit(ds: Any) -> str:
    """Rescale Type; for a CT Image without one, HU: PS3.3 C.8.2.1 makes Rescale Type required there only when the
    output is *not* Hounsfield units, so most CT files never say so."""
    if "RescaleType" not in ds and str(ds.get("SOPClassUID", "") or "").strip() == CT_IMAGE_STORAGE:
        return "HU"
    return _unit(ds.get("RescaleType"))


def modality_map(ds: Any) -> ModalityMap:
    """The header's Modality LUT: the sequence's first item when readable, else rescale."""
    sequence = ds.get("ModalityLUTSequence")
    if sequence:
        try:
            first, table, _bits = read_lut_item(sequence[0], _is_signed(ds), encoded_little_endian(ds))
        except (AttributeError, TypeError, ValueError):
            pass  # an unreadable table falls back to rescale rather than losing the image
        else:
            return ModalityMap(table=table, first_mapped=first, unit=_unit(sequence[0].get("ModalityLUTType")))
    slope, intercept = _rescale(ds)
    return ModalityMap(slope=slope, intercept=intercept, unit=_rescale_unit(ds))

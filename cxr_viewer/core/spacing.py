"""Pixel size in mm, decided once from the DICOM header, so every measurement states its calibration.

Order of trust follows DICOM PS3.3 C.8.11.7 / C.7.6.2: Pixel Spacing (calibrated to the patient) first, then
Imager Pixel Spacing corrected by the Estimated Radiographic Magnification Factor, then Imager Pixel Spacing at
the detector. A zero, negative, missing or unreadable value (RG1 carries "0\\0") means "uncalibrated".
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from cxr_viewer.core.image import PixelSpacing, SpacingSource

UNCALIBRATED = PixelSpacing(None, None, SpacingSource.NONE)


def _pair(ds: Any, keyword: str) -> tuple[float, float] | None:
    """Row/column spacing from a two-valued DS attribute, or None when absent or not two positive numbers."""
    raw = ds.get(keyword) if ds is not None else None
    if raw is None:
        return None
    if isinstance(raw, (str, bytes)):
        items: list[Any] = (raw.decode("ascii", "replace") if isinstance(raw, bytes) else raw).split("\\")
    elif isinstance(raw, Iterable):
        items = list(raw)
    else:
        items = [raw]
    try:
        values = [float(v) for v in items]
    except (TypeError, ValueError):
        return None
    if len(values) != 2 or not all(math.isfinite(v) and v > 0 for v in values):
        return None
    return values[0], values[1]


def _magnification(ds: Any) -> float | None:
    try:
        value = float(ds.get("EstimatedRadiographicMagnificationFactor"))
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) and value > 0 else None


def pixel_spacing(ds: Any) -> PixelSpacing:
    """The most trustworthy spacing the header offers; ``UNCALIBRATED`` when none is usable."""
    direct = _pair(ds, "PixelSpacing")
    if direct is not None:
        return PixelSpacing(direct[0], direct[1], SpacingSource.PIXEL_SPACING)
    imager = _pair(ds, "ImagerPixelSpacing")
    if imager is None:
        return UNCALIBRATED
    factor = _magnification(ds)
    if factor is not None:
        return PixelSpacing(imager[0] / factor, imager[1] / factor, SpacingSource.IMAGER_CORRECTED)
    return PixelSpacing(imager[0], imager[1], SpacingSource.IMAGER_AT_DETECTOR)


def distance(p0: tuple[float, float], p1: tuple[float, float], spacing: PixelSpacing) -> tuple[float, str]:
    """Length of the segment p0→p1, points given as (x, y) = (column, row) in pixels, as the GUI holds them.

    Returns mm when calibrated (columns scale by ``col_mm``, rows by ``row_mm``), else pixels.
    """
    d_col = p1[0] - p0[0]
    d_row = p1[1] - p0[1]
    if spacing.calibrated:
        return math.hypot(d_row * spacing.row_mm, d_col * spacing.col_mm), "mm"
    return math.hypot(d_row, d_col), "px"


def display_aspect(spacing: PixelSpacing, ds: Any = None) -> float:
    """How wide a pixel is drawn relative to its height, so the anatomy keeps its proportions on screen.

    The spacing's own ratio when calibrated, else Pixel Aspect Ratio (PS3.3 C.7.6.3.1.7: vertical\\horizontal
    size), else square.
    """
    if spacing.calibrated:
        return spacing.col_mm / spacing.row_mm
    ratio = _pair(ds, "PixelAspectRatio")
    return ratio[1] / ratio[0] if ratio is not None else 1.0

"""The header's spacing attributes read defensively, each as a usable number or None.

Kept apart from ``spacing``'s rule of which attribute wins because damaged values are common and varied: RG1
carries "0\\0", other files a lone value, text or 1e308. Here each of them becomes "absent", so the rule only ever
weighs usable numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

MAX_PIXEL_MM = 100.0  # radiograph pixels are tenths of a millimetre; a larger value is damage (1e308 made "inf mm")
_DESCRIPTION_CHARS = 40  # a free-text description longer than this is cut in the label (the tag panel has it all)


def spacing_pair(ds: Any, keyword: str) -> tuple[float, float] | None:
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
    if len(values) != 2 or not all(0 < v <= MAX_PIXEL_MM for v in values):
        return None
    return values[0], values[1]


def magnification(ds: Any) -> float | None:
    """The Estimated Radiographic Magnification Factor when it is a finite positive number."""
    try:
        value = float(ds.get("EstimatedRadiographicMagnificationFactor"))
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) and value > 0 else None


def calibration_text(ds: Any) -> str:
    """'TYPE, description' from Pixel Spacing Calibration Type / Description ('' when no type is given)."""
    kind = str(ds.get("PixelSpacingCalibrationType", "") or "").strip().upper()
    if not kind:
        return ""
    text = str(ds.get("PixelSpacingCalibrationDescription", "") or "").strip()
    if len(text) > _DESCRIPTION_CHARS:
        text = text[: _DESCRIPTION_CHARS - 1] + "…"
    return f"{kind}, {text}" if text else kind

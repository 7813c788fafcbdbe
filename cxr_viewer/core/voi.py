"""The VOI stage: modality values → [0, 1] display intensity, by window (PS3.3 C.11.2.1.2) or by VOI LUT table.

The result is unit-valued so one code path serves any display depth; 0 is black on a MONOCHROME2 display.
"""

from __future__ import annotations

import numpy as np

from cxr_viewer.core.dicom_lut import lookup
from cxr_viewer.core.image import VoiFunction, VoiLut


def window_to_unit(
    values: np.ndarray, center: float, width: float, function: VoiFunction = VoiFunction.LINEAR
) -> np.ndarray:
    """Map modality values through a window, returning float32 in [0, 1].

    LINEAR keeps the standard's -0.5 / -1 terms, so e.g. centre 2048 width 4096 maps 0 → 0 and 4095 → 1 exactly,
    and width 1 becomes a threshold at ``center - 0.5``. LINEAR_EXACT and SIGMOID use the width as given.
    """
    x = np.asarray(values, dtype=np.float32)
    center = float(center)
    width = float(width)
    if function is VoiFunction.SIGMOID:
        width = max(width, np.finfo(np.float32).tiny)
        return (1.0 / (1.0 + np.exp(np.clip(-4.0 * (x - center) / width, -80, 80)))).astype(np.float32)
    if function is VoiFunction.LINEAR_EXACT:
        width = max(width, np.finfo(np.float32).tiny)
        out = (x - center) / width + 0.5
    else:
        shifted_center = center - 0.5
        span = max(width, 1.0) - 1.0
        if span == 0.0:
            return (x > shifted_center).astype(np.float32)
        out = (x - shifted_center) / span + 0.5
    return np.clip(out, 0.0, 1.0, out=out).astype(np.float32, copy=False)


def voi_lut_to_unit(values: np.ndarray, lut: VoiLut) -> np.ndarray:
    """Map modality values through a VOI LUT table; the output range is ``2**bits - 1`` as the descriptor says."""
    top = float((1 << int(lut.bits)) - 1) or 1.0
    mapped = lookup(values, np.asarray(lut.table), lut.first_mapped).astype(np.float32) / np.float32(top)
    return np.clip(mapped, 0.0, 1.0, out=mapped)


def voi_function(name: object) -> VoiFunction:
    """The VOI LUT Function named in a header; unknown or absent means LINEAR, as the standard requires."""
    try:
        return VoiFunction(str(name).strip().upper())
    except ValueError:
        return VoiFunction.LINEAR

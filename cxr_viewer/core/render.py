"""Modality values → 8-bit display: the whole-image path, and the tables the fast path (``indexed``) uses.

Inversion convention: ``invert=True`` means the output is the photographic negative of a MONOCHROME2 display.
The loader sets ``LoadedImage.default_invert`` for MONOCHROME1 (and MONOCHROME2 + Presentation LUT Shape
INVERSE), so the GUI passes
``invert = image.default_invert != user_invert_toggle``. Padding pixels are always drawn black.
"""

from __future__ import annotations

import numpy as np

from cxr_viewer.core.image import LoadedImage, VoiFunction, VoiLut
from cxr_viewer.core.voi import voi_lut_to_unit, window_to_unit


def _to_uint8(unit: np.ndarray, invert: bool) -> np.ndarray:
    scaled = unit * np.float32(255.0)
    scaled += np.float32(0.5)
    out = scaled.astype(np.uint8)
    if invert:
        np.subtract(255, out, out=out)
    return out


def render_uint8(
    image: LoadedImage,
    center: float,
    width: float,
    invert: bool,
    function: VoiFunction = VoiFunction.LINEAR,
    voi_lut: VoiLut | None = None,
) -> np.ndarray:
    """The display image: H×W uint8 for greyscale (window, or ``voi_lut`` when given), H×W×3 for RGB.

    RGB pixels are not windowed; ``invert`` still negates them so the user's toggle behaves the same everywhere.
    """
    if image.is_rgb:
        rgb = np.asarray(image.modality, dtype=np.uint8)
        return 255 - rgb if invert else rgb
    if voi_lut is not None:
        unit = voi_lut_to_unit(image.modality, voi_lut)
    else:
        unit = window_to_unit(image.modality, center, width, function)
    out = _to_uint8(unit, invert)
    if image.padding_mask is not None:
        out[image.padding_mask] = 0
    return out


def values_lut(
    values: np.ndarray,
    center: float,
    width: float,
    function: VoiFunction = VoiFunction.LINEAR,
    invert: bool = False,
    voi_lut: VoiLut | None = None,
) -> np.ndarray:
    """uint8 table whose entry ``i`` is the display of modality value ``values[i]`` (the render_uint8 rule)."""
    values = np.asarray(values, dtype=np.float32)
    unit = voi_lut_to_unit(values, voi_lut) if voi_lut is not None else window_to_unit(values, center, width, function)
    return _to_uint8(unit, invert)


def window_lut(
    lo_value: int,
    hi_value: int,
    center: float,
    width: float,
    function: VoiFunction = VoiFunction.LINEAR,
    invert: bool = False,
    voi_lut: VoiLut | None = None,
) -> np.ndarray:
    """uint8 table whose entry ``i`` is the display of modality value ``lo_value + i`` (``hi_value`` included)."""
    if hi_value < lo_value:
        raise ValueError(f"empty value range {lo_value}..{hi_value}")
    values = np.arange(int(lo_value), int(hi_value) + 1, dtype=np.float32)
    return values_lut(values, center, width, function, invert, voi_lut)

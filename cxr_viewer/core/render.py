"""Modality values → 8-bit display, including the lookup-table fast path for interactive window/level.

Inversion convention: ``invert=True`` means the output is the photographic negative of a MONOCHROME2 display.
The loader sets ``LoadedImage.default_invert`` for MONOCHROME1, so the GUI passes
``invert = image.default_invert != user_invert_toggle``. Padding pixels are always drawn black.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cxr_viewer.core.image import LoadedImage, VoiFunction, VoiLut
from cxr_viewer.core.voi import voi_lut_to_unit, window_to_unit

_MAX_LUT_ENTRIES = 1 << 20


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
    unit = voi_lut_to_unit(values, voi_lut) if voi_lut is not None else window_to_unit(values, center, width, function)
    return _to_uint8(unit, invert)


@dataclass(frozen=True)
class IndexedImage:
    """Integer modality values as offsets into a window LUT: value = ``index + offset``.

    Padding pixels hold ``padding_index`` (one past the last real value) so one ``np.take`` also blacks them out.
    """

    index: np.ndarray
    offset: int
    max_index: int
    padding_index: int | None = None


def modality_index_image(image: LoadedImage) -> IndexedImage | None:
    """The LUT-path view of a greyscale image, or None when its modality values are not integers (or too spread).

    Built once per image: after that, each window/level change costs one small table and one ``np.take``.
    """
    values = image.modality
    if image.is_rgb or values.dtype.kind != "f" and values.dtype.kind not in "iu":
        return None
    real = values if image.padding_mask is None else values[~image.padding_mask]
    if real.size == 0 or not np.isfinite(real).all() or not np.array_equal(real, np.rint(real)):
        return None
    low, high = int(real.min()), int(real.max())
    span = high - low
    if span + 2 > _MAX_LUT_ENTRIES:
        return None
    dtype = np.uint16 if span + 1 < 65535 else np.uint32
    index = np.subtract(values, low, dtype=np.float32).astype(dtype)
    padding_index = None
    if image.padding_mask is not None:
        padding_index = span + 1
        index[image.padding_mask] = padding_index
    return IndexedImage(index=index, offset=low, max_index=span, padding_index=padding_index)


def render_indexed(
    indexed: IndexedImage,
    center: float,
    width: float,
    invert: bool,
    function: VoiFunction = VoiFunction.LINEAR,
    voi_lut: VoiLut | None = None,
) -> np.ndarray:
    """Same pixels as ``render_uint8`` for an integer-valued image, via one table lookup (the W/L hot path)."""
    lut = window_lut(indexed.offset, indexed.offset + indexed.max_index, center, width, function, invert, voi_lut)
    if indexed.padding_index is not None:
        lut = np.append(lut, np.uint8(0))
    return np.take(lut, indexed.index)

"""The pixel pipeline's first stages: stored values, padding and the Modality LUT (pure numpy).

Decoders hand back whole words; DICOM says only Bits Stored of them, ending at High Bit, carry the value, and
that value is two's complement when Pixel Representation is 1. Getting this wrong shows up as speckle or as
negative values turned bright, so it is done here explicitly rather than trusted to each codec.

The VOI and display stages live in ``voi`` and ``render`` and are re-exported here, so callers need one module.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cxr_viewer.core.dicom_lut import as_signed16, encoded_little_endian, lookup, read_lut_item
from cxr_viewer.core.render import IndexedImage, modality_index_image, render_indexed, render_uint8, window_lut
from cxr_viewer.core.voi import voi_function, voi_lut_to_unit, window_to_unit

__all__ = [
    "stored_values",
    "padding_mask",
    "apply_modality_lut",
    "window_to_unit",
    "voi_lut_to_unit",
    "voi_function",
    "render_uint8",
    "window_lut",
    "modality_index_image",
    "render_indexed",
    "IndexedImage",
]


def stored_values(raw: np.ndarray, bits_stored: int, high_bit: int | None = None, signed: bool = False) -> np.ndarray:
    """Keep bits ``high_bit - bits_stored + 1 … high_bit`` of each word, sign-extended when ``signed``.

    Returns the same word size as ``raw`` (int for signed, uint otherwise). Float data is returned untouched.
    """
    if raw.dtype.kind == "f":
        return raw
    word_bits = raw.dtype.itemsize * 8
    high_bit = bits_stored - 1 if high_bit is None else int(high_bit)
    if not 0 < bits_stored <= word_bits or not bits_stored - 1 <= high_bit < word_bits:
        raise ValueError(f"Bits Stored {bits_stored} / High Bit {high_bit} do not fit {word_bits}-bit words")
    unsigned = raw.view(np.dtype(f"u{raw.dtype.itemsize}"))
    shift = high_bit + 1 - bits_stored
    if shift:
        unsigned = np.right_shift(unsigned, shift)
    if bits_stored < word_bits:
        unsigned = np.bitwise_and(unsigned, (1 << bits_stored) - 1)
    if not signed:
        return unsigned
    if bits_stored == word_bits:
        return unsigned.view(np.dtype(f"i{raw.dtype.itemsize}"))
    sign_bit = 1 << (bits_stored - 1)
    wide = unsigned.astype(np.int64)
    return ((wide ^ sign_bit) - sign_bit).astype(np.dtype(f"i{raw.dtype.itemsize}"))


def _is_signed(ds: Any) -> bool:
    return int(ds.get("PixelRepresentation", 0) or 0) == 1


def padding_mask(stored: np.ndarray, ds: Any) -> np.ndarray | None:
    """Pixels that are padding (PS3.3 C.7.5.1.1.2), or None when the header names none or none are present.

    Pixel Padding Value alone marks one stored value; with Pixel Padding Range Limit it marks the closed range
    between the two, whichever order they come in.
    """
    value = ds.get("PixelPaddingValue")
    if value is None or stored.ndim != 2:
        return None
    signed = _is_signed(ds)
    first = as_signed16(value, signed) if stored.dtype.itemsize <= 2 else int(value)
    limit = ds.get("PixelPaddingRangeLimit")
    last = first if limit is None else (as_signed16(limit, signed) if stored.dtype.itemsize <= 2 else int(limit))
    low, high = min(first, last), max(first, last)
    mask = (stored == low) if low == high else ((stored >= low) & (stored <= high))
    return mask if mask.any() else None


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


def apply_modality_lut(stored: np.ndarray, ds: Any) -> np.ndarray:
    """Stored values → modality values (float32): the Modality LUT Sequence when present, else rescale.

    Stored values below the table's first mapped value take its first entry, values past its end the last entry.
    """
    sequence = ds.get("ModalityLUTSequence")
    if sequence:
        try:
            first, table, _bits = read_lut_item(sequence[0], _is_signed(ds), encoded_little_endian(ds))
        except (AttributeError, TypeError, ValueError):
            pass  # an unreadable table falls back to rescale rather than losing the image
        else:
            return lookup(stored, table, first).astype(np.float32)
    slope, intercept = _rescale(ds)
    if slope == 1.0 and intercept == 0.0:
        return stored.astype(np.float32)
    return (stored.astype(np.float64) * slope + intercept).astype(np.float32)

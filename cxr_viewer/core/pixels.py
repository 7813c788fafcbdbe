"""The pixel pipeline's first stages: stored values, padding and the Modality LUT (pure numpy).

Decoders hand back whole words; DICOM says only Bits Stored of them, ending at High Bit, carry the value, and
that value is two's complement when Pixel Representation is 1. Getting this wrong shows up as speckle or as
negative values turned bright, so it is done here explicitly rather than trusted to each codec.

The Modality LUT lives in ``modality``, the VOI and display stages in ``voi``, ``render`` and ``indexed``; all are
re-exported here, so callers need one module.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cxr_viewer.core.dicom_lut import as_signed16
from cxr_viewer.core.modality import ModalityMap, modality_map
from cxr_viewer.core.lut_apply import apply_lut
from cxr_viewer.core.indexed import IndexedImage, indexed_lut, modality_index_image, render_indexed
from cxr_viewer.core.render import render_uint8, values_lut, window_lut
from cxr_viewer.core.voi import voi_function, voi_lut_to_unit, window_to_unit

__all__ = [
    "stored_values",
    "padding_mask",
    "apply_modality_lut",
    "modality_map",
    "ModalityMap",
    "window_to_unit",
    "voi_lut_to_unit",
    "voi_function",
    "render_uint8",
    "window_lut",
    "values_lut",
    "indexed_lut",
    "apply_lut",
    "modality_index_image",
    "render_indexed",
    "IndexedImage",
]


def stored_values(raw: np.ndarray, bits_stored: int, high_bit: int | None = None, signed: bool = False) -> np.ndarray:
    """Keep bits ``high_bit - bits_stored + 1 … high_bit`` of each word, sign-extended when ``signed``.

    Returns the same word size as ``raw`` (int for signed, uint otherwise), in the machine's byte order: pydicom
    gives Explicit VR Big Endian pixels as ``>u2``/``>i2``, and viewing that buffer as native words would swap every
    value's bytes. Float data is returned untouched.
    """
    if raw.dtype.kind == "f":
        return raw
    if not raw.dtype.isnative:
        raw = raw.astype(raw.dtype.newbyteorder("="))
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


def apply_modality_lut(stored: np.ndarray, ds: Any) -> np.ndarray:
    """Stored values → modality values (float32): the Modality LUT Sequence when present, else rescale.

    Stored values below the table's first mapped value take its first entry, values past its end the last entry.
    """
    return modality_map(ds).apply(stored)

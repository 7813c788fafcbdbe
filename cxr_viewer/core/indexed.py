"""The window/level fast path: each pixel holds a table entry number, each window change rebuilds the table.

For the usual radiograph (integer stored values of at most 16 bits) the stored image itself is the index —
unsigned and unpadded it is used as is, with no copy — and the Modality LUT is folded into the table: entry
``i`` carries the modality value of stored value ``first + i``. A window change then costs one table of at
most 65,536 entries plus one ``np.take``, and gives exactly the pixels of ``render_uint8`` (same float32
modality value per pixel, same window arithmetic). Other greyscale images with integer modality values fall
back to an index built from ``modality``; the rest (non-integer values, RGB) have no fast path.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cxr_viewer.core.image import LoadedImage, VoiFunction, VoiLut
from cxr_viewer.core.lut_apply import apply_lut
from cxr_viewer.core.render import values_lut

_MAX_LUT_ENTRIES = 1 << 20


@dataclass(frozen=True, eq=False)
class IndexedImage:
    """Pixels as entries of a display table.

    ``entry_values[i]`` is the modality value entry ``i`` stands for; entries flagged in ``black`` (padding)
    are always drawn black. ``value_range`` is the modality span of the non-padding pixels (it sets how far
    a right-drag moves the window).
    """

    index: np.ndarray
    entry_values: np.ndarray
    value_range: float
    black: np.ndarray | None = None


def _with_padding_entry(values: np.ndarray, index: np.ndarray, mask: np.ndarray | None) -> tuple[np.ndarray, np.ndarray | None]:
    """Send padding pixels to one extra, always-black entry (``index`` must be a private copy)."""
    if mask is None:
        return values, None
    index[mask] = values.size
    black = np.zeros(values.size + 1, dtype=bool)
    black[-1] = True
    return np.append(values, np.float32(0)), black


def _offset_index(stored: np.ndarray, low: int, entries: int) -> np.ndarray:
    """``stored - low`` as unsigned words wide enough for ``entries`` (padding pixels are overwritten later)."""
    same = np.dtype(f"u{stored.dtype.itemsize}")
    if entries <= np.iinfo(same).max + 1:  # wrap-around subtraction in the stored word size is exact here
        return np.subtract(stored.view(same), np.array(low).astype(same), dtype=same)
    wider = np.uint16 if entries <= 1 << 16 else np.uint32
    return np.subtract(stored, low, dtype=np.int64).astype(wider)


def _stored_index(image: LoadedImage) -> IndexedImage | None:
    """Index straight from the stored integers, the Modality LUT applied to the table entries only."""
    stored, mask = image.stored, image.padding_mask
    if image.modality_map is None or stored.ndim != 2 or stored.dtype.kind not in "iu" or stored.dtype.itemsize > 2:
        return None
    real = stored if mask is None else stored[~mask]
    if real.size == 0:
        return None
    low, high = int(real.min()), int(real.max())
    if mask is None and stored.dtype.kind == "u":
        first, index = 0, stored  # zero copy: entries below ``low`` exist but no pixel uses them
    else:
        first = low
        index = _offset_index(stored, low, high - low + 1 + (mask is not None))
    values = image.modality_map.apply(np.arange(first, high + 1, dtype=np.int64))
    used = values[low - first :]
    values, black = _with_padding_entry(values, index, mask)
    return IndexedImage(index, values, float(used.max() - used.min()), black)


def _modality_index(image: LoadedImage) -> IndexedImage | None:
    """Index from the modality array, for greyscale images whose modality values are integers anyway."""
    values = image.modality
    if values.dtype.kind not in "fiu":
        return None
    real = values if image.padding_mask is None else values[~image.padding_mask]
    if real.size == 0 or not np.isfinite(real).all() or not np.array_equal(real, np.rint(real)):
        return None
    low, high = int(real.min()), int(real.max())
    if high - low + 2 > _MAX_LUT_ENTRIES:
        return None
    dtype = np.uint16 if high - low + 1 < 65535 else np.uint32
    index = np.subtract(values, low, dtype=np.float32).astype(dtype)
    entries = np.arange(low, high + 1, dtype=np.float32)
    entries, black = _with_padding_entry(entries, index, image.padding_mask)
    return IndexedImage(index, entries, float(high - low), black)


def modality_index_image(image: LoadedImage) -> IndexedImage | None:
    """The fast-path view of a greyscale image, or None when there is none (RGB, non-integer values)."""
    if image.is_rgb:
        return None
    return _stored_index(image) or _modality_index(image)


def indexed_lut(
    indexed: IndexedImage,
    center: float,
    width: float,
    invert: bool,
    function: VoiFunction = VoiFunction.LINEAR,
    voi_lut: VoiLut | None = None,
) -> np.ndarray:
    """The uint8 display table for one window (or VOI LUT); padding entries black."""
    table = values_lut(indexed.entry_values, center, width, function, invert, voi_lut)
    if indexed.black is not None:
        table[indexed.black] = 0
    return table


def render_indexed(
    indexed: IndexedImage,
    center: float,
    width: float,
    invert: bool,
    function: VoiFunction = VoiFunction.LINEAR,
    voi_lut: VoiLut | None = None,
    out: np.ndarray | None = None,
) -> np.ndarray:
    """Same pixels as ``render_uint8``, via one table and one (threaded) lookup: the W/L hot path."""
    return apply_lut(indexed_lut(indexed, center, width, invert, function, voi_lut), indexed.index, out)

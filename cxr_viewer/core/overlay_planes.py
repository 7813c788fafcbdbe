"""The Overlay Plane module's bitmaps (60xx,3000), such as L/R markers some CR vendors store beside the pixels
instead of burning them in.

Qt-free, like ``core.presentation`` (the file's other display instructions), so that the viewer's layers and the
tests read the same planes without a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from pydicom.dataelem import DataElement

from cxr_viewer.core.byte_order import is_big_endian, native_words


@dataclass(frozen=True)
class OverlayPlane:
    """One overlay plane's bitmap (first frame) and where it lies: ``row``/``col`` is the 0-based image pixel of
    the bitmap's top-left bit (OverlayOrigin minus one)."""

    group: int
    bitmap: np.ndarray  # bool, rows × columns of the overlay
    row: int
    col: int
    kind: str  # OverlayType: "G" graphics, "R" region of interest
    description: str


def _overlay_bitmap(ds: Any, group: int) -> np.ndarray:
    """The plane's bits, first frame. pydicom unpacks Overlay Data byte by byte in file order, right for OB and
    for little-endian OW; a big-endian file's OW words are stored high byte first (PS3.5 8.1.1, Annex D), so they
    are swapped back on a copy of the group first, else pixels 0–7 and 8–15 of every word trade places."""
    source = ds
    data = ds[group << 16 | 0x3000]
    if data.VR == "OW" and is_big_endian(ds) and isinstance(data.value, (bytes, bytearray)):
        source = ds.group_dataset(group)
        source[data.tag] = DataElement(data.tag, "OW", native_words(data.value))
    bitmap = np.asarray(source.overlay_array(group))
    return bitmap[0] if bitmap.ndim == 3 else bitmap


def overlay_planes(ds: Any) -> list[OverlayPlane]:
    """Every overlay plane with OverlayData (groups 6000–601E) that has a set bit; unreadable planes are skipped.

    Overlays embedded in the high bits of the pixel data (retired) are not read: the pixel data has been dropped
    by the time the viewer shows the image.
    """
    if ds is None:
        return []
    planes = []
    for group in range(0x6000, 0x6020, 2):
        if (group << 16 | 0x3000) not in ds:
            continue
        try:
            bitmap = _overlay_bitmap(ds, group)
            origin = ds.get((group << 16) | 0x0050)
            row, col = (int(v) for v in origin.value) if origin is not None else (1, 1)
        except Exception:  # pydicom raises several types on malformed overlays; one bad plane must not stop the film
            continue
        if bitmap.ndim != 2 or not bitmap.any():
            continue
        kind_element = ds.get((group << 16) | 0x0040)
        text = [ds.get((group << 16) | element) for element in (0x1500, 0x0022)]  # OverlayLabel, OverlayDescription
        description = next((str(e.value).strip() for e in text if e is not None and str(e.value).strip()), "")
        planes.append(OverlayPlane(group, bitmap.astype(bool), row - 1, col - 1,
                                   str(kind_element.value).strip().upper() if kind_element is not None else "G",
                                   description))
    return planes

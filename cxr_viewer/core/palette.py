"""PALETTE COLOR pixels → RGB, for files of either byte order.

pydicom's ``apply_color_lut`` reads a non-segmented palette table (OW, PS3.3 C.7.6.3.1.6) in the machine's byte order
whatever the file's: in an Explicit VR Big Endian file every 16-bit entry came out byte-swapped, so a 16-bit palette
of 256·k values read as k and the ultrasound film showed black (pydicom-data OBXXXX1A_expb). The tables of such a
file are swapped into the machine's order on a copy of the header before pydicom expands the pixels.
"""

from __future__ import annotations

import numpy as np
from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.pixels import apply_color_lut

from cxr_viewer.core.byte_order import is_big_endian, native_words

_COLOURS = ("Red", "Green", "Blue", "Alpha")


def palette_rgb(indices: np.ndarray, ds: Dataset) -> np.ndarray:
    """``indices`` (stored values) expanded through the file's palette tables, as pydicom's ``apply_color_lut``."""
    keywords = [f"{colour}PaletteColorLookupTableData" for colour in _COLOURS]
    if not is_big_endian(ds) or not any(keyword in ds for keyword in keywords):
        return apply_color_lut(indices, ds)
    native = Dataset()
    native.update(ds)  # a shallow copy: the elements replaced below are the copy's own, the file's header is untouched
    for keyword in keywords:
        if keyword in ds and isinstance(ds[keyword].value, (bytes, bytearray)):
            element = ds[keyword]
            native[keyword] = DataElement(element.tag, element.VR, native_words(element.value))
    return apply_color_lut(indices, native)

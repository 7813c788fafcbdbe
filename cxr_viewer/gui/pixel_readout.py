"""The status bar's readout of the pixel under the cursor (Qt-free).

Pixel (c, r) covers [c, c+1) × [r, r+1) in image coordinates, so the readout floors the point rather than rounding
it: the value shown is the one of the pixel drawn under the cursor. Both the stored value (what the file holds) and
the modality value (after the Modality LUT or rescale, what the window acts on) are shown, since they differ on CT-like
and rescaled films and a reader checking a window needs the second; it carries the unit the file names for it
(Rescale Type or Modality LUT Type, e.g. HU), none when the file says none or "US" (unspecified). A padding pixel
(Pixel Padding Value, drawn black) says so: its number is a filler outside the acquired film (a CT's -3024 HU
around the scan circle), not a measurement of the patient.
"""

from __future__ import annotations

import math

import numpy as np

from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.modality import value_unit


def pixel_readout(image: LoadedImage, x: float, y: float) -> str:
    """``x <col>  y <row>   stored <raw>   value <modality value> [unit] [padding]`` for image point (x, y); "" off
    the film."""
    col, row = math.floor(x), math.floor(y)
    height, width = image.shape
    if not (0 <= row < height and 0 <= col < width):
        return ""
    stored = image.stored[row, col]
    value = image.value_at(row, col)
    shown = np.array2string(np.asarray(value)) if np.ndim(value) else f"{float(value):g}"
    unit = value_unit(image.modality_map)
    padding = image.padding_mask is not None and bool(image.padding_mask[row, col])
    return (f"x {col}  y {row}   stored {np.asarray(stored).tolist()}   value {shown}" + (f" {unit}" if unit else "")
            + ("   padding" if padding else ""))

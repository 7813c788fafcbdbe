"""An elliptical region of interest: which pixels it holds, its area and the statistics of their values (Qt-free).

The ellipse is the one inscribed in the box the reader dragged, in image coordinates, where pixel (c, r) covers
[c, c+1) × [r, r+1) (the convention of the measurements and the pixel readout). A pixel belongs to the region when
its centre (c + ½, r + ½) lies inside the ellipse, so the count does not depend on which way the box was dragged and
a region of odd size is symmetric. The statistics are of the **modality values** (after Rescale Slope/Intercept or
the Modality LUT, what the window and the pixel readout show), computed on the box's pixels only, never on the whole
film. Padding pixels (Pixel Padding Value) are fillers outside the acquired film and are left out. The area is the
ellipse's own (π·a·b), in mm² or cm² by each axis's spacing when the film is calibrated, with the distance tool's
words for what those mm rest on (``calibration_note``); in px² otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from cxr_viewer.core.image import LoadedImage, PixelSpacing
from cxr_viewer.core.spacing import calibration_note, step_sizes

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in image pixels, corners of the drag in either order
CM2_FROM = 100.0  # mm²: from one square centimetre on, the area reads in cm²


@dataclass(frozen=True)
class RoiStats:
    count: int  # pixels whose centre is inside (padding left out)
    mean: float | None = None  # None: no pixel inside, or a colour picture (no single value per pixel)
    sd: float | None = None  # population standard deviation
    low: float | None = None
    high: float | None = None


def ellipse_mask(box: Box, shape: tuple[int, int]) -> tuple[slice, slice, np.ndarray]:
    """The rows and columns of the film the box covers, and which of those pixels have their centre inside."""
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    height, width = shape
    rows = slice(max(0, math.floor(y0)), min(height, math.ceil(y1)))
    cols = slice(max(0, math.floor(x0)), min(width, math.ceil(x1)))
    a, b = (x1 - x0) / 2, (y1 - y0) / 2
    if a <= 0 or b <= 0 or rows.start >= rows.stop or cols.start >= cols.stop:
        return rows, cols, np.zeros((max(0, rows.stop - rows.start), max(0, cols.stop - cols.start)), bool)
    cy = (np.arange(rows.start, rows.stop) + 0.5 - (y0 + b)) / b
    cx = (np.arange(cols.start, cols.stop) + 0.5 - (x0 + a)) / a
    return rows, cols, cy[:, None] ** 2 + cx[None, :] ** 2 <= 1.0


def roi_stats(image: LoadedImage, box: Box) -> RoiStats:
    """Count, mean, SD, min and max of the modality values of the pixels inside the ellipse of ``box``."""
    rows, cols, inside = ellipse_mask(box, image.shape)
    if image.padding_mask is not None and inside.size:
        inside = inside & ~image.padding_mask[rows, cols]
    count = int(inside.sum())
    if count == 0 or image.is_rgb:
        return RoiStats(count)
    if image.modality_loaded or image.modality_map is None:
        values = np.asarray(image.modality[rows, cols], dtype=np.float64)[inside]
    else:  # only the box's pixels through the rescale: the whole film's float array is not built for one ROI
        values = image.modality_map.apply(image.stored[rows, cols]).astype(np.float64)[inside]
    return RoiStats(count, float(values.mean()), float(values.std()), float(values.min()), float(values.max()))


def ellipse_area(box: Box, spacing: PixelSpacing) -> tuple[float, str]:
    """π·a·b of the inscribed ellipse: mm² (cm² from 1 cm² on) by the two spacings when calibrated, else px²."""
    row_step, col_step, unit = step_sizes(spacing)
    area = math.pi * abs(box[2] - box[0]) * col_step * abs(box[3] - box[1]) * row_step / 4
    if unit == "mm":
        return (area / 100, "cm²") if area >= CM2_FROM else (area, "mm²")
    return area, "px²"


def roi_text(box: Box, spacing: PixelSpacing, stats: RoiStats) -> str:
    """``ROI area 1.23 cm² (Pixel Spacing, calibration unknown)`` and, on a second line, ``mean 512.0 SD 3.2
    min 500 max 520 n=1234`` (``n=0`` alone when no pixel centre is inside; no figures of a colour picture)."""
    value, unit = ellipse_area(box, spacing)
    note = calibration_note(spacing)
    area = f"ROI area {value:.2f} {unit}" if unit == "cm²" else f"ROI area {value:.1f} {unit}"
    first = f"{area} ({note})" if note else area
    if stats.mean is None:
        return f"{first}\nn={stats.count}"
    return (f"{first}\nmean {stats.mean:.1f} SD {stats.sd:.1f} min {stats.low:g} max {stats.high:g} "
            f"n={stats.count}")

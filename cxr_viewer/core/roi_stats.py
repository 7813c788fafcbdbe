"""An elliptical region of interest: which pixels it holds, its area and the statistics of their values (Qt-free).

The ellipse is the one inscribed in the box the reader dragged, in image coordinates, where pixel (c, r) covers
[c, c+1) × [r, r+1) (the convention of the measurements and the pixel readout). A pixel belongs to the region when
its centre (c + ½, r + ½) lies inside the ellipse, so the count does not depend on which way the box was dragged and
a region of odd size is symmetric. The statistics are of the **modality values** (after Rescale Slope/Intercept or
the Modality LUT, what the window and the pixel readout show), computed on the box's pixels only, never on the whole
film. Padding pixels (Pixel Padding Value) are fillers outside the acquired film and are left out, as is any part of
the ellipse beyond the film's edge (the label says so: its area and its figures would not match). The area is the
ellipse's own (π·a·b), in mm² or cm² by each axis's spacing when the film is calibrated, with the distance tool's
words for what those mm rest on (``calibration_note``); in px² otherwise. The figures carry the unit the file names
for the modality values (``value_unit``, the pixel readout's rule: HU from Rescale Type …), none when it names none.

While the reader drags, a box of millions of pixels would be read again at every mouse move (tens to hundreds of ms
each on a 3000 × 3000 film, a stuttering drag); ``limit`` then takes every ``step``-th row and column so that about
``limit`` pixels are read, and the figures say they are estimates (``≈``). The exact ones follow when the drag ends.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from cxr_viewer.core.calibration import PixelSpacing
from cxr_viewer.core.image import LoadedImage
from cxr_viewer.core.modality import value_unit
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
    unit: str = ""  # of the modality values, as the file names it ("HU"); "" when it names none
    step: int = 1  # every pixel (1), or every step-th row and column: the figures are estimates, count scaled up
    read: int = 0  # how many pixels' values the figures were taken from
    off_film: bool = False  # part of the ellipse lies off the film: the figures are of the part on it

    @property
    def estimated(self) -> bool:
        return self.step > 1


def ellipse_mask(box: Box, shape: tuple[int, int], step: int = 1) -> tuple[slice, slice, np.ndarray]:
    """The rows and columns of the film the box covers (every ``step``-th of them), and which of those pixels have
    their centre inside."""
    x0, x1 = sorted((box[0], box[2]))
    y0, y1 = sorted((box[1], box[3]))
    height, width = shape
    every = step if step > 1 else None  # slice(0, 5) as before for every pixel
    rows = slice(max(0, math.floor(y0)), min(height, math.ceil(y1)), every)
    cols = slice(max(0, math.floor(x0)), min(width, math.ceil(x1)), every)
    a, b = (x1 - x0) / 2, (y1 - y0) / 2
    row_index, col_index = np.arange(rows.start, rows.stop, step), np.arange(cols.start, cols.stop, step)
    if a <= 0 or b <= 0 or not row_index.size or not col_index.size:
        return rows, cols, np.zeros((row_index.size, col_index.size), bool)
    cy = (row_index + 0.5 - (y0 + b)) / b
    cx = (col_index + 0.5 - (x0 + a)) / a
    return rows, cols, cy[:, None] ** 2 + cx[None, :] ** 2 <= 1.0


def sample_step(box: Box, limit: int | None) -> int:
    """1 when the box holds at most ``limit`` pixels (or no limit), else the row and column step that reads about
    ``limit`` of them."""
    pixels = math.ceil(abs(box[2] - box[0]) + 1) * math.ceil(abs(box[3] - box[1]) + 1)
    return 1 if limit is None or pixels <= limit else math.ceil(math.sqrt(pixels / limit))


def roi_stats(image: LoadedImage, box: Box, limit: int | None = None) -> RoiStats:
    """Count, mean, SD, min and max of the modality values of the pixels inside the ellipse of ``box``; with
    ``limit``, estimates from about that many pixels when the box holds more (a drag's moves)."""
    step = sample_step(box, limit)
    rows, cols, inside = ellipse_mask(box, image.shape, step)
    if image.padding_mask is not None and inside.size:
        inside = inside & ~image.padding_mask[rows, cols]
    read = int(inside.sum())
    count, unit = read * step * step, value_unit(image.modality_map)
    height, width = image.shape[:2]
    xs, ys = sorted((box[0], box[2])), sorted((box[1], box[3]))
    off = xs[0] < 0 or ys[0] < 0 or xs[1] > width or ys[1] > height
    if read == 0 or image.is_rgb:
        return RoiStats(count, unit=unit, step=step, read=read, off_film=off)
    if image.modality_loaded or image.modality_map is None:
        values = np.asarray(image.modality[rows, cols], dtype=np.float64)[inside]
    else:  # only the box's pixels through the rescale: the whole film's float array is not built for one ROI
        values = image.modality_map.apply(image.stored[rows, cols]).astype(np.float64)[inside]
    return RoiStats(count, float(values.mean()), float(values.std()), float(values.min()), float(values.max()),
                    unit, step, read, off)


def ellipse_area(box: Box, spacing: PixelSpacing) -> tuple[float, str]:
    """π·a·b of the inscribed ellipse: mm² (cm² from 1 cm² on) by the two spacings when calibrated, else px²."""
    row_step, col_step, unit = step_sizes(spacing)
    area = math.pi * abs(box[2] - box[0]) * col_step * abs(box[3] - box[1]) * row_step / 4
    if unit == "mm":
        return (area / 100, "cm²") if area >= CM2_FROM else (area, "mm²")
    return area, "px²"


def decimals(stats: RoiStats) -> int:
    """The decimals of the mean and SD: one for values spread over 1 or more (CR, CT), more for smaller ones, so a
    film rescaled to 0–0.01 reads ``mean 0.0035 SD 0.0014``, not ``mean 0.0 SD 0.0`` beside ``min 0.001``."""
    scale = stats.high - stats.low if stats.high > stats.low else abs(stats.mean)
    return 1 if scale == 0 or not math.isfinite(scale) else max(1, min(10, math.ceil(-math.log10(scale)) + 1))


def roi_text(box: Box, spacing: PixelSpacing, stats: RoiStats) -> str:
    """``ROI area 1.23 cm² (Pixel Spacing, calibration unknown)`` and, on a second line, ``mean 512.0 SD 3.2
    min 500 max 520 (HU) n=1234`` (the unit when the file names one; ``n=0`` alone when no pixel centre is inside;
    no figures of a colour picture). Estimates read ``≈ mean … n≈1234``."""
    value, unit = ellipse_area(box, spacing)
    note = calibration_note(spacing)
    area = f"ROI area {value:.2f} {unit}" if unit == "cm²" else f"ROI area {value:.1f} {unit}"
    first = f"{area} ({note})" if note else area
    first += " · part off the film: figures of the part on it" if stats.off_film else ""
    about, n = ("≈ ", f"n≈{stats.count}") if stats.estimated else ("", f"n={stats.count}")
    if stats.mean is None:
        return f"{first}\n{about}{n}"
    values_unit = f" ({stats.unit})" if stats.unit else ""
    places = decimals(stats)
    return (f"{first}\n{about}mean {stats.mean:.{places}f} SD {stats.sd:.{places}f} min {stats.low:g} "
            f"max {stats.high:g}{values_unit} {n}")

"""The angle between two drawn arms, and its label (Qt-free).

An angle needs no unit, but it does need the pixels' shape: on a film whose rows are 0.2 mm apart and columns
0.1 mm, a 45° line drawn along the stored pixels' diagonal is 63.4° in the patient. So both arms are taken into mm
(each axis by its own spacing, ``core.spacing.step_sizes``) before the angle is measured, and on an uncalibrated
film with a Pixel Aspect Ratio into the pixel's proportions; square pixels change nothing.
"""

from __future__ import annotations

import math

from cxr_viewer.core.calibration import PixelSpacing
from cxr_viewer.core.spacing import step_sizes

Point = tuple[float, float]  # (x, y) = (column, row) in image pixels, as the GUI holds them


def angle_degrees(first: Point, vertex: Point, second: Point, spacing: PixelSpacing) -> float | None:
    """The angle first–vertex–second in degrees (0–180), in the patient's proportions; None when an arm has no
    length (no direction to measure from)."""
    row_step, col_step, _unit = step_sizes(spacing)
    ax, ay = (first[0] - vertex[0]) * col_step, (first[1] - vertex[1]) * row_step
    bx, by = (second[0] - vertex[0]) * col_step, (second[1] - vertex[1]) * row_step
    if math.hypot(ax, ay) == 0 or math.hypot(bx, by) == 0:
        return None
    return math.degrees(abs(math.atan2(ax * by - ay * bx, ax * bx + ay * by)))


def angle_text(degrees: float | None) -> str:
    """``Angle 32.5°`` (one decimal, as a report gives it); ``Angle –`` for an arm without length."""
    return "Angle –" if degrees is None else f"Angle {degrees:.1f}°"

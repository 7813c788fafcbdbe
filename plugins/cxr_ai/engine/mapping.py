"""Canvas candidates → findings in the input image's pixels and millimetres.

Without pixel spacing, filters stated in mm (minimum area, lung margin) use a nominal field of view from the
manifest, sizes are reported in pixels only, and the result carries a warning.
"""

from __future__ import annotations

import math

from model_training.preprocess import Letterbox

from cxr_ai.engine.postprocess import Candidate
from cxr_ai.engine.result import Finding
from cxr_ai.engine.spec import OperatingPoint

UNCALIBRATED_WARNING = (
    "image has no pixel spacing: sizes are in pixels only, and the mm filters assumed a {field:g} mm field of view"
)
# the models see the pixel grid: unequal row and column spacing shows them a stretched film, which they were not
# trained on (measured on a JSRT film resampled to 0.175 x 0.35 mm: its nodule was no longer found)
NON_SQUARE_WARNING = ("pixels are not square ({row:g} x {col:g} mm): the models see the film stretched, so findings "
                      "are unreliable")
MULTIFRAME_WARNING = "multi-frame file: only frame 1 of {frames} was analysed"


def canvas_pixel_mm(box: Letterbox, spacing: tuple[float, float] | None, field_mm: float) -> tuple[float, float]:
    """(row, col) size in mm of one canvas pixel."""
    if spacing is None:
        nominal = field_mm / max(box.orig_shape)
        return nominal / box.scale, nominal / box.scale
    return spacing[0] / box.scale, spacing[1] / box.scale


def passed_points(score: float, points: dict[str, OperatingPoint]) -> list[str]:
    return sorted(name for name, point in points.items() if score >= point.threshold)


def to_finding(
    rank: int, candidate: Candidate, box: Letterbox, spacing: tuple[float, float] | None,
    points: dict[str, OperatingPoint],
) -> Finding:
    x, y = box.to_image(candidate.x, candidate.y)
    contour_x, contour_y = box.to_image(candidate.contour[:, 0], candidate.contour[:, 1])
    area_image_px = candidate.area_px / box.scale**2
    calibrated = spacing is not None
    return Finding(
        id=rank,
        x=round(float(x), 2),
        y=round(float(y), 2),
        x_mm=round(float(x) * spacing[1], 2) if calibrated else None,
        y_mm=round(float(y) * spacing[0], 2) if calibrated else None,
        diameter_mm=round(2 * math.sqrt(candidate.area_mm2 / math.pi), 2) if calibrated else None,
        diameter_px=round(2 * math.sqrt(area_image_px / math.pi), 2),
        area_mm2=round(candidate.area_mm2, 2) if calibrated else None,
        score=round(candidate.score, 5),
        contour=[[round(float(cx), 2), round(float(cy), 2)] for cx, cy in zip(contour_x, contour_y)],
        operating_points=passed_points(candidate.score, points),
    )

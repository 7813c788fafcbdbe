"""Canvas candidates → findings in the input image's pixels and millimetres.

Without pixel spacing, filters stated in mm (minimum area, lung margin) use a nominal field of view from the
manifest, sizes are reported in pixels only, and the result carries a warning.
"""

from __future__ import annotations

import math

from model_training.preprocess import Letterbox

from cxr_ai.engine.postprocess import Candidate
from cxr_ai.engine.result import Finding
from cxr_ai.engine.postprocess_spec import OperatingPoint

UNCALIBRATED_WARNING = (
    "image has no pixel spacing: sizes are in pixels only, and the mm filters assumed a {field:g} mm field of view"
)
MULTIFRAME_WARNING = "multi-frame file: only frame {frame} of {frames} was analysed"
NOT_CHEST_WARNING = ("not a frontal chest radiograph ({reason}): the detector was trained on PA chest films only, so "
                     "its findings here mean little")


def canvas_pixel_mm(box: Letterbox, spacing: tuple[float, float] | None, field_mm: float) -> tuple[float, float]:
    """(row, col) size in mm of one canvas pixel (equal: the letterbox makes canvas pixels square)."""
    if spacing is None:
        return field_mm / box.size, field_mm / box.size  # the nominal field spans the canvas
    return spacing[0] / box.scale_y, spacing[1] / box.scale


def passed_points(score: float, points: dict[str, OperatingPoint]) -> list[str]:
    return sorted(name for name, point in points.items() if score >= point.threshold)


def to_finding(
    rank: int, candidate: Candidate, box: Letterbox, spacing: tuple[float, float] | None,
    points: dict[str, OperatingPoint], magnification: float = 1.0,
) -> Finding:
    """``candidate``'s area is at the detector plane (the filters' plane); divided by ``magnification`` squared it
    is in the plane of ``spacing``, the one the viewer measures in, so a finding's diameter matches a measurement."""
    x, y = box.to_image(candidate.x, candidate.y)
    contour_x, contour_y = box.to_image(candidate.contour[:, 0], candidate.contour[:, 1])
    calibrated = spacing is not None
    return Finding(
        id=rank,
        x=round(float(x), 2),
        y=round(float(y), 2),
        x_mm=round(float(x) * spacing[1], 2) if calibrated else None,
        y_mm=round(float(y) * spacing[0], 2) if calibrated else None,
        diameter_mm=round(2 * math.sqrt(candidate.area_mm2 / math.pi) / magnification, 2) if calibrated else None,
        diameter_px=round(2 * math.sqrt(candidate.area_px / math.pi) / box.scale, 2),  # in column pixels
        area_mm2=round(candidate.area_mm2 / magnification**2, 2) if calibrated else None,
        score=round(candidate.score, 5),
        contour=[[round(float(cx), 2), round(float(cy), 2)] for cx, cy in zip(contour_x, contour_y)],
        operating_points=passed_points(candidate.score, points),
    )

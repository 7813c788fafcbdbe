"""The manifest pipeline's ``postprocessing`` and ``operating_points`` sections: the numbers, tuned on validation
data, that turn the detector's probability map into findings.

Kept apart from ``spec`` (which stages exist and how they are fed) because these are checked number by number:
a manifest edited by hand or written by a faulty export must fail on load, not silently find nothing (a floor of 1)
or everything (a fraction of 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cxr_ai.engine.errors import PipelineSpecError

SCORE_RULES = ("max", "mean")
# (lowest, highest, whether the lowest is allowed) for each numeric setting
POST_RANGES = {
    "candidate_floor": (0.0, 1.0, False),
    "region_fraction": (0.0, 1.0, False),
    "peak_distance_mm": (0.0, 100.0, False),
    "min_area_mm2": (0.0, 1000.0, True),
    "lung_dilation_mm": (0.0, 1.0e6, True),  # 1e6 is how training exports "no lung-field FP reduction"
    "max_findings": (1, 1000, True),
    "uncalibrated_field_mm": (0.0, 2000.0, False),
}


@dataclass(frozen=True)
class OperatingPoint:
    name: str
    threshold: float
    sensitivity: float | None = None
    fp_per_image: float | None = None


@dataclass(frozen=True)
class PostProcessing:
    candidate_floor: float = 0.05
    region_fraction: float = 0.5
    peak_distance_mm: float = 5.0
    min_area_mm2: float = 10.0
    lung_dilation_mm: float = 10.0
    max_findings: int = 5
    score: str = "max"
    uncalibrated_field_mm: float = 400.0


def _check_ranges(post: PostProcessing, points: dict[str, OperatingPoint], where: str) -> None:
    for key, (lowest, highest, lowest_allowed) in POST_RANGES.items():
        value = getattr(post, key)
        kinds = int if isinstance(lowest, int) else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not lowest <= value <= highest or (
            value == lowest and not lowest_allowed
        ):
            bound = "[" if lowest_allowed else "("
            raise PipelineSpecError(
                f"{where}.postprocessing.{key} must be {'an integer' if kinds is int else 'a number'} in "
                f"{bound}{lowest}, {highest}], got {value!r}"
            )
    if post.score not in SCORE_RULES:
        raise PipelineSpecError(f"{where}.postprocessing.score must be one of {SCORE_RULES}, got {post.score!r}")
    for point in points.values():
        if not isinstance(point.threshold, (int, float)) or not post.candidate_floor <= point.threshold <= 1.0:
            raise PipelineSpecError(
                f"{where}.operating_points.{point.name}.threshold must lie between the candidate floor "
                f"({post.candidate_floor}) and 1, got {point.threshold!r}: no candidate below the floor exists"
            )


def parse_post(pipeline: dict[str, Any], where: str) -> tuple[PostProcessing, dict[str, OperatingPoint]]:
    """The pipeline's checked post-processing settings and operating points; ``where`` names it in errors."""
    try:
        post = PostProcessing(**pipeline.get("postprocessing", {}))
        if "operating_points" not in pipeline:
            raise PipelineSpecError(f"{where}: missing 'operating_points'")
        points = {name: OperatingPoint(name=name, **values) for name, values in pipeline["operating_points"].items()}
    except TypeError as error:
        raise PipelineSpecError(f"{where}: unknown setting ({error})") from error
    _check_ranges(post, points, where)
    if not {"sens", "spec"} <= points.keys():
        raise PipelineSpecError(f"{where}.operating_points must define 'sens' and 'spec'")
    return post, points

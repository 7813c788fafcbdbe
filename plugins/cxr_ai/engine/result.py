"""Findings and per-image results as plain data, in the input image's pixel grid, ready for JSON and the cache."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Finding:
    """One nodule candidate. ``x``, ``y`` and ``contour`` are image pixels (x = column, y = row).

    ``diameter_mm`` is the equivalent-circle diameter of the segmented region (None when the image has no pixel
    spacing; ``diameter_px`` is always given). ``score`` follows the manifest's rule (max or mean probability in
    the region). ``operating_points`` lists those whose threshold the score reaches.
    """

    id: int
    x: float
    y: float
    x_mm: float | None
    y_mm: float | None
    diameter_mm: float | None
    diameter_px: float
    area_mm2: float | None
    score: float
    contour: list[list[float]]
    operating_points: list[str]


@dataclass
class ImageResult:
    path: str
    image_key: str
    sop_instance_uid: str | None
    width: int
    height: int
    pixel_spacing_mm: list[float] | None  # [row, col]; None when uncalibrated
    spacing_source: str
    provider: str
    model_version: str
    preprocessing_version: str
    score_rule: str
    findings: list[Finding]
    operating_point: str = "all"
    pixel_aspect: float = 1.0  # row over column size of a pixel; the models saw the film resampled to square pixels
    warnings: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    cached: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImageResult:
        values = dict(data)
        values["findings"] = [Finding(**finding) for finding in values["findings"]]
        return cls(**values)

"""Probability maps → FROC marks with the AI engine's own post-processing (``cxr_ai.engine.postprocess``).

Using the engine's function means thresholds tuned on out-of-fold maps transfer exactly to the shipped pipeline.
Switching lung-field FP reduction off is expressed the way the exported manifest expresses it: an unbounded
``lung_dilation_mm``. The per-image cap (``max_findings``) keeps the highest scores, as the engine's operating
points do.
"""

from __future__ import annotations

import numpy as np
from cxr_ai.engine.postprocess import find_candidates
from cxr_ai.engine.postprocess_spec import PostProcessing

from model_training.detection.data import DetectionData
from model_training.detection.froc import ImageMarks, Mark

UNBOUNDED_MM = 1.0e6
ENGINE_KEYS = ("candidate_floor", "region_fraction", "peak_distance_mm", "min_area_mm2", "lung_dilation_mm",
               "max_findings", "score")


def engine_postprocessing(post: dict) -> dict:
    """The manifest's ``postprocessing`` section for these settings (engine keys only)."""
    settings = {key: post[key] for key in ENGINE_KEYS}
    if not post.get("lung_fp_reduction", True):
        settings["lung_dilation_mm"] = UNBOUNDED_MM
    return settings


def image_marks(data: DetectionData, maps: np.ndarray, lung_maps: np.ndarray, post: dict) -> list[ImageMarks]:
    """One ``ImageMarks`` per case, marks in original-image pixels, highest ``max_findings`` scores kept."""
    settings = PostProcessing(**engine_postprocessing(post))
    results = []
    for index, box in enumerate(data.boxes):
        canvas_mm = data.pixel_mm[index] / box.scale
        lung = lung_maps[index] if post.get("lung_fp_reduction", True) else np.ones_like(lung_maps[index])
        found = find_candidates(maps[index], lung, 0.5, (canvas_mm, canvas_mm), settings)[: settings.max_findings]
        marks = tuple(Mark(float(x), float(y), c.score) for c in found for x, y in [box.to_image(c.x, c.y)])
        results.append(ImageMarks(data.case_ids[index], data.lesions[index], marks))
    return results

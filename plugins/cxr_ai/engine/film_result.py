"""One film's stage outputs → its result: findings in the film's pixels and mm, timings and warnings.

Apart from the batch running (``pipeline``) because it works on one film whatever the batch size, and apart from the
cache (``engine``), which re-derives only a hit's input warnings (``input_warnings``), never its findings.
"""

from __future__ import annotations

import time

import numpy as np
from model_training.preprocess import PREPROCESSING_VERSION, Letterbox

from cxr_ai.engine.image_input import EngineInput
from cxr_ai.engine.mapping import (
    MULTIFRAME_WARNING, NOT_CHEST_WARNING, UNCALIBRATED_WARNING, canvas_pixel_mm, to_finding,
)
from cxr_ai.engine.postprocess import find_candidates
from cxr_ai.engine.rescoring import Rescorer
from cxr_ai.engine.result import ImageResult
from cxr_ai.engine.spec import PipelineSpec
from cxr_ai.engine.stages import StageOutput

NO_LUNG_WARNING = "no lung field was found: every candidate was dropped (is this a chest radiograph?)"


class FilmResultBuilder:
    """Post-processing, holding what every film's result is stamped with (model version, provider, score rule)."""

    def __init__(self, spec: PipelineSpec, rescorer: Rescorer | None, provider: str, model_version: str) -> None:
        self.spec = spec
        self.rescorer = rescorer
        self.provider = provider
        self.model_version = model_version

    @property
    def score_rule(self) -> str:
        """How a finding's score is made: stage 1's region score, or its weighted geometric mean with the
        classifier's (the weight is the classifier's exponent)."""
        rule, classifier = self.spec.post.score, self.spec.classifier
        if classifier is None:
            return rule
        return f"{classifier.score}({rule}, classifier, w={classifier.classifier_weight:g})"

    def build(self, item: EngineInput, normalised: np.ndarray, box: Letterbox, stages: StageOutput, index: int,
              timings: dict[str, float]) -> ImageResult:
        """Film ``index`` of the batch ``stages``; ``timings`` (the batch's share) gains post-processing's own."""
        start = time.perf_counter()
        post = self.spec.post
        spacing = (item.spacing.row_mm, item.spacing.col_mm) if item.spacing.calibrated else None
        # the mm filters work at the detector plane, where they were tuned (JSRT's films); sizes are reported in
        # the viewer's plane (corrected for the estimated magnification where the file gives it)
        pixel_mm = canvas_pixel_mm(box, item.spacing.at_detector(), post.uncalibrated_field_mm)
        candidates = find_candidates(stages.detection_probability[index], stages.lung_probability[index],
                                     self.spec.lung_threshold, pixel_mm, post)
        if self.rescorer:
            classifier_start = time.perf_counter()
            candidates = self.rescorer.rescore(normalised, box, candidates)
            timings["candidate_classifier"] = (time.perf_counter() - classifier_start) * 1000
        findings = [to_finding(rank, c, box, spacing, self.spec.operating_points, item.spacing.magnification)
                    for rank, c in enumerate(candidates, start=1)]
        timings["postprocess"] = (time.perf_counter() - start) * 1000 - timings.get("candidate_classifier", 0.0)
        timings["total"] = sum(timings.values())
        rows, cols = box.orig_shape
        return ImageResult(
            path=item.path, image_key=item.key, sop_instance_uid=item.sop_instance_uid, width=cols, height=rows,
            pixel_spacing_mm=list(spacing) if spacing else None, spacing_source=item.spacing.source.value,
            provider=self.provider, model_version=self.model_version,
            preprocessing_version=PREPROCESSING_VERSION, score_rule=self.score_rule, findings=findings,
            pixel_aspect=item.pixel_aspect,
            warnings=self._warnings(item, spacing is not None, stages.lung_probability[index]),
            timings_ms={name: round(value, 2) for name, value in timings.items()},
        )

    def _warnings(self, item: EngineInput, calibrated: bool, lung_probability: np.ndarray) -> list[str]:
        warnings = [] if calibrated else [UNCALIBRATED_WARNING.format(field=self.spec.post.uncalibrated_field_mm)]
        warnings += input_warnings(item)
        if not (lung_probability >= self.spec.lung_threshold).any():
            warnings.append(NO_LUNG_WARNING)
        return warnings


def input_warnings(item: EngineInput) -> list[str]:
    """What about the input itself makes findings less trustworthy (frames left out; a lateral, a hand or a CT
    slice, which D and ``cxr-ai detect`` run on when asked, and whose "nodules" were listed without a word)."""
    warnings = []
    if item.frame_count > 1:
        warnings.append(MULTIFRAME_WARNING.format(frame=item.frame_index + 1, frames=item.frame_count))
    if item.not_chest:
        warnings.append(NOT_CHEST_WARNING.format(reason=item.not_chest))
    return warnings

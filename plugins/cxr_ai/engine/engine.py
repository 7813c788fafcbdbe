"""The engine: verified models, sessions built once, batched stages, post-processing, cache.

Use :meth:`Engine.detect` for findings (cached), :meth:`Engine.cached` to look up without running a model, and
:meth:`Engine.analyse` when the maps are needed too (overlays, DICOM SEG, the intermediate images).
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from model_training.preprocess import PREPROCESSING_VERSION, Letterbox, fit_canvas, normalise_intensity

from cxr_ai.engine.cache import ResultCache
from cxr_ai.engine.image_input import EngineInput
from cxr_ai.engine.mapping import MULTIFRAME_WARNING, UNCALIBRATED_WARNING, canvas_pixel_mm, to_finding
from cxr_ai.engine.model_set import ModelSet, load_model_set
from cxr_ai.engine.postprocess import find_candidates
from cxr_ai.engine.providers import ProviderChoice, choose_provider, create_session
from cxr_ai.engine.rescoring import Rescorer
from cxr_ai.engine.result import ImageResult
from cxr_ai.engine.runner import OnnxModel
from cxr_ai.engine.spec import PipelineSpec
from cxr_ai.engine.stages import StageOutput, StageRunner

OperatingPointChoice = Literal["sens", "spec", "all"]
Detected = tuple[ImageResult, np.ndarray]  # findings and the probability map over the image's extent
NO_LUNG_WARNING = "no lung field was found: every candidate was dropped (is this a chest radiograph?)"


@dataclass
class Analysis:
    """All candidates of one image plus the canvas maps they came from."""

    result: ImageResult
    letterbox: Letterbox
    canvas: np.ndarray
    bone_suppressed: np.ndarray | None
    lung_probability: np.ndarray
    detection_probability: np.ndarray

    @property
    def heatmap(self) -> np.ndarray:
        """The detection map cropped to the image content: stretched over the image, it lies on it."""
        rows, cols = self.letterbox.content_shape
        top, left = self.letterbox.pad_y, self.letterbox.pad_x
        return self.detection_probability[top : top + rows, left : left + cols]


class Engine:
    def __init__(self, models_dir: Path | None = None, device: str = "auto", cache: ResultCache | None = None) -> None:
        self.model_set: ModelSet = load_model_set(models_dir)
        self.cache = cache
        choice = choose_provider(device)
        models: dict[str, OnnxModel] = {}
        for name in self.model_set.spec.model_names:
            session, choice = create_session(str(self.model_set.paths[name]), choice, device)
            models[name] = OnnxModel(name, self.model_set.paths[name], session, self.model_set.entries[name])
        self.choice: ProviderChoice = choice
        self.provider = models[self.model_set.spec.lung_model].provider
        self.batch_size = self.model_set.spec.gpu_batch_size if choice.device == "cuda" else 1
        self.stages = StageRunner(self.model_set.spec, models)
        classifier = self.model_set.spec.classifier
        self.rescorer = Rescorer(classifier, [models[name] for name in classifier.members]) if classifier else None

    @property
    def spec(self) -> PipelineSpec:
        return self.model_set.spec

    @property
    def score_rule(self) -> str:
        """How a finding's score is made: stage 1's region score, or its weighted geometric mean with the
        classifier's (the weight is the classifier's exponent)."""
        rule, classifier = self.spec.post.score, self.spec.classifier
        if classifier is None:
            return rule
        return f"{classifier.score}({rule}, classifier, w={classifier.classifier_weight:g})"

    def _calibration(self, item: EngineInput) -> str:
        """The cache key's part for what the models were shown besides the pixels: geometry and polarity. Films with
        pixels that are not square carry their aspect, and inverted films (MONOCHROME1, or MONOCHROME2 with
        Presentation LUT Shape INVERSE) say so, so entries cached before either was honoured (findings of the
        stretched film, or of the negative) miss; so do films whose spacing was corrected for magnification, whose
        filters ran in the corrected plane before they ran at the detector's."""
        spacing = item.spacing
        key = f"{spacing.row_mm}x{spacing.col_mm}" if spacing.calibrated else "uncalibrated"
        if spacing.calibrated and spacing.magnification != 1.0:  # filters at the detector plane since 2026-12-06
            key += f" at detector x{spacing.magnification!r}"
        if item.pixel_aspect != 1.0:
            key += f" aspect {item.pixel_aspect!r}"
        return key + " inverted" if item.monochrome1 else key

    def _run_batch(self, items: list[EngineInput]) -> tuple[list[np.ndarray], list[np.ndarray], list[Letterbox],
                                                            StageOutput, float]:
        """Normalised images (kept for the candidate classifier's own canvas), canvases, letterboxes, stages."""
        start = time.perf_counter()
        normalised = [normalise_intensity(item.pixels, monochrome1=item.monochrome1) for item in items]
        prepared = [fit_canvas(image, self.model_set.input_size, item.pixel_aspect)
                    for image, item in zip(normalised, items)]
        preprocess_ms = (time.perf_counter() - start) * 1000 / len(items)
        canvases = [canvas for canvas, _ in prepared]
        return normalised, canvases, [box for _, box in prepared], self.stages.run(np.stack(canvases)), preprocess_ms

    def analyse(self, items: list[EngineInput]) -> list[Analysis]:
        """Run every stage (in batches of ``batch_size``) and post-process; never reads the cache."""
        analyses: list[Analysis] = []
        for first in range(0, len(items), self.batch_size):
            batch = items[first : first + self.batch_size]
            normalised, canvases, boxes, stages, preprocess_ms = self._run_batch(batch)
            for index, item in enumerate(batch):
                timings = {"preprocess": preprocess_ms} | {k: v / len(batch) for k, v in stages.timings_ms.items()}
                result = self._postprocess(item, normalised[index], boxes[index], stages, index, timings)
                bone = stages.bone_suppressed[index] if stages.bone_suppressed is not None else None
                analyses.append(Analysis(result, boxes[index], canvases[index], bone,
                                         stages.lung_probability[index], stages.detection_probability[index]))
        return analyses

    def _postprocess(self, item: EngineInput, normalised: np.ndarray, box: Letterbox, stages: StageOutput,
                     index: int, timings: dict[str, float]) -> ImageResult:
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
            provider=self.provider, model_version=self.model_set.version,
            preprocessing_version=PREPROCESSING_VERSION, score_rule=self.score_rule, findings=findings,
            pixel_aspect=item.pixel_aspect,
            warnings=self._warnings(item, spacing is not None, stages.lung_probability[index]),
            timings_ms={name: round(value, 2) for name, value in timings.items()},
        )

    def _warnings(self, item: EngineInput, calibrated: bool, lung_probability: np.ndarray) -> list[str]:
        warnings = [] if calibrated else [UNCALIBRATED_WARNING.format(field=self.spec.post.uncalibrated_field_mm)]
        warnings += _input_warnings(item)
        if not (lung_probability >= self.spec.lung_threshold).any():
            warnings.append(NO_LUNG_WARNING)
        return warnings

    def detect(self, item: EngineInput, operating_point: OperatingPointChoice = "sens") -> ImageResult:
        """Findings at ``operating_point``, from the cache when this image was seen with these models."""
        return self.detect_with_heatmap(item, operating_point)[0]

    def cached(self, item: EngineInput, operating_point: OperatingPointChoice = "sens") -> Detected | None:
        """The cached findings and heat map, or None; never runs a model (a viewer shows known results on open)."""
        key = item.key, self.model_set.version, self.provider, self._calibration(item)
        hit = self.cache.get(*key) if self.cache else None
        if hit is None or hit[1] is None or (hit[0].height, hit[0].width) != item.pixels.shape[:2]:
            return None  # a file edited (cropped, resized) under its old SOP Instance UID is analysed afresh
        # the key holds the spacing's values, not where they came from: the file's own and a user's equal spacing
        # share an entry, so the path and the source are this input's
        hit[0].path, hit[0].spacing_source = item.path, item.spacing.source.value
        hit[0].warnings += [w for w in _input_warnings(item) if w not in hit[0].warnings]  # cached before they existed
        return self.select(hit[0], operating_point), hit[1].astype(np.float32)

    def detect_with_heatmap(self, item: EngineInput, operating_point: OperatingPointChoice = "sens") -> Detected:
        """Findings and the probability map over the image's extent (model resolution), cached together."""
        hit = self.cached(item, operating_point)
        if hit is not None:
            return hit
        analysis = self.analyse([item])[0]
        self.store(item, analysis)
        return self.select(analysis.result, operating_point), analysis.heatmap.astype(np.float32)

    def store(self, item: EngineInput, analysis: Analysis) -> None:
        """Cache a fresh analysis of ``item`` (every candidate and the heat map), so the next look is a hit; for
        callers that run :meth:`analyse` themselves (the CLI's batches)."""
        if self.cache:
            self.cache.put(analysis.result, self._calibration(item), heatmap=analysis.heatmap)

    def select(self, result: ImageResult, operating_point: OperatingPointChoice) -> ImageResult:
        """Keep the findings passing ``operating_point`` (capped per image); ``all`` keeps every candidate."""
        if operating_point == "all":
            return dataclasses.replace(result, operating_point="all")
        if operating_point not in self.spec.operating_points:
            raise ValueError(f"unknown operating point {operating_point!r}; use sens, spec or all")
        kept = [f for f in result.findings if operating_point in f.operating_points][: self.spec.post.max_findings]
        return dataclasses.replace(result, findings=kept, operating_point=operating_point)


def _input_warnings(item: EngineInput) -> list[str]:
    """What about the input itself makes findings less trustworthy (frames left out)."""
    warnings = []
    if item.frame_count > 1:
        warnings.append(MULTIFRAME_WARNING.format(frames=item.frame_count))
    return warnings

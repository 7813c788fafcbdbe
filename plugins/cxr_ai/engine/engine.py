"""The engine: the analysis pipeline plus the result cache and the operating points.

Use :meth:`Engine.detect` for findings (cached), :meth:`Engine.cached` to look up without running a model, and
:meth:`Engine.analyse` when the maps are needed too (overlays, DICOM SEG, the intermediate images).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Literal

import numpy as np

from cxr_ai.engine.cache import ResultCache
from cxr_ai.engine.film_result import input_warnings
from cxr_ai.engine.image_input import EngineInput
from cxr_ai.engine.pipeline import Analysis, Pipeline
from cxr_ai.engine.result import ImageResult

OperatingPointChoice = Literal["sens", "spec", "all"]
Detected = tuple[ImageResult, np.ndarray]  # findings and the probability map over the image's extent


class Engine(Pipeline):
    """The pipeline with a cache: callers read the pipeline's models, provider and batch size on the engine itself
    (and a batch size set on it must reach ``analyse``), so the engine extends the pipeline rather than wrapping it."""

    def __init__(self, models_dir: Path | None = None, device: str = "auto", cache: ResultCache | None = None) -> None:
        super().__init__(models_dir, device)
        self.cache = cache

    def _calibration(self, item: EngineInput) -> str:
        """The cache key's part for what the models were shown besides the pixels: geometry and polarity. Films with
        pixels that are not square carry their aspect, and inverted films (MONOCHROME1, or MONOCHROME2 with
        Presentation LUT Shape INVERSE) say so, so entries cached before either was honoured (findings of the
        stretched film, or of the negative) miss; so do films whose spacing was corrected for magnification, whose
        filters ran in the corrected plane before they ran at the detector's, and films with padding pixels, which
        the models saw at their padding value before they saw them black."""
        spacing = item.spacing
        key = f"{spacing.row_mm}x{spacing.col_mm}" if spacing.calibrated else "uncalibrated"
        if spacing.calibrated and spacing.magnification != 1.0:  # filters at the detector plane since 2026-12-06
            key += f" at detector x{spacing.magnification!r}"
        if item.pixel_aspect != 1.0:
            key += f" aspect {item.pixel_aspect!r}"
        if item.padded:
            key += " padding black"
        return key + " inverted" if item.monochrome1 else key

    def may_have_cached(self, film_prefix: str | None) -> bool:
        """False when the cache surely has no result for the film (``image_input.film_prefix``): stepping through
        a 60-frame film nobody analysed then costs no pixel digest a frame. True without a prefix (no UID)."""
        if self.cache is None:
            return False
        return film_prefix is None or self.cache.holds_film(film_prefix, self.model_set.version)

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
        hit[0].warnings += [w for w in input_warnings(item) if w not in hit[0].warnings]  # cached before they existed
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

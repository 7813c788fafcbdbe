"""Verified models with sessions built once, run over images in batches: one :class:`Analysis` per image.

The cache-free half of the engine: :class:`~cxr_ai.engine.engine.Engine` adds the result cache and the operating
points on top, so a caller that needs the maps (overlays, DICOM SEG, the intermediate images) always runs this.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from model_training.preprocess import Letterbox, fit_canvas, normalise_intensity

from cxr_ai.engine.film_result import FilmResultBuilder
from cxr_ai.engine.image_input import EngineInput
from cxr_ai.engine.model_set import ModelSet, load_model_set
from cxr_ai.engine.providers import ProviderChoice, choose_provider, create_session
from cxr_ai.engine.rescoring import Rescorer
from cxr_ai.engine.result import ImageResult
from cxr_ai.engine.runner import OnnxModel
from cxr_ai.engine.spec import PipelineSpec
from cxr_ai.engine.stages import StageOutput, StageRunner


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


def build_models(model_set: ModelSet, device: str) -> tuple[dict[str, OnnxModel], ProviderChoice]:
    """A session for every model the set verified, and the provider they ended up on."""
    choice = choose_provider(device)
    models: dict[str, OnnxModel] = {}
    for name, path in model_set.paths.items():
        session, choice = create_session(str(path), choice, device)
        models[name] = OnnxModel(name, path, session, model_set.entries[name])
    return models, choice


def prepare(item: EngineInput, size: int) -> tuple[np.ndarray, np.ndarray, Letterbox]:
    """The normalised image (the candidate classifier cuts its own canvas from it), the model canvas and the
    letterbox between them: the one preprocessing every stage sees."""
    normalised = normalise_intensity(item.pixels, monochrome1=item.monochrome1)
    canvas, box = fit_canvas(normalised, size, item.pixel_aspect)
    return normalised, canvas, box


class Pipeline:
    """The installed model set's sessions, built once (the costly part); ``analyse`` reuses them for every batch."""

    def __init__(self, models_dir: Path | None = None, device: str = "auto") -> None:
        self.model_set: ModelSet = load_model_set(models_dir)
        models, choice = build_models(self.model_set, device)
        self.choice: ProviderChoice = choice
        self.provider = models[self.model_set.spec.lung_model].provider
        self.batch_size = self.model_set.spec.gpu_batch_size if choice.device == "cuda" else 1
        self.stages = StageRunner(self.model_set.spec, models)
        classifier = self.model_set.spec.classifier
        self.rescorer = Rescorer(classifier, [models[name] for name in classifier.members]) if classifier else None
        self.result_builder = FilmResultBuilder(self.model_set.spec, self.rescorer, self.provider,
                                                self.model_set.version)

    @property
    def spec(self) -> PipelineSpec:
        return self.model_set.spec

    @property
    def score_rule(self) -> str:
        """How a finding's score is made (``FilmResultBuilder.score_rule``), for the CLI's description."""
        return self.result_builder.score_rule

    def _run_batch(self, items: list[EngineInput]) -> tuple[list[np.ndarray], list[np.ndarray], list[Letterbox],
                                                            StageOutput, float]:
        """Normalised images (kept for the candidate classifier's own canvas), canvases, letterboxes, stages."""
        start = time.perf_counter()
        prepared = [prepare(item, self.model_set.input_size) for item in items]
        preprocess_ms = (time.perf_counter() - start) * 1000 / len(items)
        canvases = [canvas for _, canvas, _ in prepared]
        return ([normalised for normalised, _, _ in prepared], canvases, [box for _, _, box in prepared],
                self.stages.run(np.stack(canvases)), preprocess_ms)

    def analyse(self, items: list[EngineInput]) -> list[Analysis]:
        """Run every stage (in batches of ``batch_size``) and post-process; never reads the cache."""
        analyses: list[Analysis] = []
        for first in range(0, len(items), self.batch_size):
            batch = items[first : first + self.batch_size]
            normalised, canvases, boxes, stages, preprocess_ms = self._run_batch(batch)
            for index, item in enumerate(batch):
                timings = {"preprocess": preprocess_ms} | {k: v / len(batch) for k, v in stages.timings_ms.items()}
                result = self.result_builder.build(item, normalised[index], boxes[index], stages, index, timings)
                bone = stages.bone_suppressed[index] if stages.bone_suppressed is not None else None
                analyses.append(Analysis(result, boxes[index], canvases[index], bone,
                                         stages.lung_probability[index], stages.detection_probability[index]))
        return analyses

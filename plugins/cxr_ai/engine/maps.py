"""The lung mask or the bone-suppressed image of ``cxr-ai lungs`` / ``bones`` from a complete model set.

Only the models the map needs are verified, built and run (``PipelineSpec.models_for``), so a set whose detector
files are absent still gives it; the canvas, preprocessing and stages are the pipeline's own (``film_maps``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from cxr_ai.engine.film_maps import film_maps
from cxr_ai.engine.image_input import EngineInput
from cxr_ai.engine.intermediates import bones_at_input, mask_at_input
from cxr_ai.engine.model_set import load_model_set
from cxr_ai.engine.pipeline import build_models
from cxr_ai.engine.providers import ProviderChoice
from cxr_ai.engine.stages import MapStages


class MapPipeline:
    """``command`` ``lungs`` or ``bones``; ``has_stage`` is False for bones when the pipeline has no bone stage
    (the caller then runs the bone model on its own, ``engine.standalone``)."""

    def __init__(self, models_dir: Path | None, command: str, device: str = "auto") -> None:
        self.model_set = load_model_set(models_dir, output=command)
        models, choice = build_models(self.model_set, device)
        self.choice: ProviderChoice = choice
        self.stages = MapStages(self.model_set.spec, models)
        self.command = command

    @property
    def has_stage(self) -> bool:
        return bool(self.model_set.paths)

    def image(self, item: EngineInput) -> np.ndarray:
        """The uint8 map at the input's size: 0/255 lung mask, or the bone-suppressed image."""
        maps = film_maps(self.stages, item, self.model_set.input_size)
        if self.command == "lungs":
            return mask_at_input(maps.lung_probability, maps.letterbox, self.model_set.spec.lung_threshold)
        return bones_at_input(item, maps.canvas, maps.bone_suppressed, maps.letterbox)

"""One pipeline model on its own, for ``cxr-ai lungs`` / ``bones`` before a detector is installed.

The lung and bone models ship before the detector ensemble, and the issue asks for checking them on their own.
With a detector pipeline in the manifest the CLI runs these maps through its stages instead (``engine.maps``), so
they are what the detector saw (the lung model may then be fed the bone-suppressed image).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from model_training.manifest import MANIFEST_NAME, read_manifest, verified_model_path
from model_training.bone_residual import suppress_full_resolution
from model_training.preprocess import Letterbox, preprocess

from cxr_ai.engine.errors import ModelsNotInstalledError, PipelineSpecError
from cxr_ai.engine.image_input import EngineInput
from cxr_ai.engine.intermediates import bones_at_input, mask_at_input
from cxr_ai.engine.providers import ProviderChoice, choose_provider, create_session
from cxr_ai.engine.runner import OnnxModel

TASKS = {"lungs": ("lung", "lung_segmentation"), "bones": ("bone", "bone_suppression")}  # exporter's and spec's names
LUNG_THRESHOLD = 0.5  # what the lung model's manifest entry documents


class StandaloneModel:
    def __init__(self, models_dir: Path, command: str, device: str = "auto") -> None:
        manifest = Path(models_dir) / MANIFEST_NAME
        if not manifest.is_file():
            raise ModelsNotInstalledError(manifest)
        names = [entry["name"] for entry in read_manifest(Path(models_dir)) if entry["task"] in TASKS[command]]
        if len(names) != 1:
            raise PipelineSpecError(f"{manifest}: expected one model for '{command}', found {names or 'none'}")
        path, entry = verified_model_path(Path(models_dir), names[0])
        session, choice = create_session(str(path), choose_provider(device), device)
        self.choice: ProviderChoice = choice
        self.model = OnnxModel(names[0], path, session, entry)
        self.command = command

    def run(self, item: EngineInput) -> tuple[np.ndarray, np.ndarray, Letterbox]:
        """The model's canvas input, its output (both at the model's size) and the letterbox between them."""
        canvas, box = preprocess(item.pixels, self.model.size, monochrome1=item.monochrome1,
                                 pixel_aspect=item.pixel_aspect)
        return canvas, self.model.run(canvas[None, None])[0], box

    def image(self, item: EngineInput) -> np.ndarray:
        """The uint8 map at the input's size: 0/255 lung mask, or the bone-suppressed image."""
        canvas, output, box = self.run(item)
        if self.command == "lungs":
            return mask_at_input(output, box, LUNG_THRESHOLD)
        return bones_at_input(item, canvas, output, box)

    def suppressed(self, item: EngineInput) -> np.ndarray:
        """The bone-suppressed image as float at the input's size (bones-bright scale), for the viewer's layer."""
        canvas, output, box = self.run(item)
        return suppress_full_resolution(item.pixels, canvas, output, box, item.monochrome1)

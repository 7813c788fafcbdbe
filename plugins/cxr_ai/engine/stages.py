"""The model stages on a batch of preprocessed canvases: bone suppression → lung mask → detector ensemble + TTA.

Every stage works in the square model canvas; mapping back to the image happens only in post-processing, once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from model_training.bone_residual import suppress_on_canvas

from cxr_ai.engine.runner import OnnxModel
from cxr_ai.engine.spec import PipelineSpec


@dataclass
class StageOutput:
    """Per-canvas maps of one batch, and wall-clock milliseconds per stage for the whole batch."""

    bone_suppressed: np.ndarray | None  # (N, S, S) in preprocessing units, or None without a bone stage
    lung_probability: np.ndarray  # (N, S, S)
    detection_probability: np.ndarray  # (N, S, S), mean over members × augmentations
    timings_ms: dict[str, float] = field(default_factory=dict)


def _augment(batch: np.ndarray, augmentation: str) -> np.ndarray:
    return batch[..., ::-1] if augmentation == "hflip" else batch


def _ensemble(members: list[OnnxModel], batch: np.ndarray, augmentations: tuple[str, ...]) -> np.ndarray:
    """Average of every member on every augmentation, each output mapped back to the unaugmented frame."""
    total = np.zeros((batch.shape[0],) + batch.shape[2:], np.float64)
    for member in members:
        for augmentation in augmentations:
            total += _augment(member.run(_augment(batch, augmentation)), augmentation)
    return (total / (len(members) * len(augmentations))).astype(np.float32)


class MapStages:
    """Bone suppression and lung segmentation, each run only when its model was loaded: the detector's inputs in a
    full pipeline, and on their own the maps of ``cxr-ai lungs/bones`` and the viewer's views (``film_maps``)."""

    def __init__(self, spec: PipelineSpec, models: dict[str, OnnxModel]) -> None:
        self.spec = spec
        self.bone = models.get(spec.bone_model) if spec.bone_model else None
        self.lung = models.get(spec.lung_model)

    def run_maps(self, canvases: np.ndarray, timings: dict[str, float]) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Bone-suppressed canvases and lung probabilities (None for a stage not loaded); milliseconds per stage
        go into ``timings``."""
        bone = None
        if self.bone:
            start = time.perf_counter()
            bone = suppress_on_canvas(lambda batch: self.bone.run(batch[:, None]), canvases, self.bone.size)
            timings["bone_suppression"] = (time.perf_counter() - start) * 1000
        if self.lung is None:
            return bone, None
        start = time.perf_counter()
        lung_input = bone if self.spec.lung_input == "bone_suppressed" else canvases
        lung = self.lung.run_on_canvas(lung_input[:, None])
        timings["lung_segmentation"] = (time.perf_counter() - start) * 1000
        return bone, lung


class StageRunner(MapStages):
    def __init__(self, spec: PipelineSpec, models: dict[str, OnnxModel]) -> None:
        super().__init__(spec, models)
        self.members = [models[name] for name in spec.detector_members]

    def run(self, canvases: np.ndarray) -> StageOutput:
        """``canvases`` (N, S, S) float32 from ``preprocess``."""
        timings: dict[str, float] = {}  # a stage that does not run has no entry (a 0.0 read as "took no time")
        bone, lung = self.run_maps(canvases, timings)
        assert lung is not None  # a full pipeline always loads its lung model
        channels = {
            "image": canvases,
            "bone_suppressed": bone,
            "lung_mask": (lung >= self.spec.lung_threshold).astype(np.float32),
        }
        start = time.perf_counter()
        stacked = np.stack([channels[name] for name in self.spec.detector_inputs], axis=1)
        detection = _ensemble(self.members, stacked, self.spec.tta)
        timings["detection"] = (time.perf_counter() - start) * 1000
        return StageOutput(bone, lung, detection, timings)

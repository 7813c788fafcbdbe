"""The second stage at inference: patches around stage 1's candidates, scored by the classifier ensemble.

The patches come from the radiograph letterboxed again at the classifier's canvas (finer than the detector's),
cut by the function training used, so the engine scores exactly what the classifier learnt on.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from model_training.preprocess import Letterbox, fit_canvas

from cxr_ai.engine.classifier_spec import ClassifierSpec
from cxr_ai.engine.patches import cut_patches
from cxr_ai.engine.postprocess import Candidate
from cxr_ai.engine.runner import OnnxModel


def combined_score(stage_one: np.ndarray | float, probability: np.ndarray | float, weight: float) -> np.ndarray:
    """stage 1^(1 − w) × classifier^w: one function for training's out-of-fold scoring and the engine, so a weight
    tuned out of fold means the same here. A weighted geometric mean keeps both stages able to veto a candidate."""
    return np.power(stage_one, 1.0 - weight) * np.power(probability, weight)


class Rescorer:
    def __init__(self, spec: ClassifierSpec, members: list[OnnxModel]) -> None:
        self.spec = spec
        self.members = members

    def probabilities(self, normalised: np.ndarray, box: Letterbox, candidates: list[Candidate]) -> np.ndarray:
        """Mean classifier probability (members × augmentations) of each candidate (detector-canvas centres);
        ``normalised`` is the image through ``normalise_intensity``, as the detector's canvas was made from it."""
        if not candidates:
            return np.zeros(0, np.float32)
        canvas, fine = fit_canvas(normalised, self.spec.canvas, box.pixel_aspect)
        xs, ys = box.to_image(np.array([c.x for c in candidates]), np.array([c.y for c in candidates]))
        centres = np.stack(fine.to_model(xs, ys), axis=1)
        patches = cut_patches(canvas, centres, self.spec.patch)[:, None]
        # every augmentation in one batch: one session call per member instead of one per member and flip
        views = np.concatenate([patches[..., ::-1] if name == "hflip" else patches for name in self.spec.tta])
        total = sum(member.score(views).astype(np.float64).reshape(len(self.spec.tta), -1).sum(axis=0)
                    for member in self.members)
        return (total / (len(self.members) * len(self.spec.tta))).astype(np.float32)

    def rescore(self, normalised: np.ndarray, box: Letterbox, candidates: list[Candidate]) -> list[Candidate]:
        """The ``spec.candidates`` best candidates with the combined score, highest first; the rest dropped."""
        kept = candidates[: self.spec.candidates]
        probability = self.probabilities(normalised, box, kept)
        weight = self.spec.classifier_weight
        rescored = [dataclasses.replace(c, score=float(combined_score(c.score, p, weight)))
                    for c, p in zip(kept, probability)]
        return sorted(rescored, key=lambda candidate: (-candidate.score, candidate.y, candidate.x))

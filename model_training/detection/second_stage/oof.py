"""Nested out-of-fold scoring: classifier k trains on the films of stage 1's other folds and scores fold k's.

Each film's stage-1 candidates come from the stage-1 member that did not see it, and its classifier score from the
classifier that did not see it either, so the re-scored FROC is out of fold like stage 1's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import torch
from cxr_ai.engine.rescoring import combined_score

from model_training.checkpoint_io import save_checkpoint
from model_training.detection.froc import ImageMarks, Mark
from model_training.detection.second_stage.network import CandidateClassifier
from model_training.detection.second_stage.samples import ImagePatches, training_patches
from model_training.detection.second_stage.settings import SecondStageSettings
from model_training.detection.second_stage.train import score_patches, train_classifier

ScoreRule = Literal["combined", "classifier", "stage1"]
RULE_WEIGHTS = {"combined": 0.5, "classifier": 1.0, "stage1": 0.0}  # the classifier's exponent w of each rule


@dataclass
class FoldClassifier:
    fold: int
    training_cases: list[str]
    positives: int
    negatives: int
    history: list[dict]
    checkpoint: str | None


def load_classifier(path: Path, settings: SecondStageSettings,
                    training_cases: list[str]) -> tuple[CandidateClassifier, list]:
    """A classifier an earlier run trained and saved, refused unless it was trained the same way on the same films."""
    state = torch.load(path, map_location="cpu", weights_only=False)
    if state["settings"] != settings.as_record() or state.get("training_cases") != training_cases:
        raise ValueError(f"{path}: trained with other settings or on other films than this run would use")
    model = CandidateClassifier()
    model.load_state_dict(state["model"])
    return model.eval(), state["history"]


def score_out_of_fold(images: list[ImagePatches], settings: SecondStageSettings, checkpoint_dir: Path | None = None,
                      reuse: bool = False) -> tuple[list[np.ndarray], list[FoldClassifier]]:
    """Per film, its candidates' classifier probabilities; and what each fold's classifier was trained on.

    ``reuse`` scores with the classifiers already saved in ``checkpoint_dir`` instead of training them again.
    """
    probabilities: list[np.ndarray] = [np.zeros(0, np.float32)] * len(images)
    classifiers = []
    for fold in sorted({image.fold for image in images}):
        positives, negatives = training_patches(images, fold)
        training_cases = sorted(image.case_id for image in images if image.fold != fold)
        path = Path(checkpoint_dir) / f"fold{fold}" / "classifier.pt" if checkpoint_dir is not None else None
        if reuse:
            if path is None:
                raise ValueError("reusing classifiers needs the folder they were saved in")
            model, history = load_classifier(path, settings, training_cases)
        else:
            model, history = train_classifier(positives, negatives, settings, settings.seed + 7919 * fold)
            if path is not None:
                save_checkpoint({"model": model.state_dict(), "settings": settings.as_record(), "fold": fold,
                                 "training_cases": training_cases, "history": history, "finished": True}, path)
        for index, image in enumerate(images):
            if image.fold == fold and len(image.candidates):
                probabilities[index] = score_patches(model, image.candidate_patches, settings)
        classifiers.append(FoldClassifier(fold, training_cases, len(positives), len(negatives), history,
                                          str(path) if path is not None else None))
    return probabilities, classifiers


def rescore(marks: ImageMarks, probability: np.ndarray, weight: float, cap: int) -> ImageMarks:
    """One film's marks scored stage 1^(1 − w) × classifier^w, as the engine scores them, highest first, capped."""
    stage_one = np.array([mark.score for mark in marks.marks], np.float64)
    scores = combined_score(stage_one, probability.astype(np.float64), weight)
    ranked = sorted((Mark(mark.x, mark.y, float(score)) for mark, score in zip(marks.marks, scores)),
                    key=lambda mark: -mark.score)
    return ImageMarks(marks.case_id, marks.lesions, tuple(ranked[:cap]))


def rescored_marks(images: list[ImagePatches], probabilities: list[np.ndarray], rule: ScoreRule,
                   cap: int) -> list[ImageMarks]:
    """Marks re-scored by ``rule`` and capped: "combined" = √(stage 1 × classifier) (the pre-registered score)."""
    return [rescore(ImageMarks(image.case_id, image.lesions, image.candidates), probability, RULE_WEIGHTS[rule], cap)
            for image, probability in zip(images, probabilities)]

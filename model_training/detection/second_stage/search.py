"""Optuna TPE over the two-stage detector's post-processing, nested inside stage 1's folds.

The networks stay fixed (stage 1's out-of-fold maps, each fold's classifier); only the settings that turn maps into
findings are searched. Settings tuned on the films they are scored on flatter the figures, so each fold's films are
scored with the settings a study chose on the other folds' films: the nested figure estimates what the tuned
settings will do on films no choice saw. Pre-registered in ``model_training/results/README.md`` (18:50 UTC).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import optuna
from cxr_ai.engine.patches import cut_patches

from model_training.detection.candidates import image_marks
from model_training.detection.froc import ImageMarks
from model_training.detection.froc_summary import summarise
from model_training.detection.oof import OofPredictions
from model_training.detection.second_stage.network import CandidateClassifier
from model_training.detection.second_stage.oof import rescore
from model_training.detection.second_stage.samples import patch_centres
from model_training.detection.second_stage.settings import SecondStageSettings
from model_training.detection.second_stage.train import score_patches
from model_training.preprocess import Letterbox

SPACE = "region_fraction 0.3-0.8, min_area_mm2 0-40, lung_dilation_mm 0-30, peak_distance_mm 3-12, " \
        "score max|mean, classifier_weight 0-1"
STARTUP_TRIALS = 10


def suggest(trial: optuna.Trial) -> dict:
    """The pre-registered space: stage 1's candidate settings and the classifier's weight in the final score."""
    return {"region_fraction": trial.suggest_float("region_fraction", 0.3, 0.8),
            "min_area_mm2": trial.suggest_float("min_area_mm2", 0.0, 40.0),
            "lung_dilation_mm": trial.suggest_float("lung_dilation_mm", 0.0, 30.0),
            "peak_distance_mm": trial.suggest_float("peak_distance_mm", 3.0, 12.0),
            "score": trial.suggest_categorical("score", ["max", "mean"]),
            "classifier_weight": trial.suggest_float("classifier_weight", 0.0, 1.0)}


def stage_one_post(base: dict, params: dict, cap: int) -> dict:
    """Stage 1's post-processing for ``params``: the base settings with the searched ones, ``cap`` candidates."""
    return base | {key: value for key, value in params.items() if key != "classifier_weight"} | {"max_findings": cap}


@dataclass
class TwoStageScorer:
    """Out-of-fold marks of any films for any settings; each film's classifier is its own fold's.

    ``canvases`` are the films at the classifier's canvas. Classifier probabilities are cached by candidate
    position, since most settings move few candidates.
    """

    predictions: OofPredictions
    folds: list[int]
    canvases: list[tuple[np.ndarray, Letterbox]]
    classifiers: dict[int, CandidateClassifier]
    settings: SecondStageSettings
    base_post: dict
    _cache: dict[tuple[int, float, float], float] = field(default_factory=dict, repr=False)

    def _probabilities(self, index: int, marks: ImageMarks) -> np.ndarray:
        missing = [mark for mark in marks.marks if (index, mark.x, mark.y) not in self._cache]
        if missing:
            canvas, box = self.canvases[index]
            patches = cut_patches(canvas, patch_centres(box, [(m.x, m.y) for m in missing]), self.settings.cut)
            scores = score_patches(self.classifiers[self.folds[index]], patches, self.settings)
            self._cache.update({(index, m.x, m.y): float(s) for m, s in zip(missing, scores)})
        return np.array([self._cache[(index, mark.x, mark.y)] for mark in marks.marks], np.float64)

    def marks(self, params: dict, indices: Sequence[int]) -> list[ImageMarks]:
        indices = list(indices)
        predictions = self.predictions
        post = stage_one_post(self.base_post, params, self.settings.candidate_cap)
        found = image_marks(predictions.data.subset(indices), predictions.maps[indices], predictions.lungs[indices],
                            post)
        return [rescore(marks, self._probabilities(index, marks), params["classifier_weight"],
                        self.settings.final_cap) for index, marks in zip(indices, found)]


def search(scorer: TwoStageScorer, indices: Sequence[int], trials: int, seed: int) -> tuple[dict, float]:
    """The best settings for the films ``indices`` after ``trials`` TPE trials, and their CPM on those films."""
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=min(STARTUP_TRIALS, trials))
    study = optuna.create_study(direction="maximize", sampler=sampler)
    study.optimize(lambda trial: summarise(scorer.marks(suggest(trial), indices), replicates=0)["metrics"]["cpm"],
                   n_trials=trials)
    return dict(study.best_params), float(study.best_value)


def nested_search(scorer: TwoStageScorer, trials: int, seed: int) -> tuple[list[ImageMarks], list[dict]]:
    """Every film's marks with the settings chosen without its fold, and what each fold's study chose."""
    marks: list[ImageMarks | None] = [None] * len(scorer.folds)
    chosen = []
    for fold in sorted(set(scorer.folds)):
        inner = [index for index, other in enumerate(scorer.folds) if other != fold]
        held = [index for index, other in enumerate(scorer.folds) if other == fold]
        params, inner_cpm = search(scorer, inner, trials, seed)
        for index, film in zip(held, scorer.marks(params, held)):
            marks[index] = film
        chosen.append({"held_out_fold": fold, "params": params, "cpm_on_the_other_folds": inner_cpm})
    return [film for film in marks if film is not None], chosen

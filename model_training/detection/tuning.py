"""Post-processing and operating thresholds chosen on out-of-fold predictions only.

Operating points: ``sens`` is the most sensitive threshold with at most ``sens_fp`` FP/image, ``spec`` the most
sensitive with at most ``spec_fp`` FP/image; among equally sensitive thresholds the highest (fewest FPs) wins.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os

import numpy as np

from model_training.detection.candidates import engine_postprocessing, image_marks
from model_training.detection.froc import ImageMarks, froc_curve, match_image
from model_training.detection.froc_summary import summarise

GRID = {"min_area_mm2": [0.0, 5.0, 10.0, 20.0], "region_fraction": [0.3, 0.5, 0.7],
        "lung_dilation_mm": [0.0, 10.0, 20.0]}


def _require_oof(predictions) -> None:
    if getattr(predictions, "split", None) != "oof":
        raise PermissionError("thresholds and post-processing may only be tuned on out-of-fold predictions "
                              f"(got split {getattr(predictions, 'split', None)!r})")


_SCORED = None  # the predictions a forked worker scores; inherited through fork, never pickled


def _trial_cpm(trial: dict) -> float:
    data, maps, lungs = _SCORED
    return summarise(image_marks(data, maps, lungs, trial), replicates=0)["metrics"]["cpm"]


def _workers(trials: int) -> int:
    """Processes for the grid: every core but one on a many-core machine (the GPU machine scores a campaign's
    configs inside one time-boxed call, 36 trials of about 4 s each at 512 px), none on a small one."""
    cores = os.cpu_count() or 1  # as the campaign counts them when it shares threads among its runs
    return min(trials, cores - 1) if cores > 2 and "fork" in multiprocessing.get_all_start_methods() else 1


def tune_postprocessing(predictions, post: dict, grid: dict | None = None) -> tuple[dict, float]:
    """The ``post`` settings on ``grid`` with the best out-of-fold CPM (the first in grid order on a tie), and
    that CPM."""
    global _SCORED
    _require_oof(predictions)
    grid = GRID if grid is None else grid
    trials = [post | dict(zip(grid, values)) for values in itertools.product(*grid.values())]
    _SCORED = (predictions.data, predictions.maps, predictions.lungs)
    try:
        workers = _workers(len(trials))
        if workers > 1:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                cpms = pool.map(_trial_cpm, trials, chunksize=1)
        else:
            cpms = [_trial_cpm(trial) for trial in trials]
    finally:
        _SCORED = None
    best = int(np.argmax(cpms))  # first maximum: grid order breaks ties, as a sequential search would
    return trials[best], float(cpms[best])


def operating_point(images: list[ImageMarks], max_fp_per_image: float) -> dict:
    matched = [match_image(image) for image in images]
    lesion_scores = np.concatenate([m.lesion_scores for m in matched]) if matched else np.zeros(0)
    fp_scores = np.concatenate([m.fp_scores for m in matched]) if matched else np.zeros(0)
    thresholds, fp_per_image, sensitivity = froc_curve(lesion_scores, fp_scores, len(images), lesion_scores.size)
    allowed = np.flatnonzero(fp_per_image <= max_fp_per_image)
    best = allowed[np.argmax(sensitivity[allowed])]  # first maximum: the highest threshold reaching it
    threshold = float(min(thresholds[best], 1.0))
    return {"threshold": threshold, "sensitivity": float(sensitivity[best]), "fp_per_image": float(fp_per_image[best])}


def tune(predictions, post: dict, sens_fp: float = 1.0, spec_fp: float = 0.2, grid: dict | None = None) -> dict:
    """Everything the manifest's pipeline takes from validation data: post-processing and both operating points."""
    _require_oof(predictions)
    chosen, cpm = tune_postprocessing(predictions, post, grid)
    images = image_marks(predictions.data, predictions.maps, predictions.lungs, chosen)
    return {"post": chosen, "postprocessing": engine_postprocessing(chosen), "oof_cpm": cpm,
            "operating_points": {"sens": operating_point(images, sens_fp), "spec": operating_point(images, spec_fp)},
            "targets_fp_per_image": {"sens": sens_fp, "spec": spec_fp}}

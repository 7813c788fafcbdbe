"""The full FROC summary of one evaluation: sensitivities, CPM, image AUC, subgroups, and bootstrap 95% CIs.

Confidence intervals resample *images* with replacement (a lesion and the false positives of its image travel
together), with a seeded generator so a report is reproducible; the subgroups (subtlety, size) get theirs from the
same resamples. A resample that draws no nodule film is left out: its sensitivities are undefined, not 0 (and its
image AUC lacks a class). ``curve_end_fp_per_image`` is where the FROC curve stops (every candidate kept): with a
cap on findings per image the higher rates are never reached, and their sensitivities hold the curve's last value.
"""

from __future__ import annotations

import numpy as np

from model_training.detection.froc import FP_RATES, ImageMarks, Matched, image_auc, match_image, sensitivities

SIZE_GROUPS = {"<10mm": (0.0, 10.0), "10-20mm": (10.0, 20.0), ">20mm": (20.0, np.inf)}


def _size_group(diameter_mm: float) -> str:
    return next(name for name, (low, high) in SIZE_GROUPS.items()
                if low <= diameter_mm < high or (name == "10-20mm" and diameter_mm == 20.0))


def _pooled(matched: list[Matched], images: list[ImageMarks], keep=lambda lesion: True) -> tuple:
    lesion_scores = [score for m, image in zip(matched, images) for score, lesion in zip(m.lesion_scores, image.lesions)
                     if keep(lesion)]
    fp_scores = np.concatenate([m.fp_scores for m in matched]) if matched else np.zeros(0)
    return np.asarray(lesion_scores, float), fp_scores


def point_metrics(matched: list[Matched], images: list[ImageMarks]) -> dict:
    lesion_scores, fp_scores = _pooled(matched, images)
    result = sensitivities(lesion_scores, fp_scores, len(images), lesion_scores.size)
    labels = np.array([bool(image.lesions) for image in images])
    result["image_auc"] = image_auc(np.array([m.image_score for m in matched]), labels)
    return result


def _subgroups(matched: list[Matched], images: list[ImageMarks]) -> dict:
    groups: dict[str, dict] = {}
    keys = {f"subtlety_{level}": (lambda lesion, level=level: lesion.subtlety == level) for level in range(1, 6)}
    keys |= {f"size_{name}": (lambda lesion, name=name: _size_group(lesion.diameter_mm) == name)
             for name in SIZE_GROUPS}
    for name, keep in keys.items():
        lesion_scores, fp_scores = _pooled(matched, images, keep)
        if lesion_scores.size:
            groups[name] = {"lesions": int(lesion_scores.size)} | sensitivities(
                lesion_scores, fp_scores, len(images), lesion_scores.size)
    return groups


def bootstrap(matched: list[Matched], images: list[ImageMarks], replicates: int = 1000,
              seed: int = 0) -> tuple[dict, dict]:
    """Percentile 95% intervals over ``replicates`` image resamples: of every point metric, and of each subgroup's
    metrics (``{group: {metric: [low, high]}}``; a group's interval is over the resamples that hold one of its
    nodules, since with a handful of nodules some resamples hold none)."""
    rng = np.random.default_rng(seed)
    samples: dict[str, list[float]] = {}
    group_samples: dict[str, dict[str, list[float]]] = {}
    for _ in range(replicates):
        chosen = rng.integers(0, len(images), len(images))
        picked_matched, picked_images = [matched[i] for i in chosen], [images[i] for i in chosen]
        if not holds_a_nodule(picked_images):
            continue
        for key, value in point_metrics(picked_matched, picked_images).items():
            if value is not None:
                samples.setdefault(key, []).append(value)
        for group, values in _subgroups(picked_matched, picked_images).items():
            for key, value in values.items():
                if key != "lesions":
                    group_samples.setdefault(group, {}).setdefault(key, []).append(value)
    return percentile_intervals(samples), {group: percentile_intervals(s) for group, s in group_samples.items()}


def holds_a_nodule(images: list[ImageMarks]) -> bool:
    """Whether a resample can be scored at all: without a nodule, FROC's point metrics (0 from ``sensitivities``)
    would pull every lower bound to 0."""
    return any(image.lesions for image in images)


def percentile_intervals(samples: dict[str, list[float]]) -> dict[str, list[float]]:
    """The 2.5th and 97.5th percentiles of each metric's bootstrap values."""
    return {key: [float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))]
            for key, values in samples.items()}


def summarise(images: list[ImageMarks], replicates: int = 1000, seed: int = 0) -> dict:
    """Everything a report or an ablation row needs, JSON-ready."""
    if not images:
        raise ValueError("no images to evaluate")
    matched = [match_image(image) for image in images]
    lesions = sum(len(image.lesions) for image in images)
    ci95, group_ci95 = bootstrap(matched, images, replicates, seed) if replicates else ({}, {})
    subgroups = {group: values | {"ci95": group_ci95.get(group, {})} for group, values in
                 _subgroups(matched, images).items()}
    return {"images": len(images), "lesions": lesions, "fp_rates": list(FP_RATES),
            "metrics": point_metrics(matched, images),
            "curve_end_fp_per_image": sum(m.fp_scores.size for m in matched) / len(images),
            "ci95": ci95, "bootstrap": {"replicates": replicates, "seed": seed, "unit": "image"},
            "subgroups": subgroups}

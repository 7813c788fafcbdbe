"""Two detectors on the same films: the difference of every FROC point metric (A − B) with a paired bootstrap.

The rows of an ablation table each carry their own interval, but they are scored on the same films, so their
errors are correlated and overlapping intervals say little about the difference. Resampling each image once for
both detectors gives the interval of the difference itself, which is what an ablation claims.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from model_training.detection.froc import ImageMarks, match_image
from model_training.detection.froc_summary import holds_a_nodule, percentile_intervals, point_metrics
from model_training.records import write_record


def _aligned(images_a: list[ImageMarks], images_b: list[ImageMarks]) -> list[ImageMarks]:
    """B in A's order; the two must cover the same films with the same reference nodules."""
    by_case = {image.case_id: image for image in images_b}
    if sorted(by_case) != sorted(image.case_id for image in images_a) or len(by_case) != len(images_b):
        raise ValueError("a paired comparison needs both detectors scored on the same images")
    aligned = [by_case[image.case_id] for image in images_a]
    if any(a.lesions != b.lesions for a, b in zip(images_a, aligned)):
        raise ValueError("the two detectors were scored against different reference nodules")
    return aligned


def _differences(metrics_a: dict, metrics_b: dict) -> dict[str, float]:
    return {key: metrics_a[key] - metrics_b[key] for key in metrics_a
            if metrics_a[key] is not None and metrics_b.get(key) is not None}


def paired_difference(images_a: list[ImageMarks], images_b: list[ImageMarks], replicates: int = 1000,
                      seed: int = 0) -> dict:
    """A, B and A − B for every point metric; percentile 95% CIs of A − B and the share of replicates with A ≤ B.

    The share is a one-sided bootstrap p-value for "A is better than B": small when nearly every resample of the
    films keeps A ahead. Resamples without a nodule film are left out, as in ``froc_summary.bootstrap``.
    """
    if not images_a:
        raise ValueError("no images to compare")
    images_b = _aligned(images_a, images_b)
    matched_a = [match_image(image) for image in images_a]
    matched_b = [match_image(image) for image in images_b]
    metrics_a, metrics_b = point_metrics(matched_a, images_a), point_metrics(matched_b, images_b)
    rng = np.random.default_rng(seed)
    samples: dict[str, list[float]] = {}
    for _ in range(replicates):
        chosen = rng.integers(0, len(images_a), len(images_a))
        if not holds_a_nodule([images_a[i] for i in chosen]):
            continue  # nothing to detect: no difference to sample (a 0 would count as "A not better")
        resampled = [point_metrics([matched[i] for i in chosen], [images[i] for i in chosen])
                     for matched, images in ((matched_a, images_a), (matched_b, images_b))]
        for key, value in _differences(*resampled).items():
            samples.setdefault(key, []).append(value)
    return {"images": len(images_a), "lesions": sum(len(image.lesions) for image in images_a),
            "a": metrics_a, "b": metrics_b, "difference": _differences(metrics_a, metrics_b),
            "ci95": percentile_intervals(samples),
            "share_a_not_better": {key: float(np.mean(np.asarray(values) <= 0)) for key, values in samples.items()},
            "bootstrap": {"replicates": replicates, "seed": seed, "unit": "image, paired"}}


def write_paired(header: dict, images_a: list[ImageMarks], images_b: list[ImageMarks], replicates: int,
                 results_dir: Path | None) -> dict:
    """Score the pair and write its record with the Markdown report beside it; ``header`` names the sides."""
    result = {"task": "detector", "kind": "paired"} | header | paired_difference(images_a, images_b, replicates)
    path = write_record(result, results_dir)
    path.with_suffix(".md").write_text(paired_report(result), encoding="utf-8")
    return result | {"record_file": str(path)}


def paired_report(result: dict) -> str:
    """Markdown: each metric for A and B, A − B with its paired 95% CI, and the share of resamples with A ≤ B."""
    lines = [f"# Paired comparison: {result['label_a']} (A) against {result['label_b']} (B)", "",
             f"Split: {result['split']}; {result['images']} images, {result['lesions']} nodules; "
             f"{result['bootstrap']['replicates']} paired image bootstrap replicates (seed "
             f"{result['bootstrap']['seed']}).", "",
             "| metric | A | B | A − B [95% CI] | share of resamples with A ≤ B |", "|---|---|---|---|---|"]
    for key, difference in result["difference"].items():
        low, high = result["ci95"].get(key, (float("nan"), float("nan")))
        name = "CPM" if key == "cpm" else "image-level AUC" if key == "image_auc" else f"sensitivity @ {key} FP/image"
        lines.append(f"| {name} | {result['a'][key]:.3f} | {result['b'][key]:.3f} | {difference:+.3f} "
                     f"[{low:+.3f}, {high:+.3f}] | {result['share_a_not_better'].get(key, float('nan')):.3f} |")
    return "\n".join(lines) + "\n"

"""Pictures of a detector's worst misses and worst false positives, from a scored ``cxr-ai detect`` report.

Why from the report: the card's failure cases are then exactly what the shipped command line produced on those
films. A miss is ranked by the best score any mark on the nodule got (unmarked first); a false positive by its
score. Each panel is a 60 mm crop: the reference nodule in green (its radius is the hit zone), marks in orange.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Circle  # noqa: E402

from model_training import jsrt  # noqa: E402
from model_training.detection.froc import ImageMarks, match_image  # noqa: E402
from model_training.detection.score_detections import load_report  # noqa: E402

CROP_MM = 60.0


def worst_misses(images: list[ImageMarks], count: int) -> list[tuple[ImageMarks, int, float]]:
    """(image, lesion index, best hit score or -inf), lowest first; among equals the most obvious nodule (highest
    subtlety rating, then largest) first, since missing it is the worse failure."""
    ranked = [(image, index, float(score)) for image in images
              for index, score in enumerate(match_image(image).lesion_scores)]

    def badness(item: tuple[ImageMarks, int, float]) -> tuple[float, int, float]:
        lesion = item[0].lesions[item[1]]
        return item[2], -(lesion.subtlety or 0), -lesion.diameter_mm

    return sorted(ranked, key=badness)[:count]


def worst_false_positives(images: list[ImageMarks], count: int) -> list[tuple[ImageMarks, int]]:
    """(image, mark index) of the highest-scoring marks that hit no nodule."""
    ranked = []
    for image in images:
        for index, mark in enumerate(image.marks):
            if not any(np.hypot(mark.x - lesion.x, mark.y - lesion.y) <= lesion.radius_px for lesion in image.lesions):
                ranked.append((mark.score, image, index))
    return [(image, index) for _, image, index in sorted(ranked, key=lambda item: -item[0])[:count]]


def _panel(axis, film: np.ndarray, image: ImageMarks, centre: tuple[float, float], title: str) -> None:
    half = CROP_MM / 2 / jsrt.JSRT_PIXEL_MM
    left, top = centre[0] - half, centre[1] - half
    rows, cols = film.shape
    window = film[int(max(top, 0)):int(min(top + 2 * half, rows)), int(max(left, 0)):int(min(left + 2 * half, cols))]
    low, high = np.percentile(window, [1, 99])
    axis.imshow(film, cmap="gray", vmin=low, vmax=max(high, low + 1))
    for lesion in image.lesions:
        axis.add_patch(Circle((lesion.x, lesion.y), lesion.radius_px, fill=False, color="lime", linewidth=1.2))
    for mark in image.marks:
        axis.plot(mark.x, mark.y, "+", color="orange", markersize=9)
        axis.annotate(f"{mark.score:.2f}", (mark.x, mark.y), color="orange", fontsize=6, xytext=(3, 3),
                      textcoords="offset points")
    axis.set_xlim(left, left + 2 * half)
    axis.set_ylim(top + 2 * half, top)
    axis.set_title(title, fontsize=7)
    axis.axis("off")


def failure_figure(report_path: Path, shared: Path, out: Path, evaluate_on_test: bool = False,
                   count: int = 4) -> Path:
    """Top row: the ``count`` worst misses; bottom row: the ``count`` worst false positives."""
    jsrt_dir = shared / "data" / "jsrt"
    _, images, _ = load_report(report_path, shared, evaluate_on_test)
    figure, axes = plt.subplots(2, count, figsize=(2.4 * count, 6.0), squeeze=False)
    for axis, (image, index, score) in zip(axes[0], worst_misses(images, count)):
        lesion = image.lesions[index]
        found = "unmarked" if not np.isfinite(score) else f"best mark {score:.2f}"
        _panel(axis, jsrt.load_image(jsrt_dir, image.case_id), image, (lesion.x, lesion.y),
               f"miss {image.case_id}\n{lesion.diameter_mm:.0f} mm, subtlety {lesion.subtlety}, {found}")
    for axis, (image, index) in zip(axes[1], worst_false_positives(images, count)):
        mark = image.marks[index]
        _panel(axis, jsrt.load_image(jsrt_dir, image.case_id), image, (mark.x, mark.y),
               f"false positive {image.case_id}\nscore {mark.score:.2f}")
    for axis in axes.flat:
        if not axis.images:
            axis.axis("off")
    figure.tight_layout()
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=90, bbox_inches="tight", metadata={"Software": None})
    plt.close(figure)
    return Path(out)

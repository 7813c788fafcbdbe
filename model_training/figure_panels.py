"""The panels every documentation figure is made of: a grey image, a nodule crop, a reproducible PNG.

Kept apart from the figures themselves (:mod:`model_training.figures`, :mod:`model_training.bone_figures`) so
every figure looks alike and is written byte for byte the same on every run.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

CROP_MM = 60.0
DPI = 80


def grey_panel(axis, image: np.ndarray, title: str) -> None:
    """One image in grey on 0..1, titled small, without axes."""
    axis.imshow(image, cmap="gray", vmin=0, vmax=1, interpolation="lanczos")
    axis.set_title(title, fontsize=8)
    axis.axis("off")


def save(figure, path: Path) -> Path:
    """Write the figure as a PNG that is the same bytes on every run, and close it."""
    figure.savefig(path, dpi=DPI, bbox_inches="tight", metadata={"Software": None})  # no version stamp: reproducible
    plt.close(figure)
    return path


def crop(image: np.ndarray, centre_xy: tuple[float, float], pixel_mm: float) -> np.ndarray:
    """A ``CROP_MM`` square around a nodule, contrast-stretched between its own 1st and 99th percentiles."""
    half = int(CROP_MM / 2 / pixel_mm)
    x, y = int(round(centre_xy[0])), int(round(centre_xy[1]))
    padded = np.pad(image, half, mode="edge")
    window = padded[y : y + 2 * half, x : x + 2 * half]
    low, high = np.percentile(window, [1, 99])
    return np.clip((window - low) / max(high - low, 1e-6), 0, 1)

"""Training targets: a nodule probability map drawn as discs or Gaussians of the nodule's known diameter.

Only a centre and a diameter are known for JSRT nodules, so the map is a model of the nodule, not a contour.
A Gaussian has sigma = radius / 2 and peak 1, so about 86 % of its mass lies inside the radius; a disc is 1 inside
the radius. Overlapping nodules take the maximum, keeping the map a probability.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

SHAPES = ("disc", "gaussian")


def render_target(size: int, nodules: Iterable[tuple[float, float, float]], shape: str = "gaussian") -> np.ndarray:
    """(size, size) float32 map; ``nodules`` are (x, y, radius) in canvas pixels (x = column)."""
    if shape not in SHAPES:
        raise ValueError(f"target shape must be one of {SHAPES}, got {shape!r}")
    rows, cols = np.indices((size, size), dtype=np.float32)
    target = np.zeros((size, size), np.float32)
    for x, y, radius in nodules:
        radius = max(float(radius), 0.5)
        distance_sq = (cols - x) ** 2 + (rows - y) ** 2
        if shape == "disc":
            drawn = (distance_sq <= radius**2).astype(np.float32)
        else:
            drawn = np.exp(-distance_sq / (2 * (radius / 2) ** 2)).astype(np.float32)
        np.maximum(target, drawn, out=target)
    return target

"""Pulmonary vessel markings: random branching trees growing from each hilum, thinning towards the periphery.

Without them a phantom lung is an empty dark field and a detector learns that any bright blob is a nodule. Each
vessel is deposited as points along its segments, grouped by calibre, then blurred to that calibre: cheap, and the
projected profile of a cylinder is close to that of a Gaussian at these sizes.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from model_training.phantom.anatomy import Anatomy

CALIBRES_MM = (7.0, 4.5, 3.0, 2.0)


def _grow(start, angle, length, level, rng, segments):
    end = start + length * np.array([np.cos(angle), np.sin(angle)])
    segments.append((start, end, level))
    if level + 1 >= len(CALIBRES_MM):
        return
    for _ in range(int(rng.integers(2, 4))):
        _grow(end, angle + rng.normal(0, 0.45), length * rng.uniform(0.55, 0.8), level + 1, rng, segments)


def vessels_layer(size: int, anatomy: Anatomy, lung_mask: np.ndarray, rng: np.random.Generator, mm_per_unit: float):
    """Water-equivalent path length (mm) of the vessel trees, restricted to the lung fields."""
    segments: list = []
    hilum_y = anatomy.apex_y + 0.42 * (anatomy.base_y - anatomy.apex_y)
    for side in (-1.0, 1.0):
        hilum = np.array([anatomy.midline + side * (anatomy.mediastinum_half_width + 0.02), hilum_y])
        for _ in range(int(rng.integers(5, 8))):
            angle = rng.uniform(-1.3, 1.3) + (0.0 if side > 0 else np.pi)
            _grow(hilum, angle, rng.uniform(0.08, 0.12), 0, rng, segments)
    pixel_mm = mm_per_unit / size
    out = np.zeros((size, size), np.float32)
    for level, calibre in enumerate(CALIBRES_MM):
        density = np.zeros((size, size), np.float32)
        for start, end, seg_level in segments:
            if seg_level != level:
                continue
            steps = max(2, int(np.hypot(*(end - start)) * size))
            points = start[None, :] + np.linspace(0, 1, steps)[:, None] * (end - start)[None, :]
            cols = np.clip((points[:, 0] * size).astype(int), 0, size - 1)
            rows = np.clip((points[:, 1] * size).astype(int), 0, size - 1)
            np.add.at(density, (rows, cols), 1.0)
        sigma = max(0.5, calibre / 2.5 / pixel_mm)
        # a cylinder's cross-section area per pixel of length, spread over the Gaussian's width
        out += ndimage.gaussian_filter(density, sigma) * (np.pi * calibre**2 / 4) / pixel_mm
    fade = ndimage.gaussian_filter(lung_mask.astype(np.float32), 0.01 * size)
    return (2.0 * out * fade).astype(np.float32)  # doubled: by eye against JSRT, markings were too faint

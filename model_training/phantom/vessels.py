"""Pulmonary vessel markings: branching trees from each hilum, thinning towards the periphery, plus fine texture.

Without them a phantom lung is an empty dark field and a detector learns that any bright blob is a nodule. The
hilar arteries are the thickest (≈ 12 mm); each generation is shorter and thinner, lower-lobe trees are longer and
richer (gravity-dependent perfusion), and markings fade out before the outer third of the lung, as on a normal
film. Each vessel is deposited as points along its segments, grouped by calibre, then blurred to that calibre:
cheap, and the projected profile of a cylinder is close to that of a Gaussian at these sizes.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from model_training.phantom.anatomy import Anatomy

CALIBRES_MM = (14.0, 9.0, 5.5, 3.5, 2.2, 1.4)
HILUM_LIMIT_MM = 35.0  # a hilum is a few centimetres of vessels deep, however many trunks overlap
BLOOD_DISPLACEMENT = 0.75  # blood (water-like) replaces lung that already held a quarter of its density


def _grow(start, angle, length, level, rng, segments) -> None:
    """Points are (x, y) tuples, not arrays: a phantom grows thousands of segments, and building two small arrays
    for each cost more than the random draws."""
    bend = rng.normal(0, 0.12)
    half = 0.5 * length
    middle = (start[0] + half * np.cos(angle), start[1] + half * np.sin(angle))
    end = (middle[0] + half * np.cos(angle + bend), middle[1] + half * np.sin(angle + bend))
    segments.append((start, middle, level))
    segments.append((middle, end, level))
    if level + 1 >= len(CALIBRES_MM):
        return
    for _ in range(int(rng.integers(2, 4))):
        _grow(end, angle + bend + rng.normal(0, 0.4), length * rng.uniform(0.75, 0.95), level + 1, rng, segments)


def _trees(anatomy: Anatomy, rng: np.random.Generator) -> list:
    segments: list = []
    for side, hilum_y in ((-1.0, anatomy.hilum_y[0]), (1.0, anatomy.hilum_y[1])):
        hilum = np.array([anatomy.midline + side * (anatomy.mediastinum_half_width + 0.035), hilum_y])
        for downward in np.linspace(-1.1, 1.2, int(rng.integers(5, 8))):  # upper-lobe to lower-lobe trunks
            angle = downward + rng.normal(0, 0.15)
            length = rng.uniform(0.05, 0.07) * (1.2 if downward > 0 else 1.0)
            _grow(hilum, angle if side > 0 else np.pi - angle, length, 0, rng, segments)
    return segments


def _segment_pixels(segments: list, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of evenly spaced points along every segment (as ``np.linspace`` from start to end, two
    per pixel of length), all segments in one pass: a phantom has thousands of segments, and a ``linspace`` and
    two ``clip`` calls for each one were most of a small phantom's generation time."""
    starts = np.array([start for start, _ in segments], dtype=float)
    deltas = np.array([end for _, end in segments], dtype=float) - starts
    steps = np.maximum(2, (np.hypot(deltas[:, 0], deltas[:, 1]) * size * 2).astype(int))
    owner = np.repeat(np.arange(len(segments)), steps)
    index = np.arange(owner.size) - np.repeat(np.cumsum(steps) - steps, steps)
    fractions = index * np.repeat(1.0 / (steps - 1), steps)
    fractions[np.cumsum(steps) - 1] = 1.0  # as linspace: the last point is the end exactly
    points = starts[owner] + fractions[:, None] * deltas[owner]
    cols = np.clip((points[:, 0] * size).astype(int), 0, size - 1)
    rows = np.clip((points[:, 1] * size).astype(int), 0, size - 1)
    return rows, cols


def vessels_layer(size: int, anatomy: Anatomy, lung_mask: np.ndarray, rng: np.random.Generator, mm_per_unit: float):
    """Water-equivalent path length (mm) of the vessel trees and parenchymal texture, inside the lung fields."""
    segments = _trees(anatomy, rng)
    pixel_mm = mm_per_unit / size
    out = np.zeros((size, size), np.float32)
    for level, calibre in enumerate(CALIBRES_MM):
        density = np.zeros((size, size), np.float32)
        rows, cols = _segment_pixels([(start, end) for start, end, seg_level in segments if seg_level == level], size)
        np.add.at(density, (rows, cols), 0.5)  # two points per pixel of length
        sigma = max(0.6, calibre / 2.5 / pixel_mm)
        # a cylinder's cross-section area per pixel of length, spread over the Gaussian's width
        out += ndimage.gaussian_filter(density, sigma) * (np.pi * calibre**2 / 4) / pixel_mm
    texture = ndimage.gaussian_filter(rng.standard_normal((size, size)).astype(np.float32), 2.0 / pixel_mm)
    texture = np.clip(texture / max(float(texture.std()), 1e-6), 0, None) * 1.2  # mm: faint interstitial mottle
    fade = ndimage.gaussian_filter(lung_mask.astype(np.float32), 0.008 * size)
    markings = 1.8 * (out + texture)
    markings = HILUM_LIMIT_MM * np.tanh(markings / HILUM_LIMIT_MM)  # overlapping hilar trunks stay a hilum
    return (BLOOD_DISPLACEMENT * markings * fade).astype(np.float32)

"""A synthetic PA chest radiograph, so the demo and the tests have a realistic image that anyone may share.

Built as a density map (bright = dense, MONOCHROME2 sense) from simple shapes — body, two lungs, mediastinum
and heart, spine, diaphragm, posterior ribs, clavicles and one nodule in the right lung — drawn at a quarter of
the final size, blurred, enlarged, then given quantum-like noise. It is plausible at a glance, not anatomy.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

_COARSE = 4  # shapes are drawn at 1/4 size: smooth edges for free and ~16× less work
NODULE_CENTER = (0.30, 0.42)  # (x, y) as fractions of the width and height: in the patient's right lung
NODULE_DIAMETER_MM = 14.0


def _ellipse(u: np.ndarray, v: np.ndarray, cx: float, cy: float, rx: float, ry: float) -> np.ndarray:
    return ((u - cx) / rx) ** 2 + ((v - cy) / ry) ** 2 <= 1.0


def _thickness(u: np.ndarray, v: np.ndarray, cx: float, cy: float, rx: float, ry: float) -> np.ndarray:
    """Path length through an elliptic cylinder, 0 at its rim and 1 at its centre: rounded edges, not a cut-out."""
    return np.sqrt(np.clip(1.0 - ((u - cx) / rx) ** 2 - ((v - cy) / ry) ** 2, 0.0, 1.0))


def _density(shape: tuple[int, int], pixel_mm: float) -> np.ndarray:
    rows, cols = shape
    v, u = np.meshgrid(np.linspace(0, 1, rows, dtype=np.float32), np.linspace(0, 1, cols, dtype=np.float32),
                       indexing="ij")
    body = _ellipse(u, v, 0.5, 0.66, 0.47, 0.66)
    lungs = np.maximum(_thickness(u, v, 0.31, 0.46, 0.15, 0.31), _thickness(u, v, 0.69, 0.46, 0.14, 0.30))
    lungs *= v < 0.70 + 0.12 * np.abs(u - 0.5)  # the domes of the diaphragm cut the lung bases
    heart = _thickness(u, v, 0.555, 0.62, 0.15, 0.12)
    mediastinum = _thickness(u, v, 0.5, 0.35, 0.06, 0.40)
    spine = np.abs(u - 0.5) < 0.03
    density = 0.45 + 0.2 * _thickness(u, v, 0.5, 0.66, 0.47, 0.66)
    density *= body
    density -= 0.42 * np.sqrt(lungs)
    density += 0.25 * np.maximum(heart, mediastinum) * (1.0 - 0.6 * np.sqrt(lungs))
    density += 0.07 * (spine & body)
    side = np.abs(u - 0.5)
    for rib in range(10):
        arc = 0.17 + rib * 0.052 + 0.55 * side**2
        density += 0.11 * ((np.abs(v - arc) < 0.011) & (side > 0.04) & (side < 0.42) & body)
    clavicle = np.abs(v - (0.16 + 0.12 * (side - 0.12))) < 0.012
    density += 0.12 * (clavicle & (side > 0.05) & (side < 0.3))
    nodule_radius = NODULE_DIAMETER_MM / 2.0 / pixel_mm
    distance = np.hypot((u - NODULE_CENTER[0]) * (cols - 1), (v - NODULE_CENTER[1]) * (rows - 1))
    density += 0.16 * np.clip(1.0 - (distance / nodule_radius) ** 2, 0.0, 1.0) ** 0.5
    return density


def synthetic_chest(size: tuple[int, int] = (2000, 2000), spacing_mm: float = 0.15, seed: int = 0) -> np.ndarray:
    """(rows, cols) uint16 image with 12-bit values; MONOCHROME2 (dense = bright)."""
    rows, cols = size
    coarse = _density((max(rows // _COARSE, 8), max(cols // _COARSE, 8)), spacing_mm * rows / max(rows // _COARSE, 8))
    coarse = ndimage.gaussian_filter(coarse, sigma=1.5)
    fine = ndimage.zoom(coarse, (rows / coarse.shape[0], cols / coarse.shape[1]), order=1)[:rows, :cols]
    rng = np.random.default_rng(seed)
    signal = 260.0 + 3300.0 * fine
    signal += rng.normal(0.0, 1.0, signal.shape).astype(np.float32) * (6.0 + 0.004 * signal)
    return np.clip(np.rint(signal), 0, 4095).astype(np.uint16)

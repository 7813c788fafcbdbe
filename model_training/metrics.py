"""Evaluation metrics (numpy/scipy): overlap and surface distance for masks, fidelity and CNR for images."""

from __future__ import annotations

import numpy as np
from scipy import ndimage


def dice(prediction: np.ndarray, truth: np.ndarray) -> float:
    """2|A∩B| / (|A|+|B|); two empty masks agree perfectly (1.0)."""
    a, b = prediction.astype(bool), truth.astype(bool)
    total = a.sum() + b.sum()
    return 1.0 if total == 0 else float(2 * np.logical_and(a, b).sum() / total)


def iou(prediction: np.ndarray, truth: np.ndarray) -> float:
    a, b = prediction.astype(bool), truth.astype(bool)
    union = np.logical_or(a, b).sum()
    return 1.0 if union == 0 else float(np.logical_and(a, b).sum() / union)


def _surface(mask: np.ndarray) -> np.ndarray:
    return mask & ~ndimage.binary_erosion(mask, border_value=0)


def hausdorff95(prediction: np.ndarray, truth: np.ndarray, pixel_mm: float = 1.0) -> float:
    """95th percentile of the symmetric surface-to-surface distances, in mm; inf when exactly one mask is empty."""
    a, b = prediction.astype(bool), truth.astype(bool)
    if not a.any() and not b.any():
        return 0.0
    if not a.any() or not b.any():
        return float("inf")
    surface_a, surface_b = _surface(a), _surface(b)
    to_b = ndimage.distance_transform_edt(~surface_b, sampling=pixel_mm)[surface_a]
    to_a = ndimage.distance_transform_edt(~surface_a, sampling=pixel_mm)[surface_b]
    return float(np.percentile(np.concatenate([to_b, to_a]), 95))


def psnr(estimate: np.ndarray, reference: np.ndarray, data_range: float | None = None) -> float:
    reference = reference.astype(np.float64)
    span = float(reference.max() - reference.min()) if data_range is None else data_range
    mse = float(np.mean((estimate.astype(np.float64) - reference) ** 2))
    return float("inf") if mse == 0 else 10 * np.log10(span * span / mse)


def ssim(estimate: np.ndarray, reference: np.ndarray, data_range: float | None = None, sigma: float = 1.5,
         mask: np.ndarray | None = None) -> float:
    """Mean structural similarity with a Gaussian window (Wang et al. 2004 constants), over ``mask`` if given
    (a region of interest, e.g. the lungs, whose score must not be diluted by the rest of the film)."""
    x, y = estimate.astype(np.float64), reference.astype(np.float64)
    span = float(y.max() - y.min()) if data_range is None else data_range
    c1, c2 = (0.01 * span) ** 2, (0.03 * span) ** 2
    blur = lambda image: ndimage.gaussian_filter(image, sigma, truncate=3.5)  # noqa: E731
    mx, my = blur(x), blur(y)
    vx, vy, cxy = blur(x * x) - mx * mx, blur(y * y) - my * my, blur(x * y) - mx * my
    index = ((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
    return float(index.mean() if mask is None else index[mask.astype(bool)].mean())


def fit_linear(source: np.ndarray, target: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``source`` mapped by the least-squares a·x+b that best matches ``target`` inside ``mask``."""
    design = np.stack([source[mask].ravel(), np.ones(int(mask.sum()))], axis=1).astype(np.float64)
    (slope, offset), *_ = np.linalg.lstsq(design, target[mask].ravel().astype(np.float64), rcond=None)
    return (source * slope + offset).astype(np.float32)


def contrast_to_noise(image: np.ndarray, centre_xy: tuple[float, float], radius_px: float) -> float:
    """(mean inside the disc − mean of the ring 1.5–2.5 radii) / std of the ring: nodule conspicuity."""
    rows, cols = np.indices(image.shape)
    distance = np.hypot(cols - centre_xy[0], rows - centre_xy[1])
    inside = distance <= 0.6 * radius_px
    ring = (distance >= 1.5 * radius_px) & (distance <= 2.5 * radius_px)
    noise = image[ring].std()
    return float((image[inside].mean() - image[ring].mean()) / max(noise, 1e-12))

"""Attenuation layers of a phantom chest: each a map of water-equivalent path length (mm) through one tissue.

Air-filled lung replaces tissue, so the lung layer is negative; the heart pushes lung aside, so it gives part of
that back. The projection's line integral is the plain sum of the layers, which keeps the bone layer separable for
bone-suppression targets. Ribs and clavicles are curves y = f(x), so each is drawn only inside its own row band.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from model_training.phantom.anatomy import Anatomy

FIELD_OF_VIEW_MM = 358.4  # JSRT: 1024 pixels of 0.35 mm
LUNG_TISSUE_FRACTION = 0.25  # inflated lung is about a quarter as dense as water


class Grid:
    """Normalised pixel-centre coordinates of a square image, rotated by the patient's tilt about the centre."""

    def __init__(self, size: int, tilt: float) -> None:
        self.size = size
        self.mm_per_unit = FIELD_OF_VIEW_MM
        centres = (np.arange(size, dtype=np.float32) + 0.5) / size
        y, x = np.meshgrid(centres, centres, indexing="ij")
        cos, sin = np.cos(tilt), np.sin(tilt)
        self.x = (0.5 + cos * (x - 0.5) - sin * (y - 0.5)).astype(np.float32)
        self.y = (0.5 + sin * (x - 0.5) + cos * (y - 0.5)).astype(np.float32)


def _chord(distance: np.ndarray, radius: float) -> np.ndarray:
    """Path length through a disc of ``radius`` at ``distance`` from its centre (same units)."""
    return 2.0 * np.sqrt(np.clip(radius * radius - distance * distance, 0.0, None))


def body_layer(grid: Grid, anatomy: Anatomy) -> np.ndarray:
    """Soft tissue of an elliptic-cylinder trunk that narrows to the neck above the shoulders."""
    shoulder = np.clip((grid.y - anatomy.apex_y + 0.08) / 0.12, 0.0, 1.0)
    half_width = anatomy.thorax_half_width * (0.45 + 0.55 * shoulder * shoulder * (3 - 2 * shoulder))
    relative = (grid.x - anatomy.midline) / half_width
    return anatomy.soft_tissue_density * anatomy.thorax_depth_mm * np.sqrt(np.clip(1 - relative**2, 0.0, None))


def lung_region(grid: Grid, anatomy: Anatomy) -> tuple[np.ndarray, np.ndarray]:
    """Both lung fields including the area behind the heart, and the hemidiaphragm dome height per pixel."""
    region = np.zeros(grid.x.shape, bool)
    dome = np.full(grid.x.shape, anatomy.base_y, np.float32)
    height = anatomy.base_y - anatomy.apex_y
    for side in (-1.0, 1.0):
        outward = side * (grid.x - anatomy.midline)
        descent = np.clip((grid.y - anatomy.apex_y) / (0.45 * height), 0.0, 1.0)
        lateral = anatomy.lung_half_width * (0.35 + 0.55 * np.sqrt(descent) + 0.1 * descent)
        centre = 0.55 * anatomy.lung_half_width
        apex = anatomy.apex_y + 0.7 * height * ((outward - centre) / anatomy.lung_half_width) ** 2
        lift = anatomy.right_dome_lift if side < 0 else 0.0
        bump = np.clip(1 - ((outward - 0.4 * anatomy.lung_half_width) / (0.75 * anatomy.lung_half_width)) ** 2, 0, 1)
        side_dome = anatomy.base_y - lift - anatomy.dome_height * bump
        inside = (outward > anatomy.mediastinum_half_width) & (outward < lateral) & (grid.y > apex)
        dome = np.where(outward > 0, side_dome, dome)
        region |= inside & (grid.y < side_dome)
    return region, dome


def heart_mask_and_depth(grid: Grid, anatomy: Anatomy) -> tuple[np.ndarray, np.ndarray]:
    """Heart silhouette (an ellipse, its lower part hidden in the diaphragm) and its antero-posterior depth (mm)."""
    (cx, cy), (rx, ry) = anatomy.heart_centre, anatomy.heart_radii
    radius = np.sqrt(((grid.x - cx) / rx) ** 2 + ((grid.y - cy) / ry) ** 2)
    depth = _chord(radius, 1.0) * 0.5 * anatomy.lung_depth_mm
    return radius < 1.0, depth


def lung_layers(grid: Grid, anatomy: Anatomy) -> dict[str, np.ndarray]:
    """Lung air (negative), heart (gives back displaced air), diaphragm recesses, and the visible lung mask."""
    region, dome = lung_region(grid, anatomy)
    heart, heart_depth = heart_mask_and_depth(grid, anatomy)
    taper = 0.06 * grid.size
    inner = ndimage.distance_transform_edt(region).astype(np.float32)
    air = anatomy.lung_depth_mm * np.sqrt(np.clip(inner / taper, 0.0, 1.0))
    below = (grid.y >= dome) & (grid.y < dome + 0.06) & ndimage.binary_dilation(region, iterations=2)
    recess = np.where(below, 0.35 * anatomy.lung_depth_mm * np.clip(1 - (grid.y - dome) / 0.06, 0, 1), 0.0)
    recess = ndimage.gaussian_filter(recess.astype(np.float32), 0.01 * grid.size)
    displaced = 1.0 - LUNG_TISSUE_FRACTION
    return {
        "lungs": (-displaced * air).astype(np.float32),
        "heart": (displaced * np.minimum(heart_depth, air)).astype(np.float32),
        "diaphragm": (-displaced * recess).astype(np.float32),
        "lung_mask": region & ~heart,
    }

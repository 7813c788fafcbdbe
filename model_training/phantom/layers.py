"""Soft-tissue and lung layers of a phantom chest: each a map of water-equivalent path length (mm) through one tissue.

Air-filled lung replaces tissue, so the lung layer is negative; the heart and great vessels push lung aside, so
they give part of that back. The projection's line integral is the plain sum of the layers, which keeps the bone
layers separable for bone-suppression targets.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from model_training.phantom.anatomy import Anatomy
from model_training.phantom.mediastinum import mediastinum_silhouette

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


def smoothstep(value: np.ndarray) -> np.ndarray:
    t = np.clip(value, 0.0, 1.0)
    return t * t * (3 - 2 * t)


def _rounded_profile(relative: np.ndarray) -> np.ndarray:
    """Thickness across a rounded-rectangle cross-section: flatter than an ellipse, steep at the flanks."""
    return np.clip(1 - np.abs(relative) ** 2.6, 0.0, None) ** (1 / 2.6)


def body_layer(grid: Grid, anatomy: Anatomy) -> np.ndarray:
    """Neck, shoulders that fill the upper corners, a barrel-shaped trunk, and arms at the sides (some patients)."""
    outward = np.abs(grid.x - anatomy.midline)
    neck = 0.55 * anatomy.thorax_depth_mm * _rounded_profile(outward / anatomy.neck_half_width)
    widening = smoothstep((anatomy.axilla_y - grid.y) / 0.14)  # 1 at the shoulders, 0 below the axilla
    barrel = 1 + 0.05 * np.sin(np.pi * np.clip((grid.y - anatomy.apex_y) / (anatomy.base_y - anatomy.apex_y), 0, 1))
    half_width = anatomy.thorax_half_width * barrel * (1 - widening) + 0.75 * widening
    droop = anatomy.shoulder_y + 0.5 * np.clip(outward - anatomy.neck_half_width, 0, None) ** 1.5
    shoulders = smoothstep((grid.y - droop) / 0.03)
    trunk = anatomy.thorax_depth_mm * _rounded_profile(outward / half_width) * shoulders
    trunk *= 1 - 0.35 * widening * smoothstep((outward - anatomy.thorax_half_width * 0.8) / 0.2)  # thinner arms
    arm_inner = anatomy.thorax_half_width + anatomy.arm_gap
    across_arm = (outward - arm_inner - 0.09) / 0.09
    arm_extent = smoothstep((anatomy.axilla_y + anatomy.arm_length - grid.y) / 0.05)
    arms = 100.0 * _rounded_profile(across_arm) * arm_extent * (grid.y > anatomy.axilla_y - 0.05)
    return (anatomy.soft_tissue_density * np.maximum(np.maximum(neck, trunk), arms)).astype(np.float32)


def breast_layer(grid: Grid, anatomy: Anatomy) -> np.ndarray:
    """Breast shadows: half-ellipsoids hanging over the lower lung zones, sharp below, merging into the wall above."""
    out = np.zeros(grid.x.shape, np.float32)
    if anatomy.breast is None:
        return out
    offset, centre_y, half_width, half_height, depth = anatomy.breast
    for side in (-1.0, 1.0):
        across = (grid.x - anatomy.midline - side * offset) / half_width
        down = (grid.y - centre_y) / half_height
        solid = np.sqrt(np.clip(1 - across * across - down * down, 0.0, None))
        out += (anatomy.soft_tissue_density * depth * solid * smoothstep(down + 1.0)).astype(np.float32)
    return out


def lung_region(grid: Grid, anatomy: Anatomy) -> tuple[np.ndarray, np.ndarray]:
    """Both lung fields including the area behind the heart, and the hemidiaphragm height per pixel.

    Each lung widens from a rounded apex to its base; the dome peaks at about 40 % of the hemithorax and falls
    steeply to the side, which draws the sharp costophrenic angle against the near-vertical chest wall.
    """
    region = np.zeros(grid.x.shape, bool)
    dome = np.full(grid.x.shape, anatomy.base_y, np.float32)
    height = anatomy.base_y - anatomy.apex_y
    medial = anatomy.mediastinum_half_width
    for side in (-1.0, 1.0):
        outward = side * (grid.x - anatomy.midline)
        descent = np.clip((grid.y - anatomy.apex_y) / height, 0.0, 1.0)
        lateral = anatomy.lung_half_width * (0.45 + 0.55 * (1 - (1 - descent) ** 3.0))
        centre = medial + 0.45 * (anatomy.lung_half_width - medial)
        apex = anatomy.apex_y + 0.55 * height * ((outward - centre) / anatomy.lung_half_width) ** 2
        across = np.clip((outward - medial) / (anatomy.lung_half_width - medial), 0, 1.2)
        lift = anatomy.right_dome_lift if side < 0 else 0.0
        bump = np.where(across > 0.4, 1 - ((across - 0.4) / 0.6) ** 2, 1 - 0.45 * ((0.4 - across) / 0.4) ** 2)
        side_dome = anatomy.base_y - lift - anatomy.dome_height * np.clip(bump, 0, 1)
        inside = (outward > medial) & (outward < lateral) & (grid.y > apex)
        dome = np.where(outward > 0, side_dome, dome)
        region |= inside & (grid.y < side_dome)
    return region, dome


def lung_layers(grid: Grid, anatomy: Anatomy) -> dict[str, np.ndarray]:
    """Lung air (negative), mediastinum (gives back displaced air), diaphragm recesses, and the lung mask."""
    region, dome = lung_region(grid, anatomy)
    silhouette, depth = mediastinum_silhouette(grid, anatomy)
    taper = 0.09 * grid.size
    inner = ndimage.distance_transform_edt(region).astype(np.float32)
    thickness = anatomy.lung_depth_mm * (0.65 + 0.35 * np.clip((grid.y - anatomy.apex_y) / 0.4, 0, 1))
    air = thickness * np.sqrt(np.clip(inner / taper, 0.0, 1.0))
    below = (grid.y >= dome) & (grid.y < dome + 0.06) & ndimage.binary_dilation(region, iterations=2)
    recess = np.where(below, 0.3 * anatomy.lung_depth_mm * np.clip(1 - (grid.y - dome) / 0.06, 0, 1), 0.0)
    recess = ndimage.gaussian_filter(recess.astype(np.float32), 0.01 * grid.size)
    displaced = 1.0 - LUNG_TISSUE_FRACTION
    return {
        "lungs": (-displaced * air).astype(np.float32),
        "heart": (displaced * np.minimum(depth, 0.92 * air)).astype(np.float32),
        "diaphragm": (-displaced * recess).astype(np.float32),
        "lung_mask": region & ~silhouette,
    }

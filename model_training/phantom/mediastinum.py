"""Mediastinal silhouette (heart and great vessels) and the air that draws it: trachea and stomach bubble.

The silhouette is the soft union of ellipses that a radiologist names on a PA film: the right atrium (right heart
border, image left), the left ventricle (apex down and to the image right), the aortic knob and the pulmonary
trunk (the left upper border), and the superior mediastinum. A soft minimum of their elliptic radii keeps the
outline smooth where they meet, with the shallow notches between knob, trunk and ventricle that real films show.
"""

from __future__ import annotations

import numpy as np

from model_training.phantom.anatomy import Anatomy

AIR_DISPLACEMENT = 1.0  # gas in the airway replaces tissue entirely


def _elliptic_radius(grid, centre, radii, angle: float = 0.0) -> np.ndarray:
    dx, dy = grid.x - centre[0], grid.y - centre[1]
    cos, sin = np.cos(angle), np.sin(angle)
    return np.sqrt(((cos * dx + sin * dy) / radii[0]) ** 2 + ((-sin * dx + cos * dy) / radii[1]) ** 2)


def _soft_min(radii: list[np.ndarray], sharpness: float = 12.0) -> np.ndarray:
    stacked = np.stack(radii)
    lowest = stacked.min(axis=0)
    return lowest - np.log(np.exp(-sharpness * (stacked - lowest)).sum(axis=0)) / sharpness


def mediastinum_silhouette(grid, anatomy: Anatomy) -> tuple[np.ndarray, np.ndarray]:
    """Mask of the heart and great vessels, and their antero-posterior depth (mm) as a rounded solid."""
    mid, (cx, cy) = anatomy.midline, anatomy.heart_centre
    top = anatomy.apex_y
    knob_dx, knob_y, knob_r = anatomy.aortic_knob
    trunk_y = (knob_y + cy - anatomy.heart_radii[1]) / 2
    parts = [
        _elliptic_radius(grid, (cx, cy), anatomy.heart_radii, anatomy.heart_angle),
        _elliptic_radius(grid, (mid - anatomy.right_atrium_offset + 0.075, cy), (0.075, 0.09)),
        _elliptic_radius(grid, (mid + knob_dx, knob_y), (knob_r, knob_r)),
        _elliptic_radius(grid, (mid + knob_dx + 0.01, trunk_y), (0.025, 0.05)),
        _elliptic_radius(grid, (mid + 0.003, (top + cy) / 2 - 0.04), (0.058, (cy - top) / 2 + 0.02)),
    ]
    radius = _soft_min(parts, 6.0)
    depth = 0.6 * anatomy.lung_depth_mm * np.sqrt(np.clip(1 - radius * radius, 0, None))
    return radius < 1.0, depth.astype(np.float32)


def airway_layer(grid, anatomy: Anatomy) -> np.ndarray:
    """Trachea down to the carina with the two main bronchi, and gas in the stomach under the left dome (negative)."""
    mm = grid.mm_per_unit
    carina_y = anatomy.hilum_y[1] - 0.06
    trachea_x = anatomy.midline + 0.004
    across = np.abs(grid.x - trachea_x) * mm
    length = np.clip((carina_y - grid.y) / 0.03, 0, 1)
    lumen = 2 * np.sqrt(np.clip(8.0**2 - across**2, 0, None)) * length
    out = lumen
    for side, angle in ((-1.0, 0.5), (1.0, 0.8)):  # the right bronchus is steeper (more vertical)
        along = (grid.y - carina_y) * np.cos(angle) + side * (grid.x - trachea_x) * np.sin(angle)
        off = np.abs(-(grid.y - carina_y) * np.sin(angle) + side * (grid.x - trachea_x) * np.cos(angle)) * mm
        extent = (along > 0) & (along < 0.06)
        out = np.maximum(out, 2 * np.sqrt(np.clip(5.5**2 - off**2, 0, None)) * extent * 0.8)
    if anatomy.gastric_bubble > 0:
        bubble_x = anatomy.midline + 0.55 * anatomy.lung_half_width
        bubble_y = anatomy.base_y - 0.95 * anatomy.dome_height + 1.2 * anatomy.gastric_bubble
        radius = np.hypot((grid.x - bubble_x) / 1.4, grid.y - bubble_y) * mm
        gas = 2 * np.sqrt(np.clip((anatomy.gastric_bubble * mm) ** 2 - radius**2, 0, None))
        out = out + gas * (grid.y < bubble_y + 0.3 * anatomy.gastric_bubble)  # gas floats above a fluid level
    return (-AIR_DISPLACEMENT * 0.5 * out).astype(np.float32)

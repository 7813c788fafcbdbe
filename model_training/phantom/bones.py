"""Bone layer: posterior and anterior ribs, clavicles and the spine, as hollow tubes with a dense cortex.

A tube's cortex is crossed over a longer path near its edges, which is what draws the bright rib margins seen on
radiographs; the marrow is less dense. Every curve is y = f(x) over a column range, so a rib costs one row band.
"""

from __future__ import annotations

import numpy as np

from model_training.phantom.anatomy import Anatomy
from model_training.phantom.layers import Grid, _chord

MARROW_DENSITY = 1.15  # trabecular bone relative to water


def _tube(distance_mm: np.ndarray, radius_mm: float, cortex_fraction: float, density: float) -> np.ndarray:
    inner = radius_mm * (1 - cortex_fraction)
    marrow = _chord(distance_mm, inner)
    return density * (_chord(distance_mm, radius_mm) - marrow) + MARROW_DENSITY * marrow


def _draw_curve(
    out: np.ndarray, grid: Grid, x_range: tuple[float, float], curve, radius_mm: float, flatten: float, density: float
) -> None:
    """Add a tube centred on ``y = curve(x)`` for x in ``x_range`` (normalised), fading out at both ends."""
    columns = np.nonzero((grid.x[grid.size // 2] > x_range[0]) & (grid.x[grid.size // 2] < x_range[1]))[0]
    if columns.size == 0:
        return
    x = grid.x[:, columns]
    centre, slope = curve(x)
    distance = np.abs(grid.y[:, columns] - centre) * grid.mm_per_unit / np.sqrt(1 + slope * slope)
    along = np.clip(np.minimum(x - x_range[0], x_range[1] - x) / 0.02, 0, 1)
    out[:, columns] += flatten * along * _tube(distance, radius_mm, 0.3, density)


def ribs_layer(grid: Grid, anatomy: Anatomy, rng: np.random.Generator) -> np.ndarray:
    """Posterior ribs rise slightly from the spine and curve down at the chest wall; anterior ribs run down-medially."""
    out = np.zeros(grid.x.shape, np.float32)
    reach = anatomy.thorax_half_width * 0.97
    for side in (-1.0, 1.0):
        for index in range(anatomy.rib_count):
            start_y = anatomy.rib_first_y + index * anatomy.rib_spacing + rng.normal(0, 0.004)
            rise = anatomy.rib_posterior_rise * (1 + 0.3 * index / anatomy.rib_count)
            drop = 0.12 + 0.08 * index / anatomy.rib_count
            radius = anatomy.rib_radius_mm * (0.8 + 0.3 * index / anatomy.rib_count) * rng.uniform(0.92, 1.08)

            def posterior(x, y0=start_y, rise=rise, drop=drop, side=side):
                t = np.clip(side * (x - anatomy.midline) / reach, 0, 1)
                y = y0 - rise * 4 * t * (1 - t) + drop * t**3
                return y, side * (-rise * 4 * (1 - 2 * t) + 3 * drop * t**2) / reach

            lateral_y = start_y + drop
            slope = anatomy.rib_anterior_slope * rng.uniform(0.85, 1.15)

            def anterior(x, y0=lateral_y, slope=slope, side=side):
                u = np.clip(reach - side * (x - anatomy.midline), 0, None)
                return y0 + slope * u + 0.6 * u * u, -side * (slope + 1.2 * u)

            ends = sorted(anatomy.midline + side * np.array([anatomy.spine_half_width * 0.6, reach]))
            _draw_curve(out, grid, (ends[0], ends[1]), posterior, radius, 0.75, anatomy.bone_density)
            front = sorted(anatomy.midline + side * np.array([reach * 0.5, reach * 0.98]))  # cartilage: unseen
            _draw_curve(out, grid, (front[0], front[1]), anterior, radius * 1.1, 0.35, anatomy.bone_density * 0.9)
    return out


def clavicles_layer(grid: Grid, anatomy: Anatomy) -> np.ndarray:
    """S-shaped clavicles from the sternal notch up and out to the shoulders."""
    out = np.zeros(grid.x.shape, np.float32)
    length = anatomy.thorax_half_width * 0.8
    for side in (-1.0, 1.0):

        def clavicle(x, side=side):
            t = np.clip(side * (x - anatomy.midline) / length, 0, 1)
            y = anatomy.clavicle_y + anatomy.clavicle_tilt * t - 0.012 * np.sin(2 * np.pi * t)
            return y, side * (anatomy.clavicle_tilt - 0.024 * np.pi * np.cos(2 * np.pi * t)) / length

        ends = sorted(anatomy.midline + side * np.array([0.03, length]))
        _draw_curve(out, grid, (ends[0], ends[1]), clavicle, 6.5, 0.8, anatomy.bone_density)
    return out


def spine_layer(grid: Grid, anatomy: Anatomy) -> np.ndarray:
    """Vertebral bodies separated by discs, with paired pedicles; seen faintly through the mediastinum."""
    half_width_mm = anatomy.spine_half_width * grid.mm_per_unit
    across = (grid.x - anatomy.midline) * grid.mm_per_unit
    column = _tube(across, half_width_mm, 0.15, anatomy.bone_density) * 0.6
    level = np.clip((grid.y - anatomy.apex_y + 0.1) / (anatomy.rib_spacing * 1.05), 0, None)
    phase = level - np.floor(level)
    disc = np.clip(np.minimum(phase, 1 - phase) / 0.1, 0, 1)
    pedicle_centres = (np.abs(across) - 0.7 * half_width_mm) ** 2 + ((phase - 0.45) * 30) ** 2
    pedicles = _tube(np.sqrt(pedicle_centres), 0.25 * half_width_mm, 0.4, anatomy.bone_density) * 0.5
    visible = np.clip((grid.y - anatomy.apex_y + 0.12) / 0.05, 0, 1)
    return (0.35 * (column * (0.35 + 0.65 * disc) + pedicles) * visible).astype(np.float32)

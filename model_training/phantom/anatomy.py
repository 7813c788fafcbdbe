"""Random anatomy of one phantom patient, in fractions of the image width/height.

Every size, position, angle and density is drawn per case so a model trained on phantoms sees a population, not a
template. Values are PA-chest proportions (thorax ≈ 0.8 of a 43 cm field, 10 visible rib pairs, heart ≈ 45 % of the
thoracic width).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Anatomy:
    thorax_half_width: float  # body outline half-width at the lung bases
    thorax_depth_mm: float  # antero-posterior body thickness at the midline
    midline: float  # x of the spine
    apex_y: float  # top of the lung apices
    base_y: float  # lowest point of the costophrenic angles
    lung_half_width: float  # lateral extent of each lung from the midline
    mediastinum_half_width: float
    right_dome_lift: float  # how much higher the right hemidiaphragm sits (image left)
    dome_height: float
    heart_centre: tuple[float, float]
    heart_radii: tuple[float, float]
    lung_depth_mm: float
    rib_count: int
    rib_spacing: float
    rib_first_y: float
    rib_posterior_rise: float
    rib_anterior_slope: float
    rib_radius_mm: float
    clavicle_y: float
    clavicle_tilt: float
    spine_half_width: float
    bone_density: float  # attenuation of cortical bone relative to water
    soft_tissue_density: float
    photons: float  # expected quanta per pixel behind no attenuation
    scatter_fraction: float
    blur_px: float
    tilt: float  # small patient rotation in radians


def random_anatomy(rng: np.random.Generator) -> Anatomy:
    """Draw one patient; ranges chosen by eye against JSRT so the extremes still look like chests."""
    apex_y = rng.uniform(0.08, 0.16)
    base_y = rng.uniform(0.78, 0.9)
    lung_height = base_y - apex_y
    rib_count = int(rng.integers(9, 12))
    midline = 0.5 + rng.normal(0, 0.012)
    heart_cx = midline + rng.uniform(0.05, 0.09)
    heart_cy = base_y - rng.uniform(0.12, 0.18)
    return Anatomy(
        thorax_half_width=rng.uniform(0.40, 0.46),
        thorax_depth_mm=rng.uniform(190, 270),
        midline=midline,
        apex_y=apex_y,
        base_y=base_y,
        lung_half_width=rng.uniform(0.34, 0.40),
        mediastinum_half_width=rng.uniform(0.045, 0.065),
        right_dome_lift=rng.uniform(0.01, 0.04),
        dome_height=rng.uniform(0.06, 0.11),
        heart_centre=(heart_cx, heart_cy),
        heart_radii=(rng.uniform(0.16, 0.21), rng.uniform(0.13, 0.17)),
        lung_depth_mm=rng.uniform(110, 170),
        rib_count=rib_count,
        rib_spacing=lung_height / (rib_count + rng.uniform(0.3, 1.2)),
        rib_first_y=apex_y + rng.uniform(0.0, 0.03),
        rib_posterior_rise=rng.uniform(0.015, 0.035),
        rib_anterior_slope=rng.uniform(0.35, 0.6),
        rib_radius_mm=rng.uniform(4.5, 6.5),
        clavicle_y=apex_y + rng.uniform(0.04, 0.09),
        clavicle_tilt=rng.uniform(-0.15, 0.05),
        spine_half_width=rng.uniform(0.035, 0.045),
        bone_density=rng.uniform(1.6, 2.2),
        soft_tissue_density=rng.uniform(0.95, 1.05),
        photons=float(np.exp(rng.uniform(np.log(2e4), np.log(2e5)))),
        scatter_fraction=rng.uniform(0.2, 0.45),
        blur_px=rng.uniform(0.5, 1.1),
        tilt=rng.normal(0, 0.02),
    )

"""Random anatomy of one phantom patient, in fractions of the image width/height (x across, y down).

Every size, position, angle and density is drawn per case so a model trained on phantoms sees a population, not a
template. Values are PA-chest proportions read off JSRT films (thorax ≈ 0.85 of a 36 cm field, 9–11 visible
posterior ribs, cardiothoracic ratio ≈ 0.4–0.5, left hilum higher than the right, heart apex to the image right).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Anatomy:
    thorax_half_width: float  # body outline half-width at the lung bases
    thorax_depth_mm: float  # antero-posterior body thickness at the midline
    neck_half_width: float
    shoulder_y: float  # where the shoulder line leaves the neck
    axilla_y: float  # below it the trunk has its own outline; above it shoulders fill the field
    arm_gap: float  # air between trunk and arm below the axilla (arms hang at the sides when small)
    arm_length: float  # how far below the axilla the arms stay in the field
    midline: float  # x of the spine
    apex_y: float  # top of the lung apices
    base_y: float  # the costophrenic angles, the lowest point of the lungs
    lung_half_width: float  # lateral extent of each lung from the midline at the bases
    mediastinum_half_width: float
    right_dome_lift: float  # the right hemidiaphragm (image left) sits higher, over the liver
    dome_height: float
    heart_centre: tuple[float, float]  # left ventricle
    heart_radii: tuple[float, float]
    heart_angle: float  # long axis tilt of the left ventricle (radians, apex down and to the image right)
    right_atrium_offset: float  # how far the right heart border bulges to the image left of the midline
    aortic_knob: tuple[float, float, float]  # x offset from the midline, y, radius
    hilum_y: tuple[float, float]  # right (image left) and left hila
    breast: tuple[float, float, float, float, float] | None  # x offset, y, half-width, half-height, depth (mm)
    scapula_medial: tuple[float, float]  # medial border offset from the midline at the top and at the lower angle
    scapula_bottom_y: float
    gastric_bubble: float  # radius of the stomach gas under the left hemidiaphragm (0: none)
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


def _breast(rng: np.random.Generator, base_y: float) -> tuple[float, float, float, float, float] | None:
    """About half of the population shows breast shadows over the lower lung zones, of very different sizes."""
    if rng.random() > 0.45:
        return None
    return (rng.uniform(0.24, 0.3), base_y - rng.uniform(0.12, 0.18), rng.uniform(0.12, 0.16),
            rng.uniform(0.08, 0.11), rng.uniform(15, 35))


def random_anatomy(rng: np.random.Generator) -> Anatomy:
    """Draw one patient; ranges chosen by eye against JSRT so the extremes still look like chests."""
    apex_y = rng.uniform(0.07, 0.13)
    base_y = rng.uniform(0.74, 0.86)
    lung_height = base_y - apex_y
    rib_count = int(rng.integers(9, 12))
    midline = 0.5 + rng.normal(0, 0.01)
    heart_cy = base_y - rng.uniform(0.14, 0.19)
    hilum = apex_y + rng.uniform(0.36, 0.42) * lung_height
    return Anatomy(
        thorax_half_width=rng.uniform(0.43, 0.48),
        thorax_depth_mm=rng.uniform(190, 260),
        neck_half_width=rng.uniform(0.13, 0.17),
        shoulder_y=apex_y - rng.uniform(0.08, 0.14),
        axilla_y=apex_y + rng.uniform(0.22, 0.3),
        arm_gap=rng.uniform(0.0, 0.05),
        arm_length=rng.uniform(0.0, 0.5),
        midline=midline,
        apex_y=apex_y,
        base_y=base_y,
        lung_half_width=rng.uniform(0.35, 0.4),
        mediastinum_half_width=rng.uniform(0.04, 0.055),
        right_dome_lift=rng.uniform(0.01, 0.04),
        dome_height=rng.uniform(0.07, 0.11),
        heart_centre=(midline + rng.uniform(0.09, 0.12), heart_cy),
        heart_radii=(rng.uniform(0.15, 0.19), rng.uniform(0.12, 0.15)),
        heart_angle=rng.uniform(0.35, 0.65),
        right_atrium_offset=rng.uniform(0.1, 0.14),
        aortic_knob=(rng.uniform(0.035, 0.05), apex_y + rng.uniform(0.18, 0.24) * lung_height, rng.uniform(0.025, 0.032)),
        hilum_y=(hilum + rng.uniform(0.01, 0.03), hilum),
        breast=_breast(rng, base_y),
        scapula_medial=(rng.uniform(0.26, 0.31), rng.uniform(0.29, 0.35)),
        scapula_bottom_y=apex_y + rng.uniform(0.35, 0.45) * lung_height,
        gastric_bubble=rng.uniform(0.025, 0.05) if rng.random() < 0.6 else 0.0,
        lung_depth_mm=rng.uniform(120, 170),
        rib_count=rib_count,
        rib_spacing=lung_height / (rib_count + rng.uniform(0.3, 1.2)),
        rib_first_y=apex_y + rng.uniform(0.0, 0.03),
        rib_posterior_rise=rng.uniform(0.015, 0.035),
        rib_anterior_slope=rng.uniform(0.35, 0.6),
        rib_radius_mm=rng.uniform(4.5, 6.5),
        clavicle_y=apex_y + rng.uniform(0.03, 0.08),
        clavicle_tilt=rng.uniform(-0.15, 0.05),
        spine_half_width=rng.uniform(0.035, 0.045),
        bone_density=rng.uniform(1.6, 2.2),
        soft_tissue_density=rng.uniform(0.95, 1.05),
        photons=float(np.exp(rng.uniform(np.log(2e4), np.log(2e5)))),
        scatter_fraction=rng.uniform(0.2, 0.45),
        blur_px=rng.uniform(0.5, 1.1),
        tilt=rng.normal(0, 0.02),
    )

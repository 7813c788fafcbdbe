"""One synthetic chest radiograph: layers → line integral → quanta with scatter and noise → detector blur → log.

The bone-free image shares the very same noise realisation (the noise ratio is applied to its own primary signal),
so a bone-suppression network learns to remove bone, not to denoise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage

from model_training.phantom.anatomy import Anatomy, random_anatomy
from model_training.phantom.bones import clavicles_layer, ribs_layer, spine_layer
from model_training.phantom.layers import FIELD_OF_VIEW_MM, Grid, body_layer, lung_layers
from model_training.phantom.nodules import LUNG_NODULE_DISPLACEMENT, Nodule, add_patch, pick_lung_position
from model_training.phantom.nodules import sphere_nodule_patch
from model_training.phantom.vessels import vessels_layer

WATER_MU_PER_MM = 0.02  # effective linear attenuation of water at a chest-radiography spectrum
BONE_LAYERS = ("ribs", "clavicles", "spine")


@dataclass
class PhantomCase:
    image: np.ndarray  # log image (attenuation units), bone bright
    soft_tissue: np.ndarray  # the same exposure without the bone layers
    lung_mask: np.ndarray  # bool, lungs excluding the heart silhouette
    nodules: list[Nodule]
    layers: dict[str, np.ndarray] = field(repr=False)  # water-equivalent mm per tissue; their sum is the projection
    anatomy: Anatomy | None = None

    @property
    def pixel_mm(self) -> float:
        return FIELD_OF_VIEW_MM / self.image.shape[0]


def _nodule_layer(lung_mask: np.ndarray, pixel_mm: float, count: int, rng: np.random.Generator):
    layer = np.zeros(lung_mask.shape, np.float32)
    nodules = []
    for _ in range(count):
        diameter = float(np.exp(rng.uniform(np.log(5), np.log(30))))
        x, y = pick_lung_position(lung_mask, diameter / 2 / pixel_mm, rng)
        add_patch(layer, LUNG_NODULE_DISPLACEMENT * sphere_nodule_patch(diameter, pixel_mm, rng), x, y)
        nodules.append(Nodule(x, y, diameter))
    return layer, nodules


def _expose(line_integral_mm: np.ndarray, anatomy: Anatomy, noise: np.ndarray) -> np.ndarray:
    """Detected log signal: primary + heavily blurred scatter, relative quantum noise, detector blur, −log."""
    primary = anatomy.photons * np.exp(-WATER_MU_PER_MM * line_integral_mm)
    small = ndimage.zoom(primary, 0.125, order=1)
    scatter = ndimage.zoom(ndimage.gaussian_filter(small, small.shape[0] * 0.08), 8.0, order=1)
    scatter = scatter[: primary.shape[0], : primary.shape[1]]
    detected = (primary + anatomy.scatter_fraction * scatter) * noise
    detected = ndimage.gaussian_filter(detected, anatomy.blur_px)
    return (-np.log(np.maximum(detected, 1e-3) / anatomy.photons)).astype(np.float32)


def generate_case(
    seed: int | np.random.SeedSequence, size: int = 512, nodule_count: int | None = None
) -> PhantomCase:
    """A seeded phantom case; ``nodule_count`` None draws 0–2 nodules."""
    if size % 8:
        raise ValueError(f"phantom size must be a multiple of 8, got {size}")
    rng = np.random.default_rng(seed)
    anatomy = random_anatomy(rng)
    grid = Grid(size, anatomy.tilt)
    lungs = lung_layers(grid, anatomy)
    lung_mask = lungs.pop("lung_mask")
    count = int(rng.integers(0, 3)) if nodule_count is None else nodule_count
    nodule_layer, nodules = _nodule_layer(lung_mask, FIELD_OF_VIEW_MM / size, count, rng)
    layers = {
        "body": body_layer(grid, anatomy).astype(np.float32),
        **lungs,
        "vessels": LUNG_NODULE_DISPLACEMENT * vessels_layer(size, anatomy, lung_mask, rng, FIELD_OF_VIEW_MM),
        "nodules": nodule_layer,
        "ribs": ribs_layer(grid, anatomy, rng),
        "clavicles": clavicles_layer(grid, anatomy),
        "spine": spine_layer(grid, anatomy),
    }
    total = sum(layers.values())
    soft = total - sum(layers[name] for name in BONE_LAYERS)
    expected = anatomy.photons * np.exp(-WATER_MU_PER_MM * total)
    noise = 1 + rng.standard_normal(total.shape).astype(np.float32) / np.sqrt(np.maximum(expected, 1.0))
    return PhantomCase(
        image=_expose(total, anatomy, noise),
        soft_tissue=_expose(soft, anatomy, noise),
        lung_mask=lung_mask,
        nodules=nodules,
        layers=layers,
        anatomy=anatomy,
    )

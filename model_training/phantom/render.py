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
from model_training.phantom.layers import FIELD_OF_VIEW_MM, Grid, body_layer, breast_layer, lung_layers
from model_training.phantom.mediastinum import airway_layer
from model_training.phantom.nodules import LUNG_NODULE_DISPLACEMENT, Nodule, add_patch, pick_lung_position
from model_training.phantom.nodules import sphere_nodule_patch
from model_training.phantom.shoulders import shoulder_bones_layer
from model_training.phantom.vessels import vessels_layer

# Nodule density relative to water, calibrated so the phantom's nodule contrast matches the JSRT train split
# (``python -m model_training.phantom.calibration``): on JSRT, contrast hardly grows with size (larger nodules are
# often less dense or part-solid), so density falls with diameter and varies by a factor of about 1.4 per case.
NODULE_DENSITY_GAIN = 1.4
NODULE_SIZE_EXPONENT = -0.55
WATER_MU_PER_MM = 0.02  # effective linear attenuation of water at a chest-radiography spectrum
BONE_LAYERS = ("ribs", "clavicles", "spine", "shoulders")
FILM_SHOULDER = 0.6  # attenuation units over which the film saturates above the knee


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
        density = NODULE_DENSITY_GAIN * (diameter / 12.0) ** NODULE_SIZE_EXPONENT * rng.lognormal(0.0, 0.35)
        add_patch(layer, density * LUNG_NODULE_DISPLACEMENT * sphere_nodule_patch(diameter, pixel_mm, rng), x, y)
        nodules.append(Nodule(x, y, diameter))
    return layer, nodules


def _film_response(log_signal: np.ndarray, knee: float) -> np.ndarray:
    """The shoulder of a film's characteristic curve: attenuation above ``knee`` (mediastinum, abdomen) is
    compressed, as on the digitised films of JSRT, where ribs fade out below the diaphragm. Identity below it."""
    above = np.maximum(log_signal - knee, 0.0)
    return (log_signal - above + FILM_SHOULDER * np.tanh(above / FILM_SHOULDER)).astype(np.float32)


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
        "body": body_layer(grid, anatomy),
        "breasts": breast_layer(grid, anatomy),
        **lungs,
        "airways": airway_layer(grid, anatomy),
        "vessels": vessels_layer(size, anatomy, lung_mask, rng, FIELD_OF_VIEW_MM),
        "nodules": nodule_layer,
        "ribs": ribs_layer(grid, anatomy, rng),
        "clavicles": clavicles_layer(grid, anatomy),
        "spine": spine_layer(grid, anatomy),
        "shoulders": shoulder_bones_layer(grid, anatomy),
    }
    total = sum(layers.values())
    soft = total - sum(layers[name] for name in BONE_LAYERS)
    expected = anatomy.photons * np.exp(-WATER_MU_PER_MM * total)
    noise = 1 + rng.standard_normal(total.shape).astype(np.float32) / np.sqrt(np.maximum(expected, 1.0))
    exposed = _expose(total, anatomy, noise)
    knee = float(np.percentile(exposed[lung_mask], 95)) + 0.2 if lung_mask.any() else np.inf
    return PhantomCase(
        image=_film_response(exposed, knee),
        soft_tissue=_film_response(_expose(soft, anatomy, noise), knee),
        lung_mask=lung_mask,
        nodules=nodules,
        layers=layers,
        anatomy=anatomy,
    )

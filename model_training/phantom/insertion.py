"""Blend a synthetic nodule into a real radiograph inside its lung field (for detector training and reader studies).

The radiograph is taken as a log image (bright = attenuating), so a nodule adds to it. ``contrast`` is the peak
rise as a fraction of the image's robust (0.5–99.5 percentile) range; the nodule's shape comes from the phantom's
nodule model or from a real projected CT nodule.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from model_training.phantom.nodules import CtNoduleLibrary, Nodule, add_patch, pick_lung_position
from model_training.phantom.nodules import sphere_nodule_patch


def insert_nodule(
    image: np.ndarray,
    lung_mask: np.ndarray,
    diameter_mm: float,
    contrast: float,
    pixel_mm: float,
    rng: np.random.Generator,
    library: CtNoduleLibrary | None = None,
    centre_xy: tuple[float, float] | None = None,
    lung_depth: np.ndarray | None = None,
) -> tuple[np.ndarray, Nodule]:
    """A float32 copy of ``image`` with one nodule, and where it went; ``library`` None uses the sphere model;
    ``lung_depth``: the lung mask's distance transform, when the caller already has it."""
    if image.shape != lung_mask.shape:
        raise ValueError(f"image {image.shape} and lung mask {lung_mask.shape} differ in shape")
    if not 0 < contrast <= 1:
        raise ValueError(f"contrast must be a fraction of the image range in (0, 1], got {contrast}")
    if library is None:
        patch = sphere_nodule_patch(diameter_mm, pixel_mm, rng)
    else:
        patch = library.patch(int(rng.integers(len(library))), pixel_mm, diameter_mm, rotate=int(rng.integers(4)))
    if patch.max() <= 0:
        raise ValueError("the chosen nodule shape is empty at this pixel size")
    if centre_xy is None:
        centre_xy = pick_lung_position(lung_mask.astype(bool), diameter_mm / 2 / pixel_mm, rng, lung_depth)
    low, high = np.percentile(image, [0.5, 99.5])
    output = image.astype(np.float32).copy()
    add_patch(output, (patch / patch.max() * contrast * (high - low)).astype(np.float32), *centre_xy)
    return output, Nodule(float(centre_xy[0]), float(centre_xy[1]), float(diameter_mm))


def insert_masses(image: np.ndarray, lung_mask: np.ndarray, settings: dict, pixel_mm: float,
                  rng: np.random.Generator) -> np.ndarray:
    """A float32 copy of ``image`` with 1–``max_per_image`` sphere-model masses in the lung field, diameters and
    contrasts drawn uniformly from ``settings`` (the lung task's ``masses`` config section). The lung field's
    distance transform is computed once for all of them."""
    output = image.astype(np.float32)
    depth = ndimage.distance_transform_edt(lung_mask.astype(bool))
    for _ in range(int(rng.integers(1, settings["max_per_image"] + 1))):
        output, _ = insert_nodule(output, lung_mask, float(rng.uniform(*settings["diameter_mm"])),
                                  float(rng.uniform(*settings["contrast"])), pixel_mm, rng, lung_depth=depth)
    return output

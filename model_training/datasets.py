"""Tensors for training: JSRT lung masks and phantom cases, preprocessed once with the shared ``preprocess``.

Everything is held in memory at model resolution (247 JSRT images at 256 px are 65 MB), so epochs are cheap and
the GPU session needs no data-loader workers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from torch.utils.data import TensorDataset

from model_training import jsrt
from model_training.phantom import generate_case
from model_training.phantom.insertion import insert_masses
from model_training.preprocess import letterbox_array, preprocess


def jsrt_lung_arrays(jsrt_dir: Path, cases: list[jsrt.JsrtCase], size: int) -> tuple[np.ndarray, np.ndarray]:
    images, masks = [], []
    for case in cases:
        pixels = jsrt.load_image(jsrt_dir, case.case_id)
        image, box = preprocess(pixels, size)
        images.append(image)
        masks.append(letterbox_array(jsrt.load_lung_mask(jsrt_dir, case.case_id).astype(np.float32), box) > 0.5)
    return np.stack(images), np.stack(masks).astype(np.float32)


def jsrt_lung_arrays_with_masses(jsrt_dir: Path, cases: list[jsrt.JsrtCase], size: int,
                                 settings: dict) -> tuple[np.ndarray, np.ndarray]:
    """Copies of the films with dense masses blended into their lung fields; the lung mask stays the reference.

    Why: lung_unet 1.1.0, trained without them, cut holes at the masses of a modern CR (RG1); a hole there makes
    the detector's lung-field filter drop exactly the finding that matters. JSRT's own nodules are few, small and
    faint.
    """
    rng = np.random.default_rng(settings["seed"])
    images, masks = [], []
    for _ in range(settings["copies"]):
        for case in cases:
            lung = jsrt.load_lung_mask(jsrt_dir, case.case_id)
            film = insert_masses(jsrt.load_image(jsrt_dir, case.case_id), lung, settings, jsrt.JSRT_PIXEL_MM, rng)
            image, box = preprocess(film, size)
            images.append(image)
            masks.append(letterbox_array(lung.astype(np.float32), box) > 0.5)
    return np.stack(images), np.stack(masks).astype(np.float32)


def _phantom_size(size: int) -> int:
    return max(64, int(np.ceil(size / 8)) * 8)


def phantom_lung_arrays(count: int, size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    images, masks = [], []
    for index in range(count):
        case = generate_case(np.random.SeedSequence([seed, index]), size=_phantom_size(size))
        image, box = preprocess(case.image, size)
        images.append(image)
        masks.append(letterbox_array(case.lung_mask.astype(np.float32), box) > 0.5)
    return np.stack(images), np.stack(masks).astype(np.float32)


def normalise_pair(source: np.ndarray, target: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Both images through the *source's* intensity map, so the pair keeps its physical difference."""
    image, box = preprocess(source, size)
    low, high = np.percentile(source, [0.5, 99.5])
    scaled = np.clip((target - low) / max(high - low, 1e-12), 0.0, 1.0)
    return image, letterbox_array(scaled.astype(np.float32), box)


def phantom_bone_arrays(count: int, size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    pairs = [
        normalise_pair(case.image, case.soft_tissue, size)
        for case in (generate_case(np.random.SeedSequence([seed, i]), size=_phantom_size(size)) for i in range(count))
    ]
    return np.stack([pair[0] for pair in pairs]), np.stack([pair[1] for pair in pairs])


def as_dataset(images: np.ndarray, targets: np.ndarray) -> TensorDataset:
    return TensorDataset(torch.from_numpy(images[:, None].copy()), torch.from_numpy(targets[:, None].copy()))


"""Detector augmentation on a batch: one random geometry shared by inputs, target map and lung channel, then
intensity changes on the grey-level channels only (a lung-mask channel stays binary), and optional RandAugment.

Geometry: horizontal flip, rotation, scaling, shear, shift and random resized crop, composed into one affine
warp. Intensity: contrast, gamma, sharpness (unsharp mask / blur) and Gaussian noise.
"""

from __future__ import annotations

import math

import torch
from torch.nn import functional

# RandAugment operations and the setting each takes at magnitude 10
RANDAUGMENT_OPS = {"rotate_deg": 30.0, "shear_deg": 15.0, "scale": 0.3, "shift": 0.1, "contrast": 0.5, "gamma": 0.6,
                   "sharpness": 1.5, "noise": 0.05}


def _uniform(batch: int, generator: torch.Generator, limit: float) -> torch.Tensor:
    return (torch.rand(batch, generator=generator) * 2 - 1) * limit


def random_affine(batch: int, generator: torch.Generator, settings: dict) -> torch.Tensor:
    """(batch, 2, 3) matrices for ``affine_grid`` (output → input sampling)."""
    angle = _uniform(batch, generator, math.radians(settings.get("rotate_deg", 0.0)))
    shear = _uniform(batch, generator, math.radians(settings.get("shear_deg", 0.0)))
    zoom = 1 + _uniform(batch, generator, settings.get("scale", 0.0))
    crop = settings.get("crop", 0.0)  # random resized crop: keep a window of 1−crop … 1 of the side
    if crop:
        zoom = zoom / (1 - torch.rand(batch, generator=generator) * crop)
    flip = torch.where(torch.rand(batch, generator=generator) < 0.5, -1.0, 1.0) if settings.get("hflip") else 1.0
    move = torch.stack([_uniform(batch, generator, 2 * settings.get("shift", 0.0)) for _ in range(2)], 1)
    cos, sin, tan = torch.cos(angle), torch.sin(angle), torch.tan(shear)
    row_x = torch.stack([cos * flip, -sin + tan * cos, move[:, 0]], 1) / torch.stack([zoom, zoom, torch.ones(batch)], 1)
    row_y = torch.stack([sin * flip, cos + tan * sin, move[:, 1]], 1) / torch.stack([zoom, zoom, torch.ones(batch)], 1)
    return torch.stack([row_x, row_y], 1)


def warp(tensor: torch.Tensor, theta: torch.Tensor) -> torch.Tensor:
    grid = functional.affine_grid(theta.to(tensor), list(tensor.shape), align_corners=False)
    return functional.grid_sample(tensor, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def change_intensity(images: torch.Tensor, generator: torch.Generator, settings: dict) -> torch.Tensor:
    """Per-sample contrast about the mean, gamma, sharpness and noise on (N, C, S, S) grey images in [0, 1]."""
    batch = images.shape[0]
    shape = (batch, 1, 1, 1)

    def draw(limit: float) -> torch.Tensor:
        return _uniform(batch, generator, limit).view(shape).to(images)

    mean = images.mean(dim=(2, 3), keepdim=True)
    images = (images - mean) * (1 + draw(settings.get("contrast", 0.0))) + mean
    images = images.clamp(0, 1).pow(torch.exp(draw(settings.get("gamma", 0.0))))
    blurred = functional.avg_pool2d(images, 3, stride=1, padding=1, count_include_pad=False)
    images = images + draw(settings.get("sharpness", 0.0)) * (images - blurred)
    noise = torch.randn(images.shape, generator=generator).to(images) * settings.get("noise", 0.0)
    return images + noise


def randaugment_settings(generator: torch.Generator, ops: int, magnitude: float) -> dict:
    """RandAugment: ``ops`` operations drawn at random, each at ``magnitude`` (0–10) of its largest setting."""
    names = list(RANDAUGMENT_OPS)
    chosen = torch.randperm(len(names), generator=generator)[:ops].tolist()
    return {names[i]: RANDAUGMENT_OPS[names[i]] * magnitude / 10 for i in chosen}


def augment(inputs: torch.Tensor, maps: torch.Tensor, grey_channels: list[int], generator: torch.Generator,
            config: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """Augmented copies of (inputs, target maps) per the ``augment`` and ``randaugment`` config sections."""
    settings = dict(config["augment"]) if config["augment"]["enabled"] else {}
    if config["randaugment"]["enabled"]:
        drawn = randaugment_settings(generator, config["randaugment"]["ops"], config["randaugment"]["magnitude"])
        settings |= {key: max(value, settings.get(key, 0.0)) for key, value in drawn.items()}
    if not settings:
        return inputs, maps
    theta = random_affine(inputs.shape[0], generator, settings)
    inputs, maps = warp(inputs, theta), warp(maps, theta)
    inputs = inputs.clone()
    inputs[:, grey_channels] = change_intensity(inputs[:, grey_channels], generator, settings)
    return inputs, maps

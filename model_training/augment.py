"""Batch augmentation on the training device: one random affine warp shared by image and target, then intensity.

Geometry moves image and target together; intensity changes touch the input only for segmentation, and both
sides alike for image-to-image tasks (``intensity_on_target``), so a bone-free target stays consistent.
"""

from __future__ import annotations

import math

import torch
from torch.nn import functional


def random_affine(batch: int, generator: torch.Generator, rotate_deg: float, scale: float, shift: float):
    angle = (torch.rand(batch, generator=generator) * 2 - 1) * math.radians(rotate_deg)
    zoom = 1 + (torch.rand(batch, generator=generator) * 2 - 1) * scale
    moves = (torch.rand(batch, 2, generator=generator) * 2 - 1) * shift * 2
    cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
    return torch.stack([torch.stack([cos, -sin, moves[:, 0]], 1), torch.stack([sin, cos, moves[:, 1]], 1)], 1)


def warp(tensor: torch.Tensor, theta: torch.Tensor) -> torch.Tensor:
    grid = functional.affine_grid(theta.to(tensor), list(tensor.shape), align_corners=False)
    return functional.grid_sample(tensor, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def adjust_intensity(images: torch.Tensor, generator: torch.Generator, strength: float) -> list:
    """Per-sample gamma and linear contrast; returns a function so the same change can be applied twice."""
    batch = images.shape[0]
    gamma = torch.exp((torch.rand(batch, 1, 1, 1, generator=generator) * 2 - 1) * 0.35 * strength)
    gain = 1 + (torch.rand(batch, 1, 1, 1, generator=generator) * 2 - 1) * 0.15 * strength
    offset = (torch.rand(batch, 1, 1, 1, generator=generator) * 2 - 1) * 0.05 * strength
    return [gamma.to(images.device), gain.to(images.device), offset.to(images.device)]


def apply_intensity(images: torch.Tensor, parameters: list) -> torch.Tensor:
    gamma, gain, offset = parameters
    return images.clamp(min=0).pow(gamma) * gain + offset


def augment_batch(images, targets, generator, config: dict, intensity_on_target: bool = False):
    """Return augmented copies; ``config`` keys: rotate_deg, scale, shift, intensity, noise."""
    theta = random_affine(images.shape[0], generator, config["rotate_deg"], config["scale"], config["shift"])
    images, targets = warp(images, theta), warp(targets, theta)
    parameters = adjust_intensity(images, generator, config["intensity"])
    images = apply_intensity(images, parameters)
    if intensity_on_target:
        targets = apply_intensity(targets, parameters)
    noise = torch.randn(images.shape, generator=generator).to(images) * config["noise"]
    return images + noise, targets

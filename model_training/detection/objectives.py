"""What a detector run optimises: nodule detection, or one of the pre-training objectives on the same network.

Pre-training modes: ``lung`` (segment the lung field), ``denoise`` (reconstruct the image from a noisy copy),
``masked`` (reconstruct it with random patches blanked out), ``phantom`` (detect nodules on phantom cases; the
data source is switched to the phantom). A pre-trained checkpoint seeds a detection run via
``pretrain.checkpoint`` and ``network.transfer_weights``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from torch.nn import functional

from model_training.detection.data import DetectionData
from model_training.detection.settings import PRETRAIN_MODES
from model_training.detection.tricks import map_loss

PATCH = 16


@dataclass
class Objective:
    name: str
    targets: Callable[[DetectionData], np.ndarray]  # (N, S, S) before augmentation
    prepare: Callable  # (inputs, targets, generator) after augmentation → (inputs, targets)
    loss: Callable  # (map logits, image logit, targets, labels) → loss
    detection: bool


def _detection_loss(config: dict) -> Callable:
    weight = config["detector"]["image_head_weight"]

    def loss(map_logits, image_logit, targets, labels):
        image_term = functional.binary_cross_entropy_with_logits(image_logit.float(), labels.float())
        return map_loss(map_logits, targets, config["loss"]) + weight * image_term
    return loss


def _lung_loss(map_logits, image_logit, targets, labels):
    probability = torch.sigmoid(map_logits.float())
    overlap = (probability * targets).sum((1, 2, 3))
    dice = 1 - (2 * overlap + 1) / (probability.sum((1, 2, 3)) + targets.sum((1, 2, 3)) + 1)
    return functional.binary_cross_entropy_with_logits(map_logits.float(), targets) + dice.mean()


def _reconstruction_loss(map_logits, image_logit, targets, labels):
    return functional.l1_loss(map_logits.float(), targets)


def _noisy(sigma: float) -> Callable:
    def prepare(inputs, targets, generator):
        clean = inputs[:, :1].clone()
        return inputs + torch.randn(inputs.shape, generator=generator).to(inputs) * sigma, clean
    return prepare


def _masked(fraction: float) -> Callable:
    def prepare(inputs, targets, generator):
        clean = inputs[:, :1].clone()
        rows, cols = inputs.shape[-2] // PATCH, inputs.shape[-1] // PATCH
        keep = (torch.rand(inputs.shape[0], 1, rows, cols, generator=generator) >= fraction).to(inputs)
        return inputs * functional.interpolate(keep, scale_factor=PATCH, mode="nearest"), clean
    return prepare


def objective_for(config: dict) -> Objective:
    mode = config["pretrain"]["mode"]
    if mode not in PRETRAIN_MODES:
        raise ValueError(f"pretrain.mode must be one of {PRETRAIN_MODES}, got {mode!r}")
    unchanged = lambda inputs, targets, generator: (inputs, targets)  # noqa: E731
    if mode in ("none", "phantom"):
        return Objective("detection" if mode == "none" else "pretrain-phantom",
                         lambda data: data.target_maps(config["detector"]["target"]), unchanged,
                         _detection_loss(config), True)
    if mode == "lung":
        return Objective("pretrain-lung", lambda data: data.lungs, unchanged, _lung_loss, False)
    prepare = _noisy(config["pretrain"]["noise"]) if mode == "denoise" else _masked(config["pretrain"]["mask_fraction"])
    return Objective(f"pretrain-{mode}", lambda data: data.canvases, prepare, _reconstruction_loss, False)

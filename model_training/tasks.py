"""What differs between the trainers: data, model head, loss and validation metrics for each task."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from torch.nn import functional

from model_training import datasets, jsrt, metrics
from model_training.unet import UNet


@dataclass
class Task:
    name: str
    build_model: Callable[[dict], torch.nn.Module]
    load_data: Callable[[dict, Path], tuple]  # -> (train TensorDataset, validation TensorDataset, data description)
    loss: Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
    validate: Callable[[np.ndarray, np.ndarray, np.ndarray], dict]  # (inputs, outputs, targets) as numpy
    intensity_on_target: bool


def _lung_loss(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    probability = torch.sigmoid(logits.float())
    overlap = (probability * target).sum((1, 2, 3))
    soft_dice = 1 - (2 * overlap + 1) / (probability.sum((1, 2, 3)) + target.sum((1, 2, 3)) + 1)
    return functional.binary_cross_entropy_with_logits(logits.float(), target) + soft_dice.mean()


def _lung_validate(inputs, logits, targets) -> dict:
    pixel_mm = jsrt.JSRT_PIXEL_MM * 1024 / targets.shape[-1]
    masks = logits[:, 0] > 0
    scores = [(metrics.dice(p, t), metrics.iou(p, t), metrics.hausdorff95(p, t, pixel_mm)) for p, t in
              zip(masks, targets[:, 0] > 0.5)]
    dice, iou, hd95 = (float(np.mean(column)) for column in zip(*scores))
    return {"dice": dice, "iou": iou, "hd95_mm": hd95}


def _lung_data(config: dict, shared: Path) -> tuple:
    data = config["data"]
    size = data["size"]
    if data["source"] == "phantom":
        images, masks = datasets.phantom_lung_arrays(data["phantom_cases"], size, config["run"]["seed"])
        cut = max(1, len(images) // 5)
        return (datasets.as_dataset(images[cut:], masks[cut:]), datasets.as_dataset(images[:cut], masks[:cut]),
                {"source": "phantom", "cases": len(images)})
    jsrt_dir = shared / "data" / "jsrt"
    development = jsrt.development_cases(jsrt_dir)
    limit = data.get("max_cases") or None  # 0 = every case
    training, held_out = jsrt.kfold(development, data["folds"], data["fold"], config["run"]["seed"])
    if data.get("train_on_all", False):  # final model: validation numbers then only show fit, not selection
        training = development
    training, held_out = training[:limit], held_out[:limit]
    description = {"source": "JSRT", "split": f"train+val, {data['folds']}-fold stratified, fold {data['fold']}",
                   "train_cases": len(training), "validation_cases": len(held_out),
                   "train_on_all": bool(data.get("train_on_all", False))}
    images, masks = datasets.jsrt_lung_arrays(jsrt_dir, training, size)
    if config["masses"]["enabled"]:
        extra_images, extra_masks = datasets.jsrt_lung_arrays_with_masses(jsrt_dir, training, size, config["masses"])
        images, masks = np.concatenate([images, extra_images]), np.concatenate([masks, extra_masks])
        description["mass_copies"] = len(extra_images)
    return (datasets.as_dataset(images, masks),
            datasets.as_dataset(*datasets.jsrt_lung_arrays(jsrt_dir, held_out, size)), description)


def _bone_validate(inputs, outputs, targets) -> dict:
    pairs = list(zip(outputs[:, 0], targets[:, 0]))
    return {"psnr_db": float(np.mean([metrics.psnr(o, t, 1.0) for o, t in pairs])),
            "ssim": float(np.mean([metrics.ssim(o, t, 1.0) for o, t in pairs])),
            "input_psnr_db": float(np.mean([metrics.psnr(i, t, 1.0) for i, t in zip(inputs[:, 0], targets[:, 0])]))}


def _bone_data(config: dict, shared: Path) -> tuple:
    data, seed = config["data"], config["run"]["seed"]
    training = datasets.phantom_bone_arrays(data["phantom_cases"], data["size"], seed)
    validation = datasets.phantom_bone_arrays(data["validation_cases"], data["size"], seed + 1_000_003)
    return (datasets.as_dataset(*training), datasets.as_dataset(*validation),
            {"source": "phantom pairs", "train_cases": data["phantom_cases"], "validation_seed": seed + 1_000_003})


def _model(config: dict, residual: bool) -> torch.nn.Module:
    return UNet(width=config["model"]["width"], depth=config["model"]["depth"], residual=residual)


TASKS = {
    "lung": Task("lung", lambda c: _model(c, False), _lung_data, _lung_loss, _lung_validate, False),
    "bone": Task("bone", lambda c: _model(c, True), _bone_data, lambda o, t: functional.l1_loss(o.float(), t),
                 _bone_validate, True),
}

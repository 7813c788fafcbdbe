"""Class-imbalance and regularisation tricks: positive oversampling, Mixup, and the focal / weighted map losses.

The map losses accept soft targets (Gaussian maps): the focal modulating factor is |target − p|^gamma, which is
the usual (1 − p_t)^gamma for 0/1 targets.
"""

from __future__ import annotations

import numpy as np
import torch
from torch.nn import functional
from torch.utils.data import WeightedRandomSampler


def oversampling_sampler(labels: np.ndarray, positive_fraction: float, seed: int) -> WeightedRandomSampler | None:
    """A sampler whose draws are ``positive_fraction`` nodule images on average; None keeps the natural mix."""
    labels = np.asarray(labels, bool)
    if not positive_fraction or labels.all() or not labels.any():
        return None
    if not 0 < positive_fraction < 1:
        raise ValueError(f"sampling.positive_fraction must be in (0, 1), got {positive_fraction}")
    weights = np.where(labels, positive_fraction / labels.sum(), (1 - positive_fraction) / (~labels).sum())
    return WeightedRandomSampler(torch.from_numpy(weights), num_samples=len(labels), replacement=True,
                                 generator=torch.Generator().manual_seed(seed))


def mixup(inputs: torch.Tensor, maps: torch.Tensor, labels: torch.Tensor, generator: torch.Generator,
          alpha: float, probability: float) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """With ``probability``, blend the batch with a shuffled copy of itself by λ ~ Beta(α, α), maps and labels too."""
    if float(torch.rand(1, generator=generator)) >= probability or inputs.shape[0] < 2:
        return inputs, maps, labels
    lam = float(np.random.default_rng(int(torch.randint(0, 2**31 - 1, (1,), generator=generator))).beta(alpha, alpha))
    order = torch.randperm(inputs.shape[0], generator=generator)
    return (lam * inputs + (1 - lam) * inputs[order], lam * maps + (1 - lam) * maps[order],
            lam * labels + (1 - lam) * labels[order])


def focal_loss(logits: torch.Tensor, targets: torch.Tensor, gamma: float, alpha: float,
               normalise: str = "pixels") -> torch.Tensor:
    """Sum of α_t · |t − p|^γ · BCE(logit, t) with α_t = α·t + (1 − α)(1 − t), divided by the pixel count
    (``pixels``) or by the target mass, at least 1 (``positives``, as RetinaNet and CenterNet do): per pixel, a
    few nodule pixels in a film give a loss so small that the image head's term drowns the map's."""
    logits, targets = logits.float(), targets.float()
    probability = torch.sigmoid(logits)
    cross_entropy = functional.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    weight = (alpha * targets + (1 - alpha) * (1 - targets)) * (targets - probability).abs().pow(gamma)
    if normalise == "pixels":
        return (weight * cross_entropy).mean()
    if normalise == "positives":
        return (weight * cross_entropy).sum() / targets.sum().clamp(min=1.0)
    raise ValueError(f"loss.focal_normalise must be pixels or positives, got {normalise!r}")


def map_loss(logits: torch.Tensor, targets: torch.Tensor, settings: dict) -> torch.Tensor:
    """The probability-map loss chosen by ``loss.kind``: focal, weighted_bce or bce."""
    kind = settings["kind"]
    if kind == "focal":
        return focal_loss(logits, targets, settings["focal_gamma"], settings["focal_alpha"],
                          settings["focal_normalise"])
    if kind == "weighted_bce":
        weight = torch.tensor(float(settings["positive_weight"]), device=logits.device)
        return functional.binary_cross_entropy_with_logits(logits.float(), targets.float(), pos_weight=weight)
    if kind == "bce":
        return functional.binary_cross_entropy_with_logits(logits.float(), targets.float())
    raise ValueError(f"loss.kind must be focal, weighted_bce or bce, got {kind!r}")

"""Train one fold's candidate classifier on balanced batches, and score patches with flip TTA.

Batches are half positives because a fold has about 15 stage-1 false positives for every nodule; drawing at the
natural rate would teach the prior rather than the look. Augmentation is what a nodule is invariant to: any
rotation or mirror (dihedral), a few pixels of offset (stage 1's centre is not exact), and the film's contrast,
gamma and noise.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from model_training.detection.second_stage.network import CandidateClassifier
from model_training.detection.second_stage.settings import SecondStageSettings


def augment(cut: np.ndarray, settings: SecondStageSettings, rng: np.random.Generator) -> np.ndarray:
    """(B, cut, cut) → (B, patch, patch): random crop, dihedral transform, contrast, gamma, noise."""
    size, span = settings.patch, 2 * settings.shift + 1
    out = np.empty((len(cut), size, size), np.float32)
    for index, patch in enumerate(cut):
        top, left = rng.integers(span, size=2)
        view = patch[top:top + size, left:left + size]
        view = np.rot90(view, int(rng.integers(4)))
        out[index] = view[:, ::-1] if rng.random() < 0.5 else view
    mean = out.mean(axis=(1, 2), keepdims=True)
    contrast = rng.uniform(0.8, 1.25, (len(out), 1, 1)).astype(np.float32)
    out = np.clip(mean + contrast * (out - mean), 0.0, 1.0)
    out = out ** rng.uniform(0.8, 1.25, (len(out), 1, 1)).astype(np.float32)
    noise = rng.uniform(0.0, 0.02, (len(out), 1, 1)).astype(np.float32)
    return (out + noise * rng.standard_normal(out.shape, dtype=np.float32)).astype(np.float32)


def centre_crop(cut: np.ndarray, settings: SecondStageSettings) -> np.ndarray:
    shift = settings.shift
    return np.ascontiguousarray(cut[:, shift:shift + settings.patch, shift:shift + settings.patch])


def train_classifier(positives: np.ndarray, negatives: np.ndarray, settings: SecondStageSettings,
                     seed: int) -> tuple[CandidateClassifier, list[dict]]:
    """A classifier trained from scratch, and its per-epoch loss history."""
    if not len(positives) or not len(negatives):
        raise ValueError(f"need positives and negatives, got {len(positives)} and {len(negatives)}")
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    model = CandidateClassifier()
    optimiser = torch.optim.AdamW(model.parameters(), lr=settings.learning_rate, weight_decay=settings.weight_decay)
    steps_per_epoch = math.ceil(settings.samples_per_epoch / settings.batch)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, settings.epochs * steps_per_epoch)
    loss_function = nn.BCEWithLogitsLoss()
    history = []
    for epoch in range(settings.epochs):
        model.train()
        losses = []
        for _ in range(steps_per_epoch):
            wanted = rng.random(settings.batch) < settings.positive_fraction
            batch = np.concatenate([positives[rng.integers(len(positives), size=int(wanted.sum()))],
                                    negatives[rng.integers(len(negatives), size=int((~wanted).sum()))]])
            labels = np.concatenate([np.ones(int(wanted.sum())), np.zeros(int((~wanted).sum()))])
            inputs = torch.from_numpy(augment(batch, settings, rng))[:, None]
            loss = loss_function(model(inputs), torch.from_numpy(labels).float())
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            losses.append(float(loss.detach()))
        history.append({"epoch": epoch, "train_loss": float(np.mean(losses))})
    return model.eval(), history


def score_patches(model: CandidateClassifier, cut: np.ndarray, settings: SecondStageSettings,
                  batch: int = 256) -> np.ndarray:
    """(N, cut, cut) → (N,) probabilities averaged over ``settings.tta`` (identity, hflip)."""
    unknown = [name for name in settings.tta if name not in ("identity", "hflip")]
    if unknown or not settings.tta:
        raise ValueError(f"tta must be a non-empty list of identity/hflip, got {settings.tta}")
    patches = centre_crop(cut, settings)
    total = np.zeros(len(patches), np.float64)
    with torch.no_grad():
        for augmentation in settings.tta:
            view = patches[:, :, ::-1] if augmentation == "hflip" else patches
            for first in range(0, len(view), batch):
                inputs = torch.from_numpy(np.ascontiguousarray(view[first:first + batch]))[:, None]
                total[first:first + batch] += torch.sigmoid(model.eval()(inputs)).numpy()
    return (total / len(settings.tta)).astype(np.float32)

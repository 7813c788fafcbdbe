"""One training epoch of the detector: crops, augmentation, Mixup, mixed precision, and the time budget.

A run with ``schedule = "time"`` anneals its learning rate over wall-clock time rather than epochs (a GPU call is
time-boxed and its epoch rate unknown until it runs), so the budget is checked before every step.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import torch
from torch.utils.data import DataLoader

from model_training.detection.augment import augment
from model_training.detection.crops import random_crops
from model_training.detection.objectives import Objective
from model_training.detection.tricks import mixup
from model_training.loop_parts import optimise_step


def time_schedule(optimiser: torch.optim.Optimizer, base_lr: float, fraction: float) -> None:
    """Cosine decay over the time budget instead of the epochs: a run cut by its budget must still end annealed,
    not at a high learning rate."""
    for group in optimiser.param_groups:
        group["lr"] = 0.5 * base_lr * (1 + math.cos(math.pi * min(fraction, 1.0)))


@dataclass(frozen=True)
class TimeBudget:
    """The training loop's start and the seconds it may run (what data loading left of ``max_minutes``)."""

    started: float
    seconds: float

    def fraction(self) -> float:
        return (time.monotonic() - self.started) / self.seconds


@dataclass
class EpochRunner:
    """What every epoch of one run shares; ``budget`` is None unless the schedule is ``time``."""

    model: torch.nn.Module
    loader: DataLoader
    objective: Objective
    optimiser: torch.optim.Optimizer
    scaler: torch.amp.GradScaler
    generator: torch.Generator
    config: dict
    device: torch.device
    grey: list[int]
    nodule_fraction: float
    budget: TimeBudget | None

    def run(self) -> tuple[list[float], bool]:
        """One epoch's step losses, and whether the time budget is spent."""
        run, config, device = self.config["run"], self.config, self.device
        self.model.train()
        losses: list[float] = []
        for step, (inputs, targets, labels, lung_masks) in enumerate(self.loader):
            if run["max_steps_per_epoch"] and step >= run["max_steps_per_epoch"]:
                break
            if self.budget is not None:
                fraction = self.budget.fraction()
                if fraction >= 1.0:
                    return losses, True
                time_schedule(self.optimiser, run["learning_rate"], fraction)
            if config["data"]["crop"]:
                inputs, targets, labels = random_crops(inputs, targets, lung_masks, config["data"]["crop"],
                                                       self.nodule_fraction, self.generator)
            inputs, targets, labels = inputs.to(device), targets.to(device), labels.to(device)  # augment on GPU
            inputs, targets = augment(inputs, targets, self.grey, self.generator, config)
            inputs, targets = self.objective.prepare(inputs, targets, self.generator)
            if self.objective.detection and config["mixup"]["enabled"]:
                inputs, targets, labels = mixup(inputs, targets, labels, self.generator, config["mixup"]["alpha"],
                                                config["mixup"]["probability"])
            with torch.autocast(device.type, dtype=torch.float16, enabled=device.type == "cuda"):
                loss = self.objective.loss(*self.model(inputs), targets, labels)
            losses.append(optimise_step(loss, self.optimiser, self.scaler))
        return losses, self.budget is not None and self.budget.fraction() >= 1.0

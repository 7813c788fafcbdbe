"""The parts every training loop here uses alike: the device a run asks for, and one mixed-precision update.

Kept apart from the task trainer's loop (:mod:`model_training.trainer`) because the detector's loop
(:mod:`model_training.detection.train`, :mod:`model_training.detection.epoch`) uses them too: it should not have
to import one loop to run another.
"""

from __future__ import annotations

import torch


def optimise_step(loss, optimiser, scaler) -> float:
    """One mixed-precision update (the scaler is a no-op off CUDA); returns the loss for the epoch log."""
    optimiser.zero_grad(set_to_none=True)
    scaler.scale(loss).backward()
    scaler.step(optimiser)
    scaler.update()
    return float(loss.detach())


def pick_device(name: str) -> torch.device:
    """The device ``--device`` names; "auto" takes CUDA when torch sees it, and "cuda" without it is refused."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("--device cuda was asked for but torch sees no CUDA device")
    return torch.device(name)

"""Detector probability maps from a checkpoint, with the engine's test-time augmentation (identity, hflip).

Each augmented output is mapped back to the original frame and the maps are averaged, exactly as
``cxr_ai.engine.stages`` averages members × augmentations.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from model_training.detection.network import DetectorNet, build_detector

TTA_CHOICES = ("identity", "hflip")


def load_detector(checkpoint: Path) -> tuple[DetectorNet, dict]:
    path = Path(checkpoint)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: detector checkpoint not found")
    state = torch.load(path, map_location="cpu", weights_only=False)
    if state.get("finished") is False:  # written every epoch, so a run in progress leaves a usable-looking file
        raise ValueError(f"{path}: its run has not finished (epoch {state['epoch'] + 1}): it is still training or "
                         "stopped early; evaluate or export it once it has finished")
    config = state["config"]
    channels_out = state.get("channels_out", 1)
    model = build_detector(config, channels_out)
    model.load_state_dict(state["model"])
    return model.eval(), state


def predict_maps(model: torch.nn.Module, inputs: np.ndarray, tta: list[str], device: torch.device | str = "cpu",
                 batch_size: int = 8) -> np.ndarray:
    """(N, C, S, S) → (N, S, S) sigmoid probabilities averaged over ``tta``."""
    unknown = [name for name in tta if name not in TTA_CHOICES]
    if unknown or not tta:
        raise ValueError(f"tta must be a non-empty list of {TTA_CHOICES}, got {tta}")
    model = model.to(device).eval()
    total = np.zeros((inputs.shape[0],) + inputs.shape[2:], np.float64)
    with torch.no_grad():
        for augmentation in tta:
            for first in range(0, len(inputs), batch_size):
                batch = torch.from_numpy(np.ascontiguousarray(inputs[first:first + batch_size])).to(device)
                if augmentation == "hflip":
                    batch = batch.flip(-1)
                probability = torch.sigmoid(model(batch)[0][:, 0].float())
                if augmentation == "hflip":
                    probability = probability.flip(-1)
                total[first:first + batch_size] += probability.cpu().numpy()
    return (total / len(tta)).astype(np.float32)

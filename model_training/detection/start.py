"""Where a detector run's weights and training state come from: fresh, a pre-trained checkpoint, or its own.

A resumed run takes everything from its own checkpoint (the pre-trained one may be gone by now) and refuses a
config that changed since, so the record describes one run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from model_training.detection.network import build_detector, transfer_weights
from model_training.detection.settings import DETECTOR_DEFAULTS
from model_training.resume_check import refuse_changed_config


def start_model(config: dict, channels_out: int, detection: bool) -> tuple[torch.nn.Module, list[str]]:
    """A new detector, with ``pretrain.checkpoint``'s matching weights when one is named; the names moved over."""
    model = build_detector(config, channels_out, rare_positives=detection)
    source = config["pretrain"]["checkpoint"]
    if not source:
        return model, []
    if not Path(source).is_file():
        raise FileNotFoundError(f"{source}: pre-trained checkpoint (pretrain.checkpoint) not found")
    return model, transfer_weights(model, torch.load(source, map_location="cpu", weights_only=False)["model"])


def restore(checkpoint_path: Path, config: dict, parts: dict[str, Any], generator: torch.Generator,
            device: torch.device) -> tuple[int, list[dict], list[str]]:
    """Load model, optimiser, scheduler and scaler (``parts``) and the generator from the run's checkpoint; the
    epoch to start at, the history so far and the transferred parameter names."""
    state = torch.load(checkpoint_path, map_location=device, weights_only=False)
    refuse_changed_config(state.get("config", {}), config, DETECTOR_DEFAULTS, checkpoint_path)
    for part, target in parts.items():
        target.load_state_dict(state[part])
    generator.set_state(state["generator"])
    return state["epoch"] + 1, state["history"], state.get("transferred", [])

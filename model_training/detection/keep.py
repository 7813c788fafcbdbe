"""Finished fold members trimmed to what evaluation and export read, so they can be committed.

A session's git-ignored files (``work_data/``) are gone when the session ends, and a CPU fold takes a large
part of a session: a fold's weights that are not committed are trained again. A training checkpoint also
carries the optimiser, scheduler and random-generator state, three times the weights' size and useless once the
run has finished; the kept file drops them and is still a checkpoint that ``load_detector``, ``out_of_fold``,
``export-ensemble`` and ``cxr-train detector --resume`` accept.
"""

from __future__ import annotations

from pathlib import Path

import torch

from model_training.checkpoint_io import save_checkpoint

KEPT_FIELDS = ("model", "config", "channels_out", "objective", "epoch", "history", "finished", "device_name",
               "transferred")


def keep_member(checkpoint: Path, destination: Path) -> Path:
    """Write the trimmed copy of a finished run's checkpoint to ``destination`` (a file path)."""
    source = Path(checkpoint)
    if not source.is_file():
        raise FileNotFoundError(f"{source}: detector checkpoint not found")
    state = torch.load(source, map_location="cpu", weights_only=False)
    if not state.get("finished"):
        raise ValueError(f"{source}: its run has not finished; only a finished fold member is kept")
    if not state.get("device_name"):
        raise ValueError(f"{source}: the checkpoint does not say which device trained it; the manifest needs that")
    return save_checkpoint({key: state[key] for key in KEPT_FIELDS if key in state}, destination)

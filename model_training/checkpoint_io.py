"""Checkpoints that survive an interrupted write, and resumes that continue exactly where the run stopped.

CPU folds run for longer than a session has left and are resumed later (``--resume``). A session that ends
while ``torch.save`` is writing would leave a truncated file under the checkpoint's name, and the resume would
then fail on it, or the run would start again from nothing. Writing a sibling and renaming it over the old file
(atomic on one file system) means the name always holds a complete checkpoint: the last epoch's or the one before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch
from torch.utils.data import DataLoader


def save_checkpoint(state: dict[str, Any], path: Path | str) -> Path:
    """Write ``state`` with ``torch.save`` to ``path`` through a ``.partial`` sibling; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        torch.save(state, partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(path)
    return path


def replay_epoch_orders(loader: DataLoader, epochs: int, max_steps: int) -> None:
    """Bring the sampler's and the loader's generators to where the interrupted run left them.

    Neither generator is in the checkpoint (and the ones of runs already in progress never will be), so a resumed
    run would otherwise draw epoch 0's image order again and train on a different sequence than one uninterrupted
    run. How much a sampler draws depends on how far its epoch was iterated, so the finished epochs are iterated
    again exactly as far as training took them, without the training.
    """
    for _ in range(epochs):
        for step, _batch in enumerate(loader):
            if max_steps and step >= max_steps:  # the training loop takes one batch more before it stops
                break

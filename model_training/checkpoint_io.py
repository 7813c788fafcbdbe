"""Checkpoints written so that an interrupted write never replaces a good one.

CPU folds run for longer than a session has left and are resumed later (``--resume``). A session that ends
while ``torch.save`` is writing would leave a truncated file under the checkpoint's name, and the resume would
then fail on it, or the run would start again from nothing. Writing a sibling and renaming it over the old file
(atomic on one file system) means the name always holds a complete checkpoint: the last epoch's or the one before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch


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

"""A resume continues the run its checkpoint belongs to, or is refused.

``--resume`` loads the weights, optimiser and epoch count of ``RUN_DIR/checkpoint.pt``. Given another config (a
different ``--config``, a ``--set``, another ``--size`` or fold) it used to continue anyway, and the record then
stated the new config for weights that were mostly trained under the old one: an ablation row that is not what it
says. Only the settings a resume is meant to change may differ.
"""

from __future__ import annotations

from pathlib import Path

from model_training.config import merge

# raising run.epochs continues a finished run; each call gets its own time budget; a resume takes its weights
# from its own checkpoint, not from the pre-trained one
RESUMABLE = frozenset({"run.epochs", "run.max_minutes", "pretrain.checkpoint"})


def _flatten(config: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in config.items():
        if isinstance(value, dict):
            flat |= _flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def config_changes(saved: dict, config: dict, defaults: dict) -> list[str]:
    """'key: saved → now' for each setting that differs; both are filled from ``defaults`` first, so a key
    added to the defaults after the checkpoint was written counts as its default, not as a change."""
    before, now = _flatten(merge(defaults, saved)), _flatten(merge(defaults, config))
    return [f"{key}: {before.get(key)!r} → {now.get(key)!r}" for key in sorted(before.keys() | now.keys())
            if key not in RESUMABLE and before.get(key) != now.get(key)]


def refuse_changed_config(saved: dict, config: dict, defaults: dict, checkpoint: Path) -> None:
    """ValueError naming every changed setting when ``checkpoint`` was trained with another config."""
    changes = config_changes(saved, config, defaults)
    if changes:
        raise ValueError(f"{checkpoint}: --resume refused, the checkpoint was trained with another config "
                         f"({'; '.join(changes)}); use a new run folder, or the checkpoint's own settings")

"""Run configuration: a TOML file merged over defaults, so a config names only what it changes."""

from __future__ import annotations

import copy
import difflib
import tomllib
from pathlib import Path

from model_training.config_check import check_config

CONFIG_DIR = Path(__file__).with_name("configs")

DEFAULTS: dict = {
    "run": {"task": "lung", "seed": 0, "epochs": 10, "batch_size": 8, "learning_rate": 1e-3, "weight_decay": 1e-4,
            "max_minutes": 9.0, "max_steps_per_epoch": 0},
    "model": {"width": 16, "depth": 4},
    "data": {"source": "jsrt", "size": 256, "folds": 5, "fold": 0, "phantom_cases": 200, "validation_cases": 20,
             "max_cases": 0, "train_on_all": False},  # max_cases: 0 = every case
    "augment": {"enabled": True, "rotate_deg": 8.0, "scale": 0.1, "shift": 0.05, "intensity": 1.0, "noise": 0.01},
    # lung task: extra training copies of each film with 1–N dense masses inside its lung field (mask unchanged)
    "masses": {"enabled": False, "copies": 1, "max_per_image": 3, "diameter_mm": [15.0, 70.0],
               "contrast": [0.05, 0.2], "seed": 7},
}


def merge(base: dict, override: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def resolve_config(path: Path | str) -> Path:
    """A TOML file, or a bare name in ``model_training/configs``; an unknown name is refused with the known ones."""
    path = Path(path)
    if path.exists():
        return path
    named = CONFIG_DIR / path.with_suffix(".toml").name
    if named.exists():
        return named
    known = sorted(item.stem for item in CONFIG_DIR.glob("*.toml"))
    close = difflib.get_close_matches(path.stem, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise ValueError(f"{path}: no such config file or name in {CONFIG_DIR.name}/ ({hint}known: {', '.join(known)})")


def read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path}: cannot read config ({error})") from error


def load_config(path: Path | str | None, overrides: dict | None = None) -> dict:
    """Defaults ← TOML file (a bare name is looked up in ``model_training/configs``) ← overrides; every key, type
    and range is checked (``config_check``), so a misspelt key fails instead of being ignored."""
    config = copy.deepcopy(DEFAULTS)
    source = "defaults"
    if path is not None:
        source = resolve_config(path)
        config = merge(config, check_config(read_toml(source), DEFAULTS, source))
    merged = merge(config, check_config(overrides or {}, DEFAULTS, "override"))
    return check_config(merged, DEFAULTS, source)

"""Config checking: every key, type and range of a merged run config, against the defaults it was merged over.

A config is a TOML file merged over defaults and then ``--set`` overrides. Merging alone accepts anything, so a
misspelt key (``mixup.enabeld``) became a new key nobody reads and the ablation silently ran the base recipe, and
``--set mixup.enabled=False`` (not JSON) became the string "False", which is true. The defaults name every key a
run reads, so anything else is refused, with the closest known name as a suggestion.
"""

from __future__ import annotations

import difflib
import math

# (lowest, highest, whether the lowest is allowed); the highest is always allowed
RANGES: dict[str, tuple[float, float, bool]] = {
    "run.seed": (0, math.inf, True), "run.epochs": (1, math.inf, True), "run.batch_size": (1, math.inf, True),
    "run.learning_rate": (0.0, math.inf, False), "run.weight_decay": (0.0, math.inf, True),
    "run.max_minutes": (0.0, math.inf, False), "run.max_steps_per_epoch": (0, math.inf, True),
    "run.validate_every": (1, math.inf, True),
    "model.width": (1, math.inf, True), "model.depth": (1, math.inf, True),
    "data.size": (16, math.inf, True), "data.folds": (2, math.inf, True), "data.fold": (0, math.inf, True),
    "data.split_seed": (0, math.inf, True), "data.phantom_cases": (1, math.inf, True),
    "data.max_cases": (0, math.inf, True), "data.validation_cases": (0, math.inf, True),
    "data.crop": (0, math.inf, True),
    "detector.image_head_weight": (0.0, math.inf, True),
    "augment.rotate_deg": (0.0, 180.0, True), "augment.scale": (0.0, 1.0, True), "augment.shift": (0.0, 1.0, True),
    "augment.shear_deg": (0.0, 90.0, True), "augment.crop": (0.0, 1.0, True), "augment.contrast": (0.0, 1.0, True),
    "augment.gamma": (0.0, 1.0, True), "augment.sharpness": (0.0, 1.0, True), "augment.noise": (0.0, 1.0, True),
    "augment.intensity": (0.0, math.inf, True),
    "randaugment.ops": (0, math.inf, True), "randaugment.magnitude": (0.0, 10.0, True),
    "mixup.alpha": (0.0, math.inf, False), "mixup.probability": (0.0, 1.0, True),
    "insertion.copies": (1, math.inf, True), "masses.copies": (1, math.inf, True),
    "masses.max_per_image": (1, math.inf, True),
    "sampling.positive_fraction": (0.0, 1.0, True), "sampling.nodule_crop_fraction": (0.0, 1.0, True),
    "loss.focal_gamma": (0.0, math.inf, True), "loss.focal_alpha": (0.0, 1.0, True),
    "loss.positive_weight": (0.0, math.inf, False),
    "pretrain.mask_fraction": (0.0, 1.0, True), "pretrain.noise": (0.0, math.inf, True),
    "post.candidate_floor": (0.0, 1.0, False), "post.region_fraction": (0.0, 1.0, False),
    "post.peak_distance_mm": (0.0, 100.0, False), "post.min_area_mm2": (0.0, 1000.0, True),
    "post.lung_dilation_mm": (0.0, 1.0e6, True), "post.max_findings": (1, 1000, True),
}
CHOICES: dict[str, tuple] = {
    "run.task": ("lung", "bone", "detector"), "data.source": ("jsrt", "phantom"),
    "detector.target": ("gaussian", "disc"), "loss.kind": ("focal", "weighted_bce", "bce"),
    "loss.focal_normalise": ("pixels", "positives"), "post.score": ("max", "mean"),
}
LIST_CHOICES: dict[str, tuple] = {"tta": ("identity", "hflip")}
INTERVALS = ("masses.diameter_mm", "masses.contrast", "insertion.diameter_mm", "insertion.contrast")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false (lower case)"
    if isinstance(value, (int, float)):
        return "a number" if isinstance(value, float) else "a whole number"
    return {str: "a string", list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _fits(value: object, default: object) -> bool:
    """Same kind as the default; a whole number may stand for a float (TOML ``epochs = 3`` vs ``lr = 1``)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, list):
        return isinstance(value, list) and all(_fits(item, default[0]) for item in value) if default else \
            isinstance(value, list)
    return type(value) is type(default)


def _walk(config: dict, defaults: dict, prefix: str, problems: list[str]) -> None:
    for key, value in config.items():
        name = f"{prefix}{key}"
        if key not in defaults:
            close = [f"{prefix}{table}.{key}" for table, inner in defaults.items()
                     if isinstance(inner, dict) and key in inner]  # 'epochs' at the top of a file: 'run.epochs'
            close = close or [f"{prefix}{name}" for name in difflib.get_close_matches(key, list(defaults), n=1,
                                                                                      cutoff=0.6)]
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known: {', '.join(defaults)}"
            problems.append(f"unknown key '{name}'{hint}")
        elif isinstance(defaults[key], dict):
            if isinstance(value, dict):
                _walk(value, defaults[key], f"{name}.", problems)
            else:
                problems.append(f"'{name}' must be a table of settings, got {value!r}")
        elif not _fits(value, defaults[key]):
            problems.append(f"'{name}' must be {_kind(defaults[key])} like {defaults[key]!r}, got {value!r}")


def _check_values(config: dict, problems: list[str]) -> None:
    for name, (low, high, low_allowed) in RANGES.items():
        section, key = name.split(".")
        value = config.get(section, {}).get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not (low <= value <= high) or (value == low and not low_allowed) or math.isnan(value):
                bounds = f"{'[' if low_allowed else '('}{low}, {high}]".replace("inf]", "inf)")
                problems.append(f"'{name}' = {value!r} is outside {bounds}")
    for name, choices in CHOICES.items():
        section, key = name.split(".")
        value = config.get(section, {}).get(key)
        if isinstance(value, str) and value not in choices:
            problems.append(f"'{name}' = {value!r} must be one of {', '.join(choices)}")
    for name, choices in LIST_CHOICES.items():
        if any(item not in choices for item in config.get(name, [])):
            problems.append(f"'{name}' = {config[name]!r} may only name {', '.join(choices)}")
    for name in INTERVALS:
        section, key = name.split(".")
        value = config.get(section, {}).get(key)
        if isinstance(value, list) and (len(value) != 2 or value[0] > value[1] or value[0] < 0):
            problems.append(f"'{name}' = {value!r} must be [low, high] with 0 <= low <= high")
    data = config.get("data", {})
    if isinstance(data.get("fold"), int) and isinstance(data.get("folds"), int) and data["fold"] >= data["folds"]:
        problems.append(f"'data.fold' = {data['fold']} must be below data.folds = {data['folds']}")


def check_config(config: dict, defaults: dict, source: object) -> dict:
    """``config`` if every key is known, of its default's type and in range; else ValueError naming them all."""
    problems: list[str] = []
    _walk(config, defaults, "", problems)
    if not problems:
        _check_values(config, problems)
    if problems:
        raise ValueError(f"{source}: " + "; ".join(problems))
    return config

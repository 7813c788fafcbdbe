"""Detector configuration: defaults for every switchable trick, merged under a TOML file and CLI overrides.

Every trick has an on/off switch here so an ablation config names only the one thing it changes. The generic
``model_training.config`` refuses unknown keys, so the detector keeps its own defaults (same merge and checks).
"""

from __future__ import annotations

import copy
from pathlib import Path

from model_training.config import merge, read_toml, resolve_config
from model_training.config_check import check_config

PRETRAIN_MODES = ("none", "lung", "denoise", "masked", "phantom")

DETECTOR_DEFAULTS: dict = {
    # schedule: cosine over the "epochs", or over the "time" budget (max_minutes; then epochs is only a cap)
    "run": {"task": "detector", "seed": 0, "epochs": 60, "batch_size": 8, "learning_rate": 1e-3,
            "weight_decay": 1e-4, "max_minutes": 9.0, "max_steps_per_epoch": 0,
            "validate_every": 1, "schedule": "epochs"},
    # image_pooling: the ASPP's global-average branch; off for crop training (a crop's mean is not the film's)
    "model": {"width": 16, "depth": 4, "dilations": [1, 2, 4, 8], "image_pooling": True},
    "data": {"source": "jsrt", "size": 256, "folds": 5, "fold": 0, "split_seed": 0, "phantom_cases": 200,
             "max_cases": 0, "train_on_all": False, "crop": 0},  # crop: train on crop² patches (0 = whole canvas)
    # channels: "image", "bone_suppressed" (needs bone_model), "lung_mask" (lung_model, else the JSRT masks)
    "detector": {"inputs": ["image"], "bone_model": "", "lung_model": "", "target": "gaussian",
                 "image_head_weight": 0.2},
    "augment": {"enabled": True, "hflip": True, "rotate_deg": 10.0, "scale": 0.1, "shear_deg": 5.0, "shift": 0.05,
                "crop": 0.0, "contrast": 0.15, "gamma": 0.3, "sharpness": 0.5, "noise": 0.01},
    "randaugment": {"enabled": False, "ops": 2, "magnitude": 5},
    "mixup": {"enabled": False, "alpha": 0.4, "probability": 0.5},
    "insertion": {"enabled": False, "copies": 1, "contrast": [0.04, 0.15], "diameter_mm": [5.0, 30.0],
                  "ct_shapes": True},
    # positive_fraction: 0 = natural frequency, 0.5 = oversample nodule images; nodule_crop_fraction: with
    # data.crop, the share of a nodule image's crops placed on its nodule (the rest on the lung field)
    "sampling": {"positive_fraction": 0.0, "nodule_crop_fraction": 0.8},
    "loss": {"kind": "focal", "focal_gamma": 2.0, "focal_alpha": 0.75, "focal_normalise": "pixels",
             "positive_weight": 20.0},
    # mode: what this run optimises; stage: a pre-training run that ``cxr-train campaign`` puts before each fold's
    # detection run, given stage_share of the fold's time budget (the pair costs what one plain run costs)
    "pretrain": {"mode": "none", "mask_fraction": 0.4, "noise": 0.1, "checkpoint": "", "stage": "none",
                 "stage_share": 0.2},
    "post": {"candidate_floor": 0.05, "region_fraction": 0.5, "peak_distance_mm": 5.0, "min_area_mm2": 10.0,
             "lung_dilation_mm": 10.0, "lung_fp_reduction": True, "max_findings": 5, "score": "max"},
    "tta": ["identity", "hflip"],
}


def _read(path: Path, depth: int) -> dict:
    """Defaults ← the file, or ← its ``extends`` config ← the file (an ablation names only what it changes)."""
    path = resolve_config(path)
    document = read_toml(path)
    parent = document.pop("extends", None)
    if parent is not None and depth > 4:
        raise ValueError(f"{path}: 'extends' chain is too deep")
    check_config(document, DETECTOR_DEFAULTS, path)  # each file of the chain is named with its own mistakes
    base = _read(Path(parent), depth + 1) if parent is not None else copy.deepcopy(DETECTOR_DEFAULTS)
    return merge(base, document)


def load_detector_config(path: Path | str | None, overrides: dict | None = None) -> dict:
    """Defaults ← TOML (a bare name is looked up in ``model_training/configs``; ``extends = "detector"`` stacks
    it on another config) ← overrides."""
    config = _read(Path(path), 0) if path is not None else copy.deepcopy(DETECTOR_DEFAULTS)
    config = check_config(merge(config, check_config(overrides or {}, DETECTOR_DEFAULTS, "--set")),
                          DETECTOR_DEFAULTS, path)
    bad = [name for name in config["detector"]["inputs"] if name not in ("image", "bone_suppressed", "lung_mask")]
    if bad or not config["detector"]["inputs"]:
        raise ValueError(f"{path}: detector.inputs {config['detector']['inputs']} must name image, bone_suppressed, "
                         "lung_mask")
    if config["run"]["schedule"] not in ("epochs", "time"):
        raise ValueError(f"{path}: run.schedule must be epochs or time, got {config['run']['schedule']!r}")
    pretrain = config["pretrain"]
    if pretrain["mode"] not in PRETRAIN_MODES or pretrain["stage"] not in PRETRAIN_MODES:
        raise ValueError(f"{path}: pretrain.mode and pretrain.stage must be one of {PRETRAIN_MODES}")
    if not 0 < pretrain["stage_share"] < 1:
        raise ValueError(f"{path}: pretrain.stage_share must lie strictly between 0 and 1")
    if "bone_suppressed" in config["detector"]["inputs"] and not config["detector"]["bone_model"]:
        raise ValueError(f"{path}: input 'bone_suppressed' needs detector.bone_model (an exported bone ONNX file); "
                         "without one, train on inputs = [\"image\"]")
    return config

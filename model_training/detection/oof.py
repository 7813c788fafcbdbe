"""Out-of-fold prediction: every train+val image scored by the fold model that never saw it.

A run root holds ``fold0/checkpoint.pt`` … ``fold{k-1}/checkpoint.pt``. Several run roots trained on the same
folds (other seeds or settings) are averaged per image: that is the out-of-fold estimate of an ensemble, since the
final k-fold ensemble itself has no held-out images outside the test split.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model_training.config import merge
from model_training.detection.channels import lung_probability, stack_inputs
from model_training.detection.data import DetectionData
from model_training.detection.folds import held_out_data
from model_training.detection.predict import load_detector, predict_maps
from model_training.detection.settings import DETECTOR_DEFAULTS


@dataclass
class OofPredictions:
    """Maps of held-out images only; ``split`` is always "oof" (threshold tuning accepts nothing else)."""

    data: DetectionData
    maps: np.ndarray
    lungs: np.ndarray
    config: dict
    members_per_image: int
    lung_model: str  # the lung ONNX file behind ``lungs`` ("" = the reference masks)
    split: str = "oof"


def fold_checkpoints(run_root: Path) -> list[Path]:
    found = sorted(Path(run_root).glob("fold*/checkpoint.pt"), key=lambda p: int(p.parent.name[4:]))
    if not found:
        raise FileNotFoundError(f"{run_root}: no fold*/checkpoint.pt (train the folds with `cxr-train detector`)")
    return found


def _fold_prediction(checkpoint: Path, shared: Path, tta: list[str] | None, device: str):
    model, state = load_detector(checkpoint)
    config = merge(DETECTOR_DEFAULTS, state["config"])  # a checkpoint from before a new setting gets its default
    if config["pretrain"]["mode"] != "none":
        raise ValueError(f"{checkpoint}: a pre-training checkpoint ({config['pretrain']['mode']}) is not a detector")
    held = held_out_data(config, shared)
    maps = predict_maps(model, stack_inputs(held, config["detector"]), tta or config["tta"], device)
    return held, maps, config


def out_of_fold(run_roots: list[Path], shared: Path, tta: list[str] | None = None, device: str = "cpu",
                partial: bool = False, lung_model: str | None = None) -> OofPredictions:
    """OOF maps over all folds of every run root; refuses incomplete folds unless ``partial`` (smoke runs).

    ``lung_model`` replaces the lung model the folds were trained with for the lung map of post-processing: a run
    trained against the reference masks must be tuned with the model the engine will use ("" = reference masks).
    """
    per_root = []
    for root in run_roots:
        parts = [_fold_prediction(path, shared, tta, device) for path in fold_checkpoints(root)]
        folds = parts[0][2]["data"]["folds"]
        if len(parts) != folds and not partial:
            raise ValueError(f"{root}: {len(parts)} fold checkpoints for a {folds}-fold split")
        ids = [case_id for held, _, _ in parts for case_id in held.case_ids]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{root}: folds overlap; out-of-fold predictions need disjoint held-out sets")
        data = parts[0][0]
        for held, _, _ in parts[1:]:
            data = data + held
        per_root.append((data, np.concatenate([maps for _, maps, _ in parts]), parts[0][2]))
    data, _, config = per_root[0]
    order = {case_id: index for index, case_id in enumerate(data.case_ids)}
    total = np.zeros_like(per_root[0][1], dtype=np.float64)
    for other, maps, _ in per_root:
        if sorted(other.case_ids) != sorted(data.case_ids):
            raise ValueError("run roots cover different images; train them on the same folds and seed")
        total[[order[case_id] for case_id in other.case_ids]] += maps
    maps = (total / len(per_root)).astype(np.float32)
    lung_model = config["detector"]["lung_model"] if lung_model is None else lung_model
    return OofPredictions(data, maps, lung_probability(data, lung_model), config, len(per_root), lung_model)

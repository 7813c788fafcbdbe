"""Export the fold classifiers as the ONNX members of the pipeline's ``candidate_classifier`` stage.

The stage goes into the models folder only with the out-of-fold record of the combined score it was judged on:
its operating thresholds are on that score, so stage 1's thresholds alone would mean something else.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime
import torch
from torch import nn

from model_training import manifest
from model_training.detection.second_stage.network import CandidateClassifier
from model_training.detection.second_stage.settings import SecondStageSettings
from model_training.half_storage import store_weights_as_float16
from model_training.preprocess import PREPROCESSING_VERSION

OPSET = 17
TASK = "nodule_candidate_classification"
OUTPUT = {"name": "nodule_probability", "shape": ["batch"], "range": [0, 1], "activation": "none",
          "meaning": "probability that a nodule lies at the patch centre (one score per patch)"}


class DeployableClassifier(nn.Module):
    """Probabilities, so the engine applies no activation of its own."""

    def __init__(self, classifier: CandidateClassifier) -> None:
        super().__init__()
        self.classifier = classifier

    def forward(self, patches: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.classifier(patches))


def fold_classifiers(checkpoint_dir: Path) -> list[Path]:
    found = sorted(Path(checkpoint_dir).glob("fold*/classifier.pt"), key=lambda p: int(p.parent.name[4:]))
    if not found:
        raise FileNotFoundError(f"{checkpoint_dir}: no fold*/classifier.pt (train them with `cxr-train second-stage`)")
    return found


def _export_one(state: dict, settings: SecondStageSettings, path: Path, float16_weights: bool) -> float:
    """Write one classifier's ONNX file; returns the PyTorch/ONNX Runtime max abs difference."""
    model = CandidateClassifier()
    model.load_state_dict(state["model"])
    deployable = DeployableClassifier(model.eval()).eval()
    size = settings.patch
    torch.onnx.export(deployable, (torch.zeros(1, 1, size, size),), str(path), opset_version=OPSET, dynamo=False,
                      input_names=["patch"], output_names=["probability"],
                      dynamic_axes={"patch": {0: "batch"}, "probability": {0: "batch"}})
    if float16_weights:
        store_weights_as_float16(path)
    patches = np.random.default_rng(0).random((4, 1, size, size), dtype=np.float32)
    with torch.no_grad():
        expected = deployable(torch.from_numpy(patches)).numpy()
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return float(np.abs(session.run(None, {"patch": patches})[0] - expected).max())


def export_classifiers(checkpoint_dir: Path, models_dir: Path, version: str, oof_record: Path,
                       prefix: str = "nodule-cls", float16_weights: bool = False,
                       classifier_weight: float = 0.5) -> dict:
    """Export every fold classifier as ``<prefix>-m<i>``; returns the pipeline's ``candidate_classifier`` section,
    whose final score is stage 1^(1 − ``classifier_weight``) × classifier^``classifier_weight``."""
    paths = fold_classifiers(checkpoint_dir)
    states = [torch.load(path, map_location="cpu", weights_only=False) for path in paths]
    recorded = {str(sorted(state["settings"].items())) for state in states}
    if len(recorded) != 1 or not all(state.get("finished") for state in states):
        raise ValueError(f"{checkpoint_dir}: the fold classifiers differ in settings or did not finish")
    settings = SecondStageSettings(**{key: tuple(value) if isinstance(value, list) else value
                                      for key, value in states[0]["settings"].items()})
    names = []
    for index, state in enumerate(states):
        name = f"{prefix}-m{index}"
        path = Path(models_dir) / f"{name}.onnx"
        difference = _export_one(state, settings, path, float16_weights)
        manifest.write_entry(models_dir, {
            "name": name, "task": TASK, "version": version, "file": path.name, "sha256": manifest.sha256_file(path),
            "input": {"name": "patch", "size": settings.patch, "channels": 1, "canvas": settings.canvas,
                      "dtype": "float32", "layout": "NCHW", "preprocessing_version": PREPROCESSING_VERSION},
            "output": OUTPUT,
            "training_data": {"fold": state["fold"], "training_cases": len(state["training_cases"]),
                              "settings": state["settings"], "oof_record": str(oof_record), "device": "cpu"},
            "metrics": state["history"][-1], "onnx_opset": OPSET, "onnx_torch_max_abs_diff": difference,
            "weights_stored_as": "float16" if float16_weights else "float32", "licence": manifest.LICENCE_NOTE})
        names.append(name)
    return {"members": names, "canvas": settings.canvas, "patch": settings.patch,
            "candidates": settings.candidate_cap, "tta": list(settings.tta), "score": "geometric_mean",
            "classifier_weight": classifier_weight}

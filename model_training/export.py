"""Checkpoint → ONNX (opset 17, dynamic batch) + manifest entry, checked against PyTorch with ONNX Runtime.

Exported models end in their usable output: the lung model emits probabilities (sigmoid inside the graph) and the
bone model the bone-suppressed image, so the viewer plugin needs no task-specific post-processing code.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime
import torch

from model_training import manifest
from model_training.datasets import phantom_lung_arrays
from model_training.export_checks import check_name, record_metrics
from model_training.preprocess import PREPROCESSING_VERSION
from model_training.tasks import TASKS

OPSET = 17
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODELS_DIR = REPO_ROOT / "resources" / "models"
OUTPUTS = {
    "lung": {"name": "lung_probability", "shape": ["batch", 1, "size", "size"], "range": [0, 1],
             "meaning": "probability that the pixel is lung (both lungs, heart excluded); threshold 0.5"},
    "bone": {"name": "soft_tissue", "shape": ["batch", 1, "size", "size"], "range": [0, 1],
             "meaning": "bone-suppressed image in the input's preprocessed intensity scale"},
}


class _Deployable(torch.nn.Module):
    def __init__(self, model: torch.nn.Module, task: str) -> None:
        super().__init__()
        self.model, self.task = model, task

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        output = self.model(image)
        return torch.sigmoid(output) if self.task == "lung" else output.clamp(0, 1)


def load_checkpoint(path: Path) -> tuple[torch.nn.Module, dict]:
    state = torch.load(path, map_location="cpu", weights_only=False)
    config = state["config"]
    model = TASKS[config["run"]["task"]].build_model(config)
    model.load_state_dict(state["model"])
    return _Deployable(model.eval(), config["run"]["task"]).eval(), state


def export_onnx(model: torch.nn.Module, size: int, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(model, (torch.zeros(1, 1, size, size),), str(path), opset_version=OPSET, dynamo=False,
                      input_names=["image"], output_names=["output"],
                      dynamic_axes={"image": {0: "batch"}, "output": {0: "batch"}})


def parity(model: torch.nn.Module, path: Path, inputs: np.ndarray) -> float:
    """Largest absolute difference between PyTorch and ONNX Runtime (CPU) on ``inputs`` (N, 1, size, size)."""
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    with torch.no_grad():
        expected = model(torch.from_numpy(inputs)).numpy()
    actual = session.run(None, {"image": inputs})[0]
    return float(np.abs(expected - actual).max())


def parity_inputs(size: int, seed: int = 0) -> np.ndarray:
    """Two uniform-noise canvases and two preprocessed phantom radiographs: noise reaches every weight, while the
    radiograph-like inputs exercise the value ranges a real image produces (saturated lungs, dark padding)."""
    noise = np.random.default_rng(seed).random((2, size, size), dtype=np.float32)
    radiographs, _ = phantom_lung_arrays(2, size, seed)
    return np.concatenate([noise, radiographs.astype(np.float32)])[:, None]


def export_checkpoint(checkpoint: Path, models_dir: Path, name: str, version: str,
                      record_file: Path | None = None, check_inputs: np.ndarray | None = None) -> dict:
    """Write ``<name>.onnx`` and its manifest entry; returns the entry (with the parity check's figure)."""
    model, state = load_checkpoint(checkpoint)
    config, task = state["config"], state["config"]["run"]["task"]
    check_name(name, task)
    metrics = record_metrics(record_file, state) if record_file else state["history"][-1]
    size = config["data"]["size"]
    path = Path(models_dir) / f"{name}.onnx"
    export_onnx(model, size, path)
    inputs = check_inputs if check_inputs is not None else parity_inputs(size)
    difference = parity(model, path, inputs.astype(np.float32))
    entry = {
        "name": name, "task": task, "version": version, "file": path.name, "sha256": manifest.sha256_file(path),
        "input": {"name": "image", "size": size, "channels": 1, "dtype": "float32", "layout": "NCHW",
                  "preprocessing_version": PREPROCESSING_VERSION},
        "output": OUTPUTS[task],
        "training_data": {"seed": config["run"]["seed"], "epochs": state["epoch"] + 1,
                          "data": config["data"], "record": str(record_file) if record_file else None},
        "metrics": metrics, "onnx_opset": OPSET, "onnx_torch_max_abs_diff": difference,
        "licence": manifest.LICENCE_NOTE,
    }
    manifest.write_entry(models_dir, entry)
    return entry

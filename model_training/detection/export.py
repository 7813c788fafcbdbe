"""Export the k-fold detector ensemble for the AI engine: ONNX members, manifest entries, and the ``pipeline``.

Post-processing settings and operating thresholds come from an out-of-fold evaluation record (``kind: "oof"``
with a ``tuned`` section); a record from the test split is refused, so test numbers can never set a threshold.
The lung (and optional bone) model must already be in the models folder (``cxr-train export``).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnxruntime
import torch

from model_training import manifest
from model_training.detection.network import DeployableDetector
from model_training.detection.predict import load_detector
from model_training.preprocess import PREPROCESSING_VERSION

OPSET = 17
OUTPUT = {"name": "nodule_probability", "shape": ["batch", 1, "size", "size"], "range": [0, 1], "activation": "none",
          "meaning": "per-pixel probability of a lung nodule (trained on Gaussian/disc maps of the nodule diameter)"}


def _tuned(oof_record: Path) -> dict:
    record = json.loads(Path(oof_record).read_text(encoding="utf-8"))
    if record.get("kind") != "oof" or "tuned" not in record or record.get("partial"):
        raise ValueError(f"{oof_record}: not an out-of-fold evaluation with tuned thresholds (kind "
                         f"{record.get('kind')!r}); run `cxr-train evaluate detector RUN_ROOT --tune` first")
    return record


def export_member(checkpoint: Path, path: Path) -> tuple[dict, float]:
    """Write one member's ONNX file; returns its config and the PyTorch/ONNX Runtime max abs difference."""
    model, state = load_detector(checkpoint)
    config = state["config"]
    deployable = DeployableDetector(model).eval()
    size, channels = config["data"]["size"], len(config["detector"]["inputs"])
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(deployable, (torch.zeros(1, channels, size, size),), str(path), opset_version=OPSET,
                      dynamo=False, input_names=["image"], output_names=["output"],
                      dynamic_axes={"image": {0: "batch"}, "output": {0: "batch"}})
    inputs = np.random.default_rng(0).random((2, channels, size, size), dtype=np.float32)
    with torch.no_grad():
        expected = deployable(torch.from_numpy(inputs)).numpy()
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return state, float(np.abs(session.run(None, {"image": inputs})[0] - expected).max())


def _entry(name: str, path: Path, state: dict, version: str, difference: float, record: Path) -> dict:
    config = state["config"]
    return {"name": name, "task": "nodule_detection", "version": version, "file": path.name,
            "sha256": manifest.sha256_file(path),
            "input": {"name": "image", "size": config["data"]["size"], "channels": len(config["detector"]["inputs"]),
                      "channel_names": config["detector"]["inputs"], "dtype": "float32", "layout": "NCHW",
                      "preprocessing_version": PREPROCESSING_VERSION},
            "output": OUTPUT, "training_data": {"seed": config["run"]["seed"], "epochs": state["epoch"] + 1,
                                                "data": config["data"], "oof_record": str(record)},
            "metrics": state["history"][-1] if state["history"] else {}, "onnx_opset": OPSET,
            "onnx_torch_max_abs_diff": difference, "licence": manifest.LICENCE_NOTE}


def write_pipeline(models_dir: Path, pipeline: dict) -> Path:
    """Set the manifest's top-level ``pipeline`` (kept beside ``format``/``models``), atomically."""
    path = Path(models_dir) / manifest.MANIFEST_NAME
    document = json.loads(path.read_text(encoding="utf-8"))
    document["pipeline"] = pipeline
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)
    return path


def export_ensemble(checkpoints: list[Path], models_dir: Path, oof_record: Path, version: str, lung_model: str,
                    bone_model: str | None = None, prefix: str = "nodule-det", lung_threshold: float = 0.5,
                    tta: list[str] | None = None) -> dict:
    """Export every checkpoint as ``<prefix>-m<i>`` and write the pipeline; returns the pipeline section."""
    record = _tuned(oof_record)
    present = {entry["name"] for entry in manifest.read_manifest(models_dir)}
    for needed in [lung_model] + ([bone_model] if bone_model else []):
        if needed not in present:
            raise ValueError(f"{Path(models_dir) / manifest.MANIFEST_NAME}: model {needed!r} is not installed; "
                             "export it first with `cxr-train export`")
    members, settings = [], set()
    for index, checkpoint in enumerate(checkpoints):
        name = f"{prefix}-m{index}"
        path = Path(models_dir) / f"{name}.onnx"
        state, difference = export_member(Path(checkpoint), path)
        settings.add((state["config"]["data"]["size"], tuple(state["config"]["detector"]["inputs"])))
        manifest.write_entry(models_dir, _entry(name, path, state, version, difference, Path(oof_record)))
        members.append(name)
    if len(settings) != 1:
        raise ValueError(f"ensemble members differ in input size or channels: {sorted(settings)}")
    inputs = list(settings.pop()[1])
    tuned = record["tuned"]
    pipeline = {"version": version, "bone_suppression": {"model": bone_model} if bone_model else None,
                "lung_segmentation": {"model": lung_model, "threshold": lung_threshold, "input": "image"},
                "detector": {"members": members, "inputs": inputs, "tta": tta or record.get("tta", ["identity"]),
                             "gpu_batch_size": 8},
                "postprocessing": tuned["postprocessing"] | {"uncalibrated_field_mm": 400.0},
                "operating_points": tuned["operating_points"]}
    write_pipeline(models_dir, pipeline)
    return pipeline

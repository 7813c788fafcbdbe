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
from model_training.half_storage import store_weights_as_float16
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


def export_member(model: torch.nn.Module, state: dict, path: Path, float16_weights: bool = False) -> float:
    """Write one member's ONNX file; returns the PyTorch/ONNX Runtime max abs difference (after the float16
    rounding of the stored weights, with ``float16_weights``)."""
    config = state["config"]
    deployable = DeployableDetector(model).eval()
    size, channels = config["data"]["size"], len(config["detector"]["inputs"])
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(deployable, (torch.zeros(1, channels, size, size),), str(path), opset_version=OPSET,
                      dynamo=False, input_names=["image"], output_names=["output"],
                      dynamic_axes={"image": {0: "batch"}, "output": {0: "batch"}})
    if float16_weights:
        store_weights_as_float16(path)
    inputs = np.random.default_rng(0).random((2, channels, size, size), dtype=np.float32)
    with torch.no_grad():
        expected = deployable(torch.from_numpy(inputs)).numpy()
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return float(np.abs(session.run(None, {"image": inputs})[0] - expected).max())


def _trained_on(state: dict, checkpoint: Path, stated: str | None) -> str:
    """The training hardware belongs in the manifest (a CPU-trained ensemble must say so); checkpoints written
    before the weights carried it need it stated, and a statement that contradicts the checkpoint is refused."""
    recorded = state.get("device_name")
    if recorded and stated and recorded != stated:
        raise ValueError(f"{checkpoint}: trained on {recorded!r}, not {stated!r} as --trained-on says")
    if not (recorded or stated):
        raise ValueError(f"{checkpoint}: the checkpoint does not record its training device; state it with "
                         "--trained-on (for example cpu)")
    return recorded or stated


def _entry(name: str, path: Path, state: dict, version: str, difference: float, record: Path,
           trained_on: str, float16_weights: bool) -> dict:
    config = state["config"]
    return {"name": name, "task": "nodule_detection", "version": version, "file": path.name,
            "sha256": manifest.sha256_file(path),
            "input": {"name": "image", "size": config["data"]["size"], "channels": len(config["detector"]["inputs"]),
                      "channel_names": config["detector"]["inputs"], "dtype": "float32", "layout": "NCHW",
                      "preprocessing_version": PREPROCESSING_VERSION},
            "output": OUTPUT, "training_data": {"seed": config["run"]["seed"], "epochs": state["epoch"] + 1,
                                                "device": trained_on, "data": config["data"],
                                                "oof_record": str(record)},
            "metrics": state["history"][-1] if state["history"] else {}, "onnx_opset": OPSET,
            "onnx_torch_max_abs_diff": difference, "weights_stored_as": "float16" if float16_weights else "float32",
            "licence": manifest.LICENCE_NOTE}


def _check_bone_model(states: list[dict], models_dir: Path, bone_model: str | None) -> None:
    """A bone channel must come from the very model the members were trained with: the engine would otherwise feed
    them another bone estimate than training did, and nothing downstream could notice. A training path absent here
    (the GPU machine's copy) cannot be hashed; that case rests on the run record's git commit."""
    trained_with = {state["config"]["detector"]["bone_model"] for state in states
                    if "bone_suppressed" in state["config"]["detector"]["inputs"]}
    if not trained_with:
        return
    if not bone_model:
        raise ValueError("the members take a bone_suppressed input; name the installed bone model (--bone-model)")
    installed = manifest.find_entry(models_dir, bone_model)["sha256"]
    for path in sorted(trained_with):
        if Path(path).is_file() and manifest.sha256_file(Path(path)) != installed:
            raise ValueError(f"the members were trained on the bone channel of {path}, which is not the installed "
                             f"{bone_model!r} (SHA-256 differs)")


def export_ensemble(checkpoints: list[Path], models_dir: Path, oof_record: Path, version: str, lung_model: str,
                    bone_model: str | None = None, prefix: str = "nodule-det", lung_threshold: float = 0.5,
                    tta: list[str] | None = None, trained_on: str | None = None,
                    classifiers: Path | None = None, float16_weights: bool = False) -> dict:
    """Export every checkpoint as ``<prefix>-m<i>`` and write the pipeline; returns the pipeline section.

    ``classifiers`` (a ``cxr-train second-stage`` folder) adds the candidate classifier stage; the record must then
    be that run's combined-score record, whose thresholds are on the combined score. ``float16_weights`` stores the
    members' (and classifiers') weights as float16 so that more of them fit the models folder's budget.
    """
    record = _tuned(oof_record)
    stage_two = record.get("second_stage", {}).get("score")
    if (classifiers is None) != (stage_two is None) or stage_two not in (None, "combined"):
        raise ValueError(f"{oof_record}: a second-stage export needs the second stage's combined-score record, and "
                         f"that record needs --classifiers (record score: {stage_two!r})")
    present = {entry["name"] for entry in manifest.read_manifest(models_dir)}
    for needed in [lung_model] + ([bone_model] if bone_model else []):
        if needed not in present:
            raise ValueError(f"{Path(models_dir) / manifest.MANIFEST_NAME}: model {needed!r} is not installed; "
                             "export it first with `cxr-train export`")
    checkpoints = [Path(checkpoint) for checkpoint in checkpoints]
    loaded = [load_detector(checkpoint) for checkpoint in checkpoints]  # every check before any file is written
    states = [state for _, state in loaded]
    devices = [_trained_on(state, checkpoint, trained_on) for state, checkpoint in zip(states, checkpoints)]
    _check_bone_model(states, models_dir, bone_model)
    settings = {(state["config"]["data"]["size"], tuple(state["config"]["detector"]["inputs"])) for state in states}
    if len(settings) != 1:
        raise ValueError(f"ensemble members differ in input size or channels: {sorted(settings)}")
    inputs, members = list(settings.pop()[1]), []
    for index, ((model, state), device) in enumerate(zip(loaded, devices)):
        name = f"{prefix}-m{index}"
        path = Path(models_dir) / f"{name}.onnx"
        difference = export_member(model, state, path, float16_weights)
        manifest.write_entry(models_dir, _entry(name, path, state, version, difference, Path(oof_record), device,
                                                float16_weights))
        members.append(name)
    tuned = record["tuned"]
    pipeline = {"version": version, "bone_suppression": {"model": bone_model} if bone_model else None,
                "lung_segmentation": {"model": lung_model, "threshold": lung_threshold, "input": "image"},
                "detector": {"members": members, "inputs": inputs, "tta": tta or record.get("tta", ["identity"]),
                             "gpu_batch_size": 8},
                "postprocessing": tuned["postprocessing"] | {"uncalibrated_field_mm": 400.0},
                "operating_points": tuned["operating_points"]}
    if classifiers is not None:
        from model_training.detection.second_stage.export import export_classifiers

        pipeline["candidate_classifier"] = export_classifiers(
            classifiers, models_dir, version, Path(oof_record), float16_weights=float16_weights,
            classifier_weight=float(tuned.get("classifier_weight", 0.5)))
    manifest.write_pipeline(models_dir, pipeline)
    return pipeline

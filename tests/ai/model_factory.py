"""Tiny ONNX model sets built in the tests (no trained weights needed) and synthetic radiographs to run them on.

The models are elementwise intensity rules on the preprocessed [0, 1] image, so the expected output is known:
  * bone:     y = 0.9·x + 0.05 (a visible contrast change)
  * lung:     1 where 0.2 < x < 0.9 (the "lung" grey level), 0 on padding, background and the bright label strip
              (eroded by 2 pixels)
  * detector: sigmoid(40·(x − 0.62)) on the bone-suppressed image, i.e. fires on "nodules" (0.75) and the strip (1.0)
The synthetic image: background 0 (outside the lungs), a lung field at 0.4, disc nodules at 0.75 and a bright strip
at 1.0 covering >0.5 % of the pixels so that the percentile normalisation maps raw values unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from model_training.manifest import MANIFEST_NAME, sha256_file, write_entry
from model_training.preprocess import PREPROCESSING_VERSION

OPSET = 17


def _constant(name: str, value: float | np.ndarray) -> onnx.TensorProto:
    return numpy_helper.from_array(np.asarray(value, np.float32), name)


def _save(path: Path, nodes: list, initializers: list, channels: int = 1) -> None:
    graph = helper.make_graph(
        nodes,
        path.stem,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", channels, "H", "W"])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", 1, "H", "W"])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 9
    onnx.checker.check_model(model)
    onnx.save(model, path)


def affine_model(path: Path, scale: float, offset: float, sigmoid: bool, channels: int = 1) -> None:
    """y = [sigmoid](scale · (x[:, 0] − offset)); channel 0 picked by a 1×1 convolution."""
    weight = np.zeros((1, channels, 1, 1), np.float32)
    weight[0, 0] = 1.0
    nodes = [
        helper.make_node("Conv", ["input", "w"], ["picked"]),
        helper.make_node("Sub", ["picked", "offset"], ["shifted"]),
        helper.make_node("Mul", ["shifted", "scale"], ["logits" if sigmoid else "output"]),
    ]
    if sigmoid:
        nodes.append(helper.make_node("Sigmoid", ["logits"], ["output"]))
    _save(path, nodes, [_constant("w", weight), _constant("offset", offset), _constant("scale", scale)], channels)


def band_model(path: Path, low: float, high: float, steepness: float = 40.0) -> None:
    """y = erode₅ₓ₅(sigmoid(k(x − low)) · sigmoid(k(high − x))): 1 inside the grey-level band.

    The erosion (a min-pool) removes the one-pixel slivers that resampling leaves at sharp edges crossing the band.
    """
    nodes = [
        helper.make_node("Sub", ["input", "low"], ["above"]),
        helper.make_node("Sub", ["high", "input"], ["below"]),
        helper.make_node("Mul", ["above", "k"], ["above_k"]),
        helper.make_node("Mul", ["below", "k"], ["below_k"]),
        helper.make_node("Sigmoid", ["above_k"], ["p_above"]),
        helper.make_node("Sigmoid", ["below_k"], ["p_below"]),
        helper.make_node("Mul", ["p_above", "p_below"], ["band"]),
        helper.make_node("Neg", ["band"], ["negated"]),
        helper.make_node("MaxPool", ["negated"], ["pooled"], kernel_shape=[5, 5], pads=[2, 2, 2, 2]),
        helper.make_node("Neg", ["pooled"], ["output"]),
    ]
    _save(path, nodes, [_constant("low", low), _constant("high", high), _constant("k", steepness)])


def _entry(name: str, task: str, path: Path, size: int, channels: int, output: dict, prep: str) -> dict[str, Any]:
    return {
        "name": name, "task": task, "version": "0.0.1-test", "file": path.name, "sha256": sha256_file(path),
        "input": {"size": size, "channels": channels, "preprocessing_version": prep}, "output": output,
        "training_data": "none (built by tests/ai/model_factory.py)", "metrics": {}, "licence": "MIT (test model)",
    }


def build_model_set(
    directory: Path, *, size: int = 256, version: str = "test-1", members: int = 2,
    tta: tuple[str, ...] = ("identity", "hflip"), preprocessing_version: str = PREPROCESSING_VERSION,
    post: dict[str, Any] | None = None, operating_points: dict[str, Any] | None = None,
    lung_size: int | None = None,
) -> Path:
    """Write ONNX files, their manifest entries and the ``pipeline`` section; returns ``directory``.

    ``lung_size`` declares another input size for the bone and lung models than the detector's ``size``.
    """
    directory.mkdir(parents=True, exist_ok=True)
    affine_model(directory / "bone.onnx", 0.9, -0.05 / 0.9, sigmoid=False)
    band_model(directory / "lung.onnx", 0.2, 0.9)
    plain = {"activation": "none"}
    entries = [
        _entry("bone", "bone_suppression", directory / "bone.onnx", lung_size or size, 1, plain, preprocessing_version),
        _entry("lung", "lung_segmentation", directory / "lung.onnx", lung_size or size, 1, plain,
               preprocessing_version),
    ]
    names = []
    for index in range(members):
        path = directory / f"detector{index}.onnx"
        # member 0 outputs probabilities, member 1 logits (the engine applies the manifest's sigmoid)
        affine_model(path, 40.0, 0.62, sigmoid=index % 2 == 0, channels=2)
        activation = "none" if index % 2 == 0 else "sigmoid"
        entries.append(_entry(f"detector{index}", "nodule_detection", path, size, 2, {"activation": activation},
                              preprocessing_version))
        names.append(f"detector{index}")
    for entry in entries:
        write_entry(directory, entry)
    manifest = directory / MANIFEST_NAME
    document = json.loads(manifest.read_text())
    document["pipeline"] = {
        "version": version,
        "bone_suppression": {"model": "bone"},
        "lung_segmentation": {"model": "lung", "threshold": 0.5, "input": "image"},
        "detector": {"members": names, "inputs": ["bone_suppressed", "lung_mask"], "tta": list(tta)},
        "postprocessing": {"candidate_floor": 0.05, "region_fraction": 0.5, "min_area_mm2": 10.0,
                           "lung_dilation_mm": 10.0, "max_findings": 5, "score": "max"} | (post or {}),
        "operating_points": operating_points or {"sens": {"threshold": 0.3, "sensitivity": 0.9},
                                                 "spec": {"threshold": 0.7, "fp_per_image": 0.2}},
    }
    manifest.write_text(json.dumps(document, indent=2))
    return directory


def patch_mean_classifier(path: Path, offset: float, scale: float) -> None:
    """y = sigmoid(scale · (mean of the patch − offset)), one score per patch: brighter patches score higher."""
    graph = helper.make_graph(
        [helper.make_node("ReduceMean", ["input"], ["mean"], axes=[1, 2, 3], keepdims=0),
         helper.make_node("Sub", ["mean", "offset"], ["shifted"]),
         helper.make_node("Mul", ["shifted", "scale"], ["logits"]),
         helper.make_node("Sigmoid", ["logits"], ["output"])],
        path.stem,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 1, "P", "P"])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N"])],
        [_constant("offset", offset), _constant("scale", scale)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 9
    onnx.checker.check_model(model)
    onnx.save(model, path)


def add_classifier(directory: Path, section: dict[str, Any] | None = None, members: int = 2) -> Path:
    """Add patch-mean classifiers and a ``candidate_classifier`` section to a model set from ``build_model_set``."""
    names = []
    for index in range(members):
        path = directory / f"classifier{index}.onnx"
        patch_mean_classifier(path, 0.45 + 0.05 * index, 8.0)
        write_entry(directory, _entry(f"classifier{index}", "nodule_candidate_classification", path, 16, 1,
                                      {"activation": "none"}, PREPROCESSING_VERSION))
        names.append(f"classifier{index}")
    manifest = directory / MANIFEST_NAME
    document = json.loads(manifest.read_text())
    document["pipeline"]["candidate_classifier"] = {"members": names, "canvas": 512, "patch": 16, "candidates": 30,
                                                    "tta": ["identity", "hflip"]} | (section or {})
    manifest.write_text(json.dumps(document, indent=2))
    return directory


def synthetic_chest(
    rows: int, cols: int, nodules: list[tuple[float, float, float]], band: float = 0.12, strip: bool = True,
    bits: int = 12,
) -> np.ndarray:
    """uint16 radiograph: background outside a lung field, disc nodules (x, y, radius px) and a bright strip."""
    full = 2**bits - 1
    image = np.zeros((rows, cols), np.float64)
    top, left = int(rows * band), int(cols * band)
    image[top : rows - top, left : cols - left] = 0.4
    yy, xx = np.mgrid[0:rows, 0:cols]
    for x, y, radius in nodules:
        image[(xx - x) ** 2 + (yy - y) ** 2 <= radius**2] = 0.75
    if strip:
        image[: max(2, rows // 50), :] = 1.0
    return np.rint(image * full).astype(np.uint16)


def shift_model(path: Path, batch: int | str = "N") -> None:
    """y[.., x] = x[.., x − 1] (zero at the left edge): not mirror-symmetric, so TTA mistakes show."""
    kernel = np.zeros((1, 1, 1, 3), np.float32)
    kernel[0, 0, 0, 0] = 1.0
    graph = helper.make_graph(
        [helper.make_node("Conv", ["input", "k"], ["output"], pads=[0, 1, 0, 1])],
        "shift",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [batch, 1, "H", "W"])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [batch, 1, "H", "W"])],
        [_constant("k", kernel)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 9
    onnx.save(model, path)

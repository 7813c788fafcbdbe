"""Float16 weight storage halves a model file and keeps its float32 outputs within the weights' rounding."""

from __future__ import annotations

import shutil

import numpy as np
import onnx
import onnxruntime
import pytest

torch = pytest.importorskip("torch")

from model_training.half_storage import store_weights_as_float16  # noqa: E402


def _session(path):
    return onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])


def test_half_storage_halves_the_file_and_keeps_the_outputs(tmp_path):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Conv2d(1, 32, 3, padding=1), torch.nn.BatchNorm2d(32), torch.nn.ReLU(),
                                torch.nn.Conv2d(32, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.Conv2d(32, 1, 1),
                                torch.nn.Sigmoid()).eval()
    full = tmp_path / "full.onnx"
    torch.onnx.export(model, (torch.zeros(1, 1, 16, 16),), str(full), opset_version=17, dynamo=False,
                      input_names=["image"], output_names=["output"], dynamic_axes={"image": {0: "batch"}})
    half = tmp_path / "half.onnx"
    shutil.copy(full, half)
    assert store_weights_as_float16(half) >= 3
    assert half.stat().st_size < 0.6 * full.stat().st_size
    stored = {init.data_type for init in onnx.load(str(half)).graph.initializer}
    assert stored == {onnx.TensorProto.FLOAT16}
    inputs = np.random.default_rng(0).random((3, 1, 16, 16), dtype=np.float32)
    expected = _session(full).run(None, {"image": inputs})[0]
    got = _session(half).run(None, {"image": inputs})[0]
    assert got.dtype == np.float32
    difference = np.abs(got - expected).max()
    assert 0 < difference < 2e-3  # rounded, so not identical, but within float16's precision

"""Test-time augmentation maps each output back to the original frame; fixed-batch models still take batches."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest

from cxr_ai.engine.runner import OnnxModel
from cxr_ai.engine.stages import _ensemble
from tests.ai.model_factory import shift_model


def _model(path: Path, batch: int | str = "N") -> OnnxModel:
    shift_model(path, batch)
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return OnnxModel(path.stem, path, session, {"input": {"size": 8}, "output": {"activation": "none"}})


@pytest.fixture
def batch() -> np.ndarray:
    return np.random.default_rng(0).random((3, 1, 8, 8), dtype=np.float32)


def test_hflip_output_is_flipped_back(tmp_path: Path, batch: np.ndarray) -> None:
    model = _model(tmp_path / "shift.onnx")
    right = np.zeros_like(batch[:, 0])
    right[..., 1:] = batch[:, 0, :, :-1]  # identity pass: shifted right
    left = np.zeros_like(batch[:, 0])
    left[..., :-1] = batch[:, 0, :, 1:]  # flipped pass, flipped back: shifted left
    averaged = _ensemble([model], batch, ("identity", "hflip"))
    assert averaged == pytest.approx((right + left) / 2, abs=1e-6)
    assert _ensemble([model, model], batch, ("identity",)) == pytest.approx(right, abs=1e-6)


def test_fixed_batch_model_is_fed_one_image_at_a_time(tmp_path: Path, batch: np.ndarray) -> None:
    fixed, dynamic = _model(tmp_path / "fixed.onnx", batch=1), _model(tmp_path / "dynamic.onnx")
    assert not fixed.dynamic_batch and dynamic.dynamic_batch
    assert np.array_equal(fixed.run(batch), dynamic.run(batch))

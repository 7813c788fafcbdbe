"""One ONNX model with its session, fed NCHW float32 batches.

Sessions are built once per engine and reused for every image; a model whose batch axis is fixed is fed one
image at a time, a dynamic one in batches.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

from model_training.preprocess import resample_canvas

from cxr_ai.engine.errors import PipelineSpecError


class OnnxModel:
    def __init__(self, name: str, path: Path, session: ort.InferenceSession, entry: dict[str, Any]) -> None:
        self.name = name
        self.path = path
        self.session = session
        self.input_name = session.get_inputs()[0].name
        self.size = int(entry["input"]["size"])
        batch_axis = session.get_inputs()[0].shape[0]
        self.dynamic_batch = not isinstance(batch_axis, int)
        output = entry.get("output", {})
        self.activation = output.get("activation", "none") if isinstance(output, dict) else "none"
        if self.activation not in ("none", "sigmoid"):
            raise PipelineSpecError(f"{path}: output.activation must be 'none' or 'sigmoid', got {self.activation!r}")

    @property
    def provider(self) -> str:
        return self.session.get_providers()[0]

    def run(self, batch: np.ndarray) -> np.ndarray:
        """(N, C, S, S) float32 → (N, S, S) float32 (first output channel, after the manifest's activation)."""
        batch = np.ascontiguousarray(batch, dtype=np.float32)
        if self.dynamic_batch:
            outputs = self._run_once(batch)
        else:
            outputs = np.concatenate([self._run_once(batch[i : i + 1]) for i in range(len(batch))])
        if self.activation == "sigmoid":
            outputs = 1.0 / (1.0 + np.exp(-outputs))
        return outputs.astype(np.float32)

    def score(self, batch: np.ndarray) -> np.ndarray:
        """(N, C, P, P) float32 → (N,) float32: one score per patch (the candidate classifier's output)."""
        batch = np.ascontiguousarray(batch, dtype=np.float32)
        parts = [batch] if self.dynamic_batch else [batch[i : i + 1] for i in range(len(batch))]
        outputs = np.concatenate([np.asarray(self.session.run(None, {self.input_name: part})[0]).reshape(-1)
                                  for part in parts])
        if outputs.shape != (len(batch),):
            raise PipelineSpecError(f"{self.path}: {outputs.shape[0]} scores for {len(batch)} patches")
        if self.activation == "sigmoid":
            outputs = 1.0 / (1.0 + np.exp(-outputs))
        return outputs.astype(np.float32)

    def run_on_canvas(self, batch: np.ndarray) -> np.ndarray:
        """Like ``run`` for canvases of any size: resampled to this model's size and its output back again."""
        canvas = batch.shape[-1]
        if canvas == self.size:
            return self.run(batch)
        return resample_canvas(self.run(resample_canvas(batch, self.size)), canvas)

    def _run_once(self, batch: np.ndarray) -> np.ndarray:
        output = np.asarray(self.session.run(None, {self.input_name: batch})[0])
        if output.ndim == 4:
            output = output[:, 0]
        if output.shape != (batch.shape[0],) + batch.shape[2:]:
            raise PipelineSpecError(f"{self.path}: output shape {output.shape} does not match input {batch.shape}")
        return output

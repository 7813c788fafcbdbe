"""The detector's input channels, stacked exactly as the AI engine stacks them (``pipeline.detector.inputs``).

``bone_suppressed`` comes from an exported bone ONNX model and ``lung_mask`` from an exported lung ONNX model
thresholded like the engine does; without a lung model the JSRT reference masks stand in (the config records
which, since reference masks are cleaner than what the engine will see).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import onnxruntime

from model_training.bone_residual import suppress_on_canvas
from model_training.detection.data import DetectionData
from model_training.preprocess import resample_canvas

GREY_CHANNELS = ("image", "bone_suppressed")


class OnnxMap:
    """An exported single-channel model run on canvases in small batches (CPU or CUDA provider as available)."""

    def __init__(self, path: str | Path) -> None:
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: model file for a detector input channel not found")
        providers = [p for p in ("CUDAExecutionProvider", "CPUExecutionProvider")
                     if p in onnxruntime.get_available_providers()]
        options = onnxruntime.SessionOptions()
        # concurrent fold runs (``cxr-train campaign``) share the cores out through OMP_NUM_THREADS; 0 = all cores
        options.intra_op_num_threads = int(os.environ.get("OMP_NUM_THREADS") or 0)
        self.session = onnxruntime.InferenceSession(str(path), options, providers=providers)
        self.input_name = self.session.get_inputs()[0].name
        self.size = self.session.get_inputs()[0].shape[-1]

    def model_size(self, canvases: np.ndarray) -> int:
        return self.size if isinstance(self.size, int) else canvases.shape[-1]

    def raw(self, inputs: np.ndarray, batch: int = 8) -> np.ndarray:
        """(N, m, m) at the model's own size → its (N, m, m) output."""
        outputs = [self.session.run(None, {self.input_name: inputs[i:i + batch, None].astype(np.float32)})[0]
                   for i in range(0, len(inputs), batch)]
        return np.concatenate(outputs)[:, 0].astype(np.float32)

    def __call__(self, canvases: np.ndarray) -> np.ndarray:
        """Run at the model's own input size, exactly as the engine does (``preprocess.resample_canvas``)."""
        return resample_canvas(self.raw(resample_canvas(canvases, self.model_size(canvases))), canvases.shape[-1])


def bone_suppressed(canvases: np.ndarray, bone_model: str) -> np.ndarray:
    """The engine's bone stage (``bone_residual.suppress_on_canvas``) on the detector's canvases."""
    model = OnnxMap(bone_model)
    return suppress_on_canvas(model.raw, canvases, model.model_size(canvases))


def lung_probability(data: DetectionData, lung_model: str) -> np.ndarray:
    """What post-processing treats as the lung map: the lung model's output, else the reference masks."""
    return OnnxMap(lung_model)(data.canvases) if lung_model else data.lungs


def stack_inputs(data: DetectionData, detector: dict, lung_threshold: float = 0.5) -> np.ndarray:
    """(N, C, S, S) float32 in ``detector['inputs']`` order."""
    channels = []
    for name in detector["inputs"]:
        if name == "image":
            channels.append(data.canvases)
        elif name == "bone_suppressed":
            channels.append(bone_suppressed(data.canvases, detector["bone_model"]))
        else:
            channels.append((lung_probability(data, detector["lung_model"]) >= lung_threshold).astype(np.float32))
    return np.stack(channels, axis=1).astype(np.float32)


def grey_channel_indices(inputs: list[str]) -> list[int]:
    return [index for index, name in enumerate(inputs) if name in GREY_CHANNELS]

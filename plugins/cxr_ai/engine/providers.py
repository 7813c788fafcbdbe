"""Choose the ONNX Runtime execution provider and session options.

``auto`` takes CUDA when onnxruntime-gpu can actually create a CUDA session here and CPU otherwise; an explicit
``cuda`` that cannot be honoured is an error rather than a silent fallback, so a benchmark or a batch run never
reports CPU figures as GPU ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import onnxruntime as ort

from cxr_ai.engine.errors import DeviceUnavailableError

DEVICES = ("auto", "cuda", "cpu")
CUDA = "CUDAExecutionProvider"
CPU = "CPUExecutionProvider"


def physical_cores() -> int:
    """Physical cores (hyper-threads share execution units, so more intra-op threads than cores only contend)."""
    try:
        import psutil
    except ImportError:
        return max(1, (os.cpu_count() or 2) // 2)
    return psutil.cpu_count(logical=False) or os.cpu_count() or 1


@dataclass(frozen=True)
class ProviderChoice:
    device: str  # "cuda" or "cpu", what sessions are built for
    providers: tuple[str, ...]
    warning: str | None = None


def choose_provider(device: str = "auto") -> ProviderChoice:
    if device not in DEVICES:
        raise DeviceUnavailableError(f"unknown device {device!r}; use one of {', '.join(DEVICES)}")
    cuda_listed = CUDA in ort.get_available_providers()
    if device == "cpu":
        return ProviderChoice("cpu", (CPU,))
    if device == "cuda" and not cuda_listed:
        raise DeviceUnavailableError(
            "--device cuda was requested but this ONNX Runtime has no CUDA provider "
            f"(available: {', '.join(ort.get_available_providers())}); install onnxruntime-gpu or use --device cpu"
        )
    if cuda_listed:
        return ProviderChoice("cuda", (CUDA, CPU))
    return ProviderChoice("cpu", (CPU,))


def session_options(device: str) -> ort.SessionOptions:
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    if device == "cpu":
        options.intra_op_num_threads = physical_cores()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    return options


def create_session(path: str, choice: ProviderChoice, requested: str) -> tuple[ort.InferenceSession, ProviderChoice]:
    """Build one session; when CUDA was only listed (no usable GPU) fall back for ``auto`` or raise for ``cuda``."""
    session = ort.InferenceSession(path, sess_options=session_options(choice.device), providers=list(choice.providers))
    if choice.device == "cuda" and CUDA not in session.get_providers():
        if requested == "cuda":
            raise DeviceUnavailableError(f"--device cuda: ONNX Runtime could not start CUDA for {path}")
        fallback = ProviderChoice("cpu", (CPU,), warning="CUDA provider listed but no usable GPU; running on CPU")
        return ort.InferenceSession(path, sess_options=session_options("cpu"), providers=[CPU]), fallback
    return session, choice

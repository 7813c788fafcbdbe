"""Headless nodule-detection engine: manifest-driven ONNX pipeline, post-processing and result cache (no Qt)."""

from cxr_ai.engine.engine import Engine, OperatingPointChoice
from cxr_ai.engine.errors import AiError, DeviceUnavailableError, ModelsNotInstalledError, PipelineSpecError
from cxr_ai.engine.result import Finding, ImageResult

__all__ = [
    "AiError",
    "DeviceUnavailableError",
    "Engine",
    "Finding",
    "ImageResult",
    "ModelsNotInstalledError",
    "OperatingPointChoice",
    "PipelineSpecError",
]

"""Headless nodule-detection engine: manifest-driven ONNX pipeline, post-processing and result cache (no Qt).

The names below are resolved on first use (PEP 562): ``from cxr_ai.engine.result import Finding``, which the
viewer plugin does at start-up, runs this file first, and importing ``Engine`` here pulled in ONNX Runtime, SciPy
and contourpy (about half a second) before the viewer's window could show. ``from cxr_ai.engine import Engine``
works as before.
"""

from importlib import import_module

_HOMES = {
    "Engine": "cxr_ai.engine.engine",
    "OperatingPointChoice": "cxr_ai.engine.engine",
    "AiError": "cxr_ai.engine.errors",
    "DeviceUnavailableError": "cxr_ai.engine.errors",
    "ModelsNotInstalledError": "cxr_ai.engine.errors",
    "PipelineSpecError": "cxr_ai.engine.errors",
    "Finding": "cxr_ai.engine.result",
    "ImageResult": "cxr_ai.engine.result",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)

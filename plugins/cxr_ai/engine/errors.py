"""Errors the engine raises; each message names the file or setting at fault so the user can act on it."""

from __future__ import annotations

from pathlib import Path

from model_training.manifest import ManifestError, ModelIntegrityError


class AiError(Exception):
    """Base of the engine's own errors (the manifest module's errors are re-exported below)."""


class ModelsNotInstalledError(AiError):
    """No manifest in the models folder: the viewer works on, without AI."""

    def __init__(self, manifest_path: Path) -> None:
        super().__init__(
            f"No AI models are installed: {manifest_path} does not exist. "
            "Install a model set there (or pass --models DIR / set CXR_AI_MODELS_DIR)."
        )
        self.manifest_path = manifest_path


class PipelineSpecError(AiError):
    """The manifest's ``pipeline`` section is missing, inconsistent, or asks for another preprocessing version."""


class DeviceUnavailableError(AiError):
    """The user asked explicitly for a device ONNX Runtime cannot use here."""


__all__ = [
    "AiError",
    "DeviceUnavailableError",
    "ManifestError",
    "ModelIntegrityError",
    "ModelsNotInstalledError",
    "PipelineSpecError",
]

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


class DetectorNotInstalledError(ModelsNotInstalledError):
    """A manifest lists models but no pipeline: the lung and bone models can ship before the detector does."""

    def __init__(self, manifest_path: Path, installed: list[str]) -> None:
        AiError.__init__(
            self,
            f"The model set in {manifest_path.parent} has no nodule detector yet (installed: "
            f"{', '.join(installed) or 'nothing'}; {manifest_path.name} has no 'pipeline' section). "
            "Nodule detection needs a complete model set; the viewer works as usual without it.",
        )
        self.manifest_path = manifest_path
        self.installed = installed


class PipelineSpecError(AiError):
    """The manifest's ``pipeline`` section is missing, inconsistent, or asks for another preprocessing version."""


class DeviceUnavailableError(AiError):
    """The user asked explicitly for a device ONNX Runtime cannot use here."""


__all__ = [
    "AiError",
    "DetectorNotInstalledError",
    "DeviceUnavailableError",
    "ManifestError",
    "ModelIntegrityError",
    "ModelsNotInstalledError",
    "PipelineSpecError",
]

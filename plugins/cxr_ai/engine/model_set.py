"""Find, verify and describe the installed model set.

Models are loaded only through the manifest and only after their SHA-256 matches, so a missing, half-copied or
edited file is refused with its name before any session is built.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from model_training.manifest import MANIFEST_NAME, ManifestError, find_entry, read_manifest, verified_model_path
from model_training.preprocess import PREPROCESSING_VERSION

from cxr_ai.engine.errors import DetectorNotInstalledError, ModelsNotInstalledError, PipelineSpecError
from cxr_ai.engine.spec import PipelineSpec, parse_pipeline

MODELS_DIR_ENV = "CXR_AI_MODELS_DIR"


def default_models_dir() -> Path:
    """``$CXR_AI_MODELS_DIR``, else the models an installed wheel carries (``cxr_ai/models``, mapped there from
    ``resources/models`` by pyproject.toml), else a checkout's ``resources/models`` (where the exporter writes)."""
    override = os.environ.get(MODELS_DIR_ENV)
    if override:
        return Path(override)
    package = Path(__file__).resolve().parents[1]
    installed = package / "models"
    if installed.is_dir():
        return installed
    return package.parents[1] / "resources" / "models"


@dataclass(frozen=True)
class ModelSet:
    """A verified model set: the pipeline, each model's path and manifest entry, and a version for the cache.

    ``input_size`` is the detector's canvas; the bone and lung models may have been trained at other sizes and run
    on that canvas resampled (``preprocess.resample_canvas``).
    """

    directory: Path
    spec: PipelineSpec
    paths: dict[str, Path]
    entries: dict[str, dict[str, Any]]
    input_size: int

    @property
    def version(self) -> str:
        """Pipeline version plus a digest of every model hash and of the parsed pipeline settings: a retrained file
        or a re-tuned threshold, post-processing or classifier weight with a forgotten bump still differs (the
        cache is keyed by it, and its stored findings carry the operating points of their day)."""
        hashes = "".join(entry["sha256"] for entry in self.entries.values())
        settings = json.dumps(asdict(self.spec), sort_keys=True)  # parsed: defaults filled, order-free
        digest = hashlib.sha256((hashes + settings).encode())
        return f"{self.spec.version}+{digest.hexdigest()[:12]}"

    def describe(self) -> dict[str, str]:
        """Model name → its own version, for result files (the loaded models, in the pipeline's order)."""
        return {name: str(entry["version"]) for name, entry in self.entries.items()}


def _read_document(manifest: Path) -> dict[str, Any]:
    try:
        return json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ManifestError(f"{manifest}: cannot read manifest ({error})") from error


def _model_names(document: dict[str, Any]) -> list[str]:
    return [str(entry.get("name")) for entry in document.get("models", [])]


def missing_for_detection(models_dir: Path) -> str | None:
    """Why nodule detection cannot run from ``models_dir`` (no manifest, or no detector pipeline yet), or None.

    A quick look for status lines, without hashing any file: ``load_model_set`` still verifies everything.
    """
    manifest = Path(models_dir) / MANIFEST_NAME
    if not manifest.is_file():
        return f"no models installed ({manifest})"
    try:
        document = _read_document(manifest)
    except ManifestError as error:
        return str(error)
    if "pipeline" not in document:
        installed = ", ".join(_model_names(document))
        return f"no nodule detector installed yet (models: {installed or 'none'})"
    return None


def load_model_set(models_dir: Path | None = None, output: str = "detection") -> ModelSet:
    """Read and verify the manifest in ``models_dir``; raises a clear error naming the offending file.

    ``output`` ``lungs`` or ``bones`` verifies only the models that map needs (``PipelineSpec.models_for``), so a
    set whose detector files are missing or being copied still gives it; the canvas size is still the detector's
    (read from its manifest entries), so the map equals the full pipeline's."""
    directory = Path(models_dir) if models_dir is not None else default_models_dir()
    manifest = directory / MANIFEST_NAME
    if not manifest.is_file():
        raise ModelsNotInstalledError(manifest)
    read_manifest(directory)  # validates every entry's fields
    document = _read_document(manifest)
    if "pipeline" not in document:
        raise DetectorNotInstalledError(manifest, _model_names(document))
    spec = parse_pipeline(document, str(manifest))
    paths: dict[str, Path] = {}
    entries: dict[str, dict[str, Any]] = {}
    for name in spec.models_for(output):
        paths[name], entries[name] = verified_model_path(directory, name)
    versions = {name: str(entry["input"]["preprocessing_version"]) for name, entry in entries.items()}
    wrong = {name: version for name, version in versions.items() if version != PREPROCESSING_VERSION}
    if wrong:
        raise PipelineSpecError(
            f"{manifest}: models {wrong} were trained with another preprocessing version than this "
            f"code's {PREPROCESSING_VERSION!r}; install matching models or software"
        )
    members = {int(find_entry(directory, name)["input"]["size"]) for name in spec.detector_members}
    if len(members) != 1:
        raise PipelineSpecError(f"{manifest}: the detector members must share one input size, got {sorted(members)}")
    return ModelSet(directory, spec, paths, entries, members.pop())

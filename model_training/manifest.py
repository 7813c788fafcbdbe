"""The models folder's ``manifest.json``: what each shipped ONNX file is, how to feed it, and its SHA-256.

Numpy/json only (no torch) so the AI plugin reads the same file the exporter writes. A model whose file does not
match its recorded hash is refused: a half-copied or edited weight file must never produce findings. Evaluations
noted in an entry are written by :mod:`model_training.manifest_evaluations`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
LICENCE_NOTE = "research use; not for clinical use"
REQUIRED_KEYS = ("name", "task", "version", "file", "sha256", "input", "output", "training_data", "metrics", "licence")
REQUIRED_INPUT_KEYS = ("size", "channels", "preprocessing_version")


class ManifestError(ValueError):
    """The manifest is missing, malformed, or does not describe the requested model."""


class ModelIntegrityError(ManifestError):
    """A model file is missing or its SHA-256 differs from the manifest."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def validate_entry(entry: dict[str, Any], source: str = "entry") -> None:
    """Raise ``ManifestError`` naming ``source`` and the first missing field."""
    missing = [key for key in REQUIRED_KEYS if key not in entry]
    if missing:
        raise ManifestError(f"{source}: model entry {entry.get('name', '?')!r} lacks {', '.join(missing)}")
    missing_input = [key for key in REQUIRED_INPUT_KEYS if key not in entry["input"]]
    if missing_input:
        raise ManifestError(f"{source}: model {entry['name']!r} input spec lacks {', '.join(missing_input)}")
    if Path(entry["file"]).name != entry["file"]:
        raise ManifestError(f"{source}: model {entry['name']!r} file must be a bare name, got {entry['file']!r}")


def read_document(models_dir: Path) -> dict[str, Any]:
    """The whole manifest document (a fresh one when there is none), checked for format and valid entries."""
    path = Path(models_dir) / MANIFEST_NAME
    if not path.exists():
        return {"format": MANIFEST_FORMAT, "models": []}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ManifestError(f"{path}: cannot read manifest ({error})") from error
    if not isinstance(document, dict) or document.get("format") != MANIFEST_FORMAT:
        raise ManifestError(f"{path}: not a manifest of format {MANIFEST_FORMAT}")
    models = document.setdefault("models", [])
    if not isinstance(models, list):
        raise ManifestError(f"{path}: 'models' must be a list")
    for entry in models:
        validate_entry(entry, str(path))
    return document


def write_document(models_dir: Path, document: dict[str, Any]) -> Path:
    """Replace the manifest atomically (write a sibling, then rename) so readers never see half a file."""
    models_dir = Path(models_dir)
    models_dir.mkdir(parents=True, exist_ok=True)
    path = models_dir / MANIFEST_NAME
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(document, indent=2) + "\n", "utf-8")
    temporary.replace(path)
    return path


def read_manifest(models_dir: Path) -> list[dict[str, Any]]:
    """All model entries of ``models_dir/manifest.json`` (empty list when there is no manifest yet)."""
    return read_document(models_dir)["models"]


def read_pipeline(models_dir: Path) -> dict[str, Any] | None:
    """The top-level ``pipeline`` section the AI engine reads, or None when none has been written."""
    return read_document(models_dir).get("pipeline")


def find_entry(models_dir: Path, name: str) -> dict[str, Any]:
    for entry in read_manifest(models_dir):
        if entry["name"] == name:
            return entry
    raise ManifestError(f"{Path(models_dir) / MANIFEST_NAME}: no model named {name!r}")


def write_entry(models_dir: Path, entry: dict[str, Any]) -> Path:
    """Add or replace (by name) one entry. Every other top-level key (the engine's ``pipeline``, or keys a later
    format adds) is kept: re-exporting one model must not wipe settings another tool wrote."""
    validate_entry(entry)
    document = read_document(models_dir)
    models = [existing for existing in document["models"] if existing["name"] != entry["name"]]
    models.append(entry)
    document["models"] = sorted(models, key=lambda item: item["name"])
    return write_document(models_dir, document)


def write_pipeline(models_dir: Path, pipeline: dict[str, Any]) -> Path:
    """Set (replace) the top-level ``pipeline`` section, keeping the model entries and any other keys.

    Only the shape is checked here (a JSON object); ``cxr_ai.engine.spec.parse_pipeline`` validates the content,
    and the training package must not import the plugin.
    """
    if not isinstance(pipeline, dict):
        raise ManifestError(f"pipeline must be a JSON object (dict), got {type(pipeline).__name__}")
    try:
        json.dumps(pipeline)
    except (TypeError, ValueError) as error:
        raise ManifestError(f"pipeline is not JSON-serialisable ({error})") from error
    document = read_document(models_dir)
    document["pipeline"] = pipeline
    return write_document(models_dir, document)


def verified_model_path(models_dir: Path, name: str) -> tuple[Path, dict[str, Any]]:
    """Path of model ``name`` and its entry, after checking the file's SHA-256 against the manifest."""
    entry = find_entry(models_dir, name)
    path = Path(models_dir) / entry["file"]
    if not path.is_file():
        raise ModelIntegrityError(f"{path}: model file for {name!r} is missing")
    actual = sha256_file(path)
    if actual != entry["sha256"]:
        raise ModelIntegrityError(f"{path}: SHA-256 {actual} does not match the manifest's {entry['sha256']}")
    return path, entry

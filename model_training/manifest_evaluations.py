"""Noting an evaluation of an installed model in its manifest entry, so a model card's figures travel with the file.

Kept apart from the manifest's own reading and writing (:mod:`model_training.manifest`, which the AI plugin reads
too): this is bookkeeping of ``cxr-train evaluate``, and it must attach numbers only to the exact file they were
measured on, never to a retrained file under the same name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from model_training.manifest import ManifestError, read_document, sha256_file, write_document


def record_evaluation(model_path: Path, split: str, metrics: dict[str, Any], record_file: Path) -> bool:
    """Note an evaluation of an installed model in its manifest entry (``evaluations[split]``), so the figures a
    model card quotes travel with the file they describe. Only for the exact file the manifest hashes; returns
    False (and changes nothing) for a model outside a manifest folder."""
    model_path = Path(model_path)
    try:
        document = read_document(model_path.parent)
    except ManifestError:
        return False
    entry = next((item for item in document["models"] if item["file"] == model_path.name), None)
    if entry is None or sha256_file(model_path) != entry["sha256"]:
        return False
    root = Path(__file__).resolve().parents[1]
    record = Path(record_file).resolve()
    cited = str(record.relative_to(root)) if record.is_relative_to(root) else str(record)
    entry.setdefault("evaluations", {})[split] = {"metrics": metrics, "record": cited}
    write_document(model_path.parent, document)
    return True

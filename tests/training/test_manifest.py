"""Manifest writing, reading and SHA-256 verification."""

import pytest

from model_training import manifest


def _entry(name: str, file: str, sha: str) -> dict:
    return {"name": name, "task": "lung", "version": "1", "file": file, "sha256": sha,
            "input": {"size": 64, "channels": 1, "preprocessing_version": "1"}, "output": {}, "training_data": {},
            "metrics": {}, "licence": manifest.LICENCE_NOTE}


def test_written_model_verifies_and_a_tampered_file_is_refused(tmp_path):
    model = tmp_path / "lung.onnx"
    model.write_bytes(b"weights")
    manifest.write_entry(tmp_path, _entry("lung", "lung.onnx", manifest.sha256_file(model)))
    manifest.write_entry(tmp_path, _entry("other", "other.onnx", "0" * 64))
    path, entry = manifest.verified_model_path(tmp_path, "lung")
    assert path == model and entry["licence"] == "research use; not for clinical use"
    assert [e["name"] for e in manifest.read_manifest(tmp_path)] == ["lung", "other"]
    model.write_bytes(b"weightz")
    with pytest.raises(manifest.ModelIntegrityError, match="does not match"):
        manifest.verified_model_path(tmp_path, "lung")
    with pytest.raises(manifest.ModelIntegrityError, match="missing"):
        manifest.verified_model_path(tmp_path, "other")


def test_bad_manifests_are_reported_with_their_path(tmp_path):
    (tmp_path / manifest.MANIFEST_NAME).write_text("{not json")
    with pytest.raises(manifest.ManifestError, match="manifest.json"):
        manifest.read_manifest(tmp_path)
    with pytest.raises(manifest.ManifestError, match="lacks"):
        manifest.write_entry(tmp_path / "x", {"name": "a"})
    with pytest.raises(manifest.ManifestError, match="bare name"):
        manifest.write_entry(tmp_path / "y", _entry("a", "../a.onnx", "0"))

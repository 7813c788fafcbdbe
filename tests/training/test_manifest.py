"""Manifest writing, reading and SHA-256 verification."""

import json

import pytest

from model_training import manifest
from model_training.manifest_evaluations import record_evaluation


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


PIPELINE = {"version": "0.1.0", "lung_segmentation": "lung", "detector": {"members": ["det"]},
            "operating_points": {"sens": 0.3, "spec": 0.7}}


def test_write_entry_keeps_the_pipeline_and_unknown_top_level_keys(tmp_path):
    manifest.write_entry(tmp_path, _entry("lung", "lung.onnx", "0" * 64))
    manifest.write_pipeline(tmp_path, PIPELINE)
    document = json.loads((tmp_path / manifest.MANIFEST_NAME).read_text())
    document["future_key"] = {"kept": True}
    (tmp_path / manifest.MANIFEST_NAME).write_text(json.dumps(document))
    manifest.write_entry(tmp_path, _entry("bone", "bone.onnx", "1" * 64))  # re-exporting must not wipe them
    manifest.write_entry(tmp_path, _entry("lung", "lung.onnx", "2" * 64))
    document = json.loads((tmp_path / manifest.MANIFEST_NAME).read_text())
    assert document["pipeline"] == PIPELINE and document["future_key"] == {"kept": True}
    assert [(e["name"], e["sha256"][0]) for e in document["models"]] == [("bone", "1"), ("lung", "2")]
    assert manifest.read_pipeline(tmp_path) == PIPELINE
    assert not list(tmp_path.glob("*.tmp"))  # the atomic write leaves no temporary behind


def test_write_pipeline_replaces_only_the_pipeline(tmp_path):
    assert manifest.read_pipeline(tmp_path) is None
    manifest.write_pipeline(tmp_path, PIPELINE)  # works before any model is exported
    assert manifest.read_manifest(tmp_path) == []
    manifest.write_entry(tmp_path, _entry("lung", "lung.onnx", "0" * 64))
    manifest.write_pipeline(tmp_path, {**PIPELINE, "version": "0.2.0"})
    assert manifest.read_pipeline(tmp_path)["version"] == "0.2.0"
    assert [e["name"] for e in manifest.read_manifest(tmp_path)] == ["lung"]
    with pytest.raises(manifest.ManifestError, match="JSON object"):
        manifest.write_pipeline(tmp_path, ["not", "a", "dict"])
    with pytest.raises(manifest.ManifestError, match="serialisable"):
        manifest.write_pipeline(tmp_path, {"version": object()})
    assert manifest.read_pipeline(tmp_path)["version"] == "0.2.0"  # a refused write leaves the file as it was


def test_evaluations_are_noted_only_for_the_file_the_manifest_hashes(tmp_path):
    model = tmp_path / "lung.onnx"
    model.write_bytes(b"weights")
    manifest.write_entry(tmp_path, _entry("lung", "lung.onnx", manifest.sha256_file(model)))
    record = tmp_path / "lung-evaluate.json"
    assert record_evaluation(model, "test", {"dice": 0.98}, record)
    assert record_evaluation(model, "fold 0", {"dice": 0.97}, record)
    evaluations = manifest.find_entry(tmp_path, "lung")["evaluations"]
    assert evaluations["test"] == {"metrics": {"dice": 0.98}, "record": str(record)}
    assert evaluations["fold 0"]["metrics"] == {"dice": 0.97}
    model.write_bytes(b"retrained")  # another file under the same name: its numbers must not be attached
    assert not record_evaluation(model, "test", {"dice": 0.5}, record)
    assert manifest.find_entry(tmp_path, "lung")["evaluations"]["test"]["metrics"] == {"dice": 0.98}
    loose = tmp_path / "elsewhere" / "model.onnx"
    loose.parent.mkdir()
    loose.write_bytes(b"x")
    assert not record_evaluation(loose, "test", {}, record)

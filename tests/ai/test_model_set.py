"""Models load only through the manifest after their SHA-256 check; refusals name the file and the reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cxr_ai.engine import Engine, ModelsNotInstalledError, PipelineSpecError
from cxr_ai.engine.errors import ModelIntegrityError
from cxr_ai.engine.model_set import MODELS_DIR_ENV, default_models_dir, load_model_set
from tests.ai.model_factory import build_model_set


@pytest.fixture
def own_models(tmp_path: Path, model_dir: Path) -> Path:
    return Path(shutil.copytree(model_dir, tmp_path / "models"))


def test_no_manifest_names_the_manifest_path(tmp_path: Path) -> None:
    with pytest.raises(ModelsNotInstalledError) as raised:
        Engine(tmp_path / "empty")
    assert str(tmp_path / "empty" / "manifest.json") in str(raised.value)


def test_tampered_model_is_refused_naming_the_file(own_models: Path) -> None:
    with open(own_models / "detector1.onnx", "ab") as stream:
        stream.write(b"\0")
    with pytest.raises(ModelIntegrityError, match=r"detector1\.onnx.*SHA-256.*does not match"):
        Engine(own_models)


def test_missing_model_is_refused_naming_the_file(own_models: Path) -> None:
    (own_models / "lung.onnx").unlink()
    with pytest.raises(ModelIntegrityError, match=r"lung\.onnx.*missing"):
        load_model_set(own_models)


def test_preprocessing_version_mismatch_is_refused(tmp_path: Path) -> None:
    directory = build_model_set(tmp_path / "old", preprocessing_version="0")
    with pytest.raises(PipelineSpecError, match="another preprocessing version"):
        load_model_set(directory)


def test_pipeline_naming_an_unknown_augmentation_is_refused(own_models: Path) -> None:
    manifest = own_models / "manifest.json"
    document = json.loads(manifest.read_text())
    document["pipeline"]["detector"]["tta"] = ["rotate90"]
    manifest.write_text(json.dumps(document))
    with pytest.raises(PipelineSpecError, match="detector.tta"):
        load_model_set(own_models)


def test_model_version_covers_pipeline_version_and_hashes(model_dir: Path, tmp_path: Path) -> None:
    first = load_model_set(model_dir)
    second = load_model_set(build_model_set(tmp_path / "v2", version="test-2"))
    assert first.version.startswith("test-1+") and second.version.startswith("test-2+")
    assert first.describe() == {"bone": "0.0.1-test", "lung": "0.0.1-test", "detector0": "0.0.1-test",
                                "detector1": "0.0.1-test"}


def test_models_dir_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(MODELS_DIR_ENV, str(tmp_path))
    assert default_models_dir() == tmp_path
    monkeypatch.delenv(MODELS_DIR_ENV)
    assert default_models_dir().parts[-2:] == ("resources", "models")


def test_lung_and_bone_without_a_detector_say_the_detector_is_missing(own_models: Path) -> None:
    """The lung and bone models ship before the detector: the message must say what is missing, not 'corrupt'."""
    manifest = own_models / "manifest.json"
    document = json.loads(manifest.read_text())
    del document["pipeline"]
    document["models"] = [entry for entry in document["models"] if not entry["name"].startswith("detector")]
    manifest.write_text(json.dumps(document))
    with pytest.raises(ModelsNotInstalledError, match=r"no nodule detector yet \(installed: bone, lung"):
        load_model_set(own_models)


def test_status_check_names_what_detection_lacks(own_models: Path, tmp_path: Path) -> None:
    from cxr_ai.engine.model_set import missing_for_detection

    assert missing_for_detection(own_models) is None
    assert "no models installed" in missing_for_detection(tmp_path / "nothing")
    manifest = own_models / "manifest.json"
    document = json.loads(manifest.read_text())
    del document["pipeline"]
    manifest.write_text(json.dumps(document))
    assert missing_for_detection(own_models).startswith("no nodule detector installed yet (models: bone, detector0")


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("postprocessing", "candidate_floor", 1.5, r"candidate_floor must be a number in \(0.0, 1.0\]"),
        ("postprocessing", "region_fraction", 0.0, r"region_fraction must be a number in \(0.0, 1.0\]"),
        ("postprocessing", "peak_distance_mm", -5, r"peak_distance_mm must be a number"),
        ("postprocessing", "max_findings", 2.5, r"max_findings must be an integer in \[1, 1000\]"),
        ("postprocessing", "min_area_mm2", "10", r"min_area_mm2 must be a number"),
        ("sens", "threshold", 0.01, r"operating_points.sens.threshold must lie between the candidate floor"),
    ],
)
def test_out_of_range_pipeline_setting_is_refused_naming_it(
    own_models: Path, section: str, key: str, value: object, message: str
) -> None:
    manifest = own_models / "manifest.json"
    document = json.loads(manifest.read_text())
    pipeline = document["pipeline"]
    target = pipeline["operating_points"][section] if section == "sens" else pipeline.setdefault(section, {})
    target[key] = value
    manifest.write_text(json.dumps(document))
    with pytest.raises(PipelineSpecError, match=message):
        load_model_set(own_models)


def test_lung_filter_switched_off_as_training_exports_it_loads(own_models: Path) -> None:
    from model_training.detection.candidates import engine_postprocessing
    from model_training.detection.settings import DETECTOR_DEFAULTS

    manifest = own_models / "manifest.json"
    document = json.loads(manifest.read_text())
    post = engine_postprocessing(DETECTOR_DEFAULTS["post"] | {"lung_fp_reduction": False})
    document["pipeline"]["postprocessing"] = post
    manifest.write_text(json.dumps(document))
    assert load_model_set(own_models).spec.post.lung_dilation_mm == post["lung_dilation_mm"] > 1000

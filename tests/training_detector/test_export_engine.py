"""Key integration: a 2-member ensemble exported with OOF-tuned settings is loaded and run by the AI engine."""

import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from cxr_ai.engine import Engine  # noqa: E402
from cxr_ai.engine.image_input import EngineInput  # noqa: E402
from cxr_viewer.core.calibration import PixelSpacing, SpacingSource  # noqa: E402
from model_training import jsrt, manifest  # noqa: E402
from model_training.detection.channels import OnnxMap, stack_inputs  # noqa: E402
from model_training.detection.data import phantom_detection_data  # noqa: E402
from model_training.detection.evaluate import engine_marks, evaluate_oof  # noqa: E402
from model_training.detection.froc_summary import summarise  # noqa: E402
from model_training.detection.export import export_ensemble  # noqa: E402
from model_training.detection.oof import fold_checkpoints, out_of_fold  # noqa: E402
from model_training.detection.predict import load_detector, predict_maps  # noqa: E402
from model_training.detection.report import ablation_table, froc_report  # noqa: E402
from model_training.preprocess import preprocess  # noqa: E402
from model_training.records import write_record  # noqa: E402
from tests.training_detector.conftest import models_with_tiny_lung  # noqa: E402


@pytest.fixture(scope="module")
def oof_record(fold_runs, tmp_path_factory):
    result = evaluate_oof([fold_runs], jsrt.shared_root(), "tiny", tta=["identity", "hflip"],
                          post_overrides={"candidate_floor": 0.01}, tune=True, replicates=20)
    return write_record(result, tmp_path_factory.mktemp("results"))


def test_exported_ensemble_runs_in_the_engine_and_matches_training_maps(fold_runs, oof_record, tiny_lung_models,
                                                                        tmp_path):
    models_dir = models_with_tiny_lung(tiny_lung_models, tmp_path / "models")
    checkpoints = fold_checkpoints(fold_runs)
    pipeline = export_ensemble(checkpoints, models_dir, oof_record, "0.0.1-test", "lung-tiny",
                               tta=["identity", "hflip"])
    tuned = json.loads(oof_record.read_text())["tuned"]
    engine = Engine(models_dir, device="cpu", cache=None)
    assert engine.spec.detector_members == ("nodule-det-m0", "nodule-det-m1")
    assert engine.spec.tta == ("identity", "hflip")
    assert engine.spec.operating_points["sens"].threshold == tuned["operating_points"]["sens"]["threshold"]
    assert engine.spec.post.min_area_mm2 == tuned["postprocessing"]["min_area_mm2"]
    assert pipeline["detector"]["inputs"] == ["image"]
    members = [entry for entry in manifest.read_manifest(models_dir) if entry["task"] == "nodule_detection"]
    assert [entry["training_data"]["device"] for entry in members] == ["cpu", "cpu"]
    from model_training.detection.model_card import model_card

    card = model_card([oof_record], models_dir)
    assert "- version 0.0.1-test: 2 members (nodule-det-m0, nodule-det-m1)" in card
    assert "trained on: cpu" in card and "test-time augmentation: identity, hflip" in card

    pixels = (phantom_detection_data(1, 64, seed=42).canvases[0] * 4000).astype(np.uint16)
    item = EngineInput(pixels, False, PixelSpacing(0.35 * 16, 0.35 * 16, SpacingSource.USER), "test:1", None, "syn")
    analysis = engine.analyse([item])[0]
    assert analysis.result.model_version.startswith("0.0.1-test+")
    canvas, _ = preprocess(pixels, 64)
    expected = np.zeros((64, 64))
    for checkpoint in checkpoints:
        model, state = load_detector(checkpoint)
        fake = phantom_detection_data(1, 64, seed=42)
        fake.canvases = canvas[None]
        expected += predict_maps(model, stack_inputs(fake, state["config"]["detector"]), ["identity", "hflip"])[0]
    assert np.abs(analysis.detection_probability - expected / 2).max() < 1e-4
    for finding in analysis.result.findings:
        assert finding.score >= engine.spec.post.candidate_floor
    phantom = phantom_detection_data(2, 64, seed=7)
    cases = [(case_id, canvas, lesions) for case_id, canvas, lesions in
             zip(phantom.case_ids, phantom.canvases, phantom.lesions)]
    images, described = engine_marks(models_dir, cases, phantom.pixel_mm[0])
    assert described["model_version"] == analysis.result.model_version and len(images) == 2
    assert all(len(image.marks) <= engine.spec.post.max_findings for image in images)
    assert summarise(images, replicates=0)["images"] == 2


def test_export_refuses_a_record_that_is_not_out_of_fold(fold_runs, oof_record, tmp_path):
    document = json.loads(oof_record.read_text()) | {"kind": "test"}
    fake = tmp_path / "test-record.json"
    fake.write_text(json.dumps(document))
    with pytest.raises(ValueError, match="not an out-of-fold"):
        export_ensemble(fold_checkpoints(fold_runs), tmp_path / "models", fake, "0", "lung-tiny")


def test_export_needs_the_training_device_stated_when_a_checkpoint_lacks_it(fold_runs, oof_record, tiny_lung_models,
                                                                            tmp_path):
    models_dir = models_with_tiny_lung(tiny_lung_models, tmp_path / "models")
    old = tmp_path / "old.pt"
    state = torch.load(fold_checkpoints(fold_runs)[0], map_location="cpu", weights_only=False)
    torch.save({key: value for key, value in state.items() if key not in ("device", "device_name")}, old)
    with pytest.raises(ValueError, match="--trained-on"):
        export_ensemble([old], models_dir, oof_record, "0", "lung-tiny")
    assert not list(models_dir.glob("nodule-det-*.onnx"))  # refused before any member was written
    with pytest.raises(ValueError, match="trained on 'cpu', not 'NVIDIA H100'"):
        export_ensemble(fold_checkpoints(fold_runs), models_dir, oof_record, "0", "lung-tiny", trained_on="NVIDIA H100")
    export_ensemble([old], models_dir, oof_record, "0", "lung-tiny", trained_on="cpu")
    assert manifest.find_entry(models_dir, "nodule-det-m0")["training_data"]["device"] == "cpu"


def test_reports_render_from_the_record(oof_record):
    result = json.loads(oof_record.read_text())
    report = froc_report(result)
    assert "| CPM |" in report and "sensitivity @ 0.125 FP/image" in report and "`sens`: threshold" in report
    table = ablation_table([oof_record, oof_record])
    assert table.count("\n| tiny | oof |") == 2 and "identity+hflip" in table


def test_model_card_is_written_from_records_and_admits_no_test_yet(oof_record, tmp_path):
    from model_training.detection.model_card import write_model_card

    card = write_model_card([oof_record], tmp_path / "MODEL_CARD.md").read_text()
    assert "Not evaluated on the test split yet" in card and "`sens`: threshold" in card and "| tiny | oof |" in card
    test_record = tmp_path / "test.json"
    test_record.write_text(json.dumps(json.loads(oof_record.read_text()) | {"kind": "test"}))
    with pytest.raises(ValueError, match="once"):
        write_model_card([test_record, test_record], tmp_path / "card.md")
    assert "Source: `test.json`" in write_model_card([oof_record, test_record], tmp_path / "card.md").read_text()


def test_oof_lung_map_can_come_from_another_lung_model_than_training_used(fold_runs, tiny_lung_models):
    lung_onnx = str(tiny_lung_models / "lung-tiny.onnx")  # only read
    trained_with = out_of_fold([fold_runs], jsrt.shared_root(), ["identity"])
    overridden = out_of_fold([fold_runs], jsrt.shared_root(), ["identity"], lung_model=lung_onnx)
    assert np.array_equal(trained_with.lungs, trained_with.data.lungs)  # the tiny folds trained on reference masks
    assert np.allclose(overridden.lungs, OnnxMap(lung_onnx)(overridden.data.canvases))
    assert not np.allclose(overridden.lungs, trained_with.lungs)
    assert np.array_equal(overridden.maps, trained_with.maps)  # the detector's maps do not depend on it
    result = evaluate_oof([fold_runs], jsrt.shared_root(), "tiny-lungs", tta=["identity"], replicates=0,
                          lung_model=lung_onnx)
    assert result["lung_model"] == lung_onnx

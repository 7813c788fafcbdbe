"""A detector trained on image + bone-suppressed channels (the CPU round 2 recipe) is exported with its bone model
and the AI engine feeds it the same bone channel training saw: the round's members are only worth training if this
path holds, so it is checked on a tiny run long before the round finishes."""

from types import SimpleNamespace

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from cxr_ai.engine import Engine  # noqa: E402
from cxr_ai.engine.image_input import EngineInput  # noqa: E402
from cxr_viewer.core.calibration import PixelSpacing, SpacingSource  # noqa: E402
from model_training import jsrt  # noqa: E402
from model_training.detection.channels import stack_inputs  # noqa: E402
from model_training.detection.data import phantom_detection_data  # noqa: E402
from model_training.detection.evaluate import evaluate_oof  # noqa: E402
from model_training.detection.export import export_ensemble  # noqa: E402
from model_training.detection.oof import fold_checkpoints  # noqa: E402
from model_training.detection.predict import load_detector, predict_maps  # noqa: E402
from model_training.detection.train import train_detector  # noqa: E402
from model_training.preprocess import preprocess  # noqa: E402
from model_training.records import write_record  # noqa: E402
from tests.training_detector.conftest import install_tiny_model, models_with_tiny_lung, tiny_config  # noqa: E402


def _amplify_bone_channel(checkpoint) -> None:
    """Three training steps leave a detector that barely reacts to its inputs; its first convolution's bone-channel
    weights are scaled up so that feeding it the wrong channel changes its map by more than the tolerance."""
    state = torch.load(checkpoint, map_location="cpu", weights_only=False)
    state["model"]["encoders.0.0.weight"][:, 1] *= 200.0
    torch.save(state, checkpoint)


@pytest.fixture(scope="module")
def bone_runs(tmp_path_factory, tiny_lung_models):
    """Tiny lung and bone models installed, and a 2-fold image + bone_suppressed detector run with its OOF record."""
    root = tmp_path_factory.mktemp("bone-channel")
    models_dir = models_with_tiny_lung(tiny_lung_models, root / "models")
    install_tiny_model("bone", "bone-tiny", 32, models_dir, root)  # not the detector's size: both sides resample
    detector = {"inputs": ["image", "bone_suppressed"], "bone_model": str(models_dir / "bone-tiny.onnx")}
    runs = root / "runs"
    for fold in (0, 1):
        train_detector(tiny_config(data={"fold": fold}, detector=detector), runs / f"fold{fold}", "cpu",
                       results_dir=root / "results")
        _amplify_bone_channel(runs / f"fold{fold}" / "checkpoint.pt")
    record = write_record(evaluate_oof([runs], jsrt.shared_root(), "tiny-bone", tta=["identity"],
                                       post_overrides={"candidate_floor": 0.01}, tune=True, replicates=0),
                          root / "results")
    return SimpleNamespace(root=root, models_dir=models_dir, detector=detector, runs=runs, record=record)


def test_a_bone_channel_detector_exports_and_the_engine_feeds_it_the_training_bone_channel(bone_runs):
    models_dir, detector = bone_runs.models_dir, bone_runs.detector
    checkpoints = fold_checkpoints(bone_runs.runs)
    pipeline = export_ensemble(checkpoints, models_dir, bone_runs.record, "0.0.1-bone", "lung-tiny",
                               bone_model="bone-tiny", tta=["identity"])
    assert pipeline["detector"]["inputs"] == ["image", "bone_suppressed"]
    assert pipeline["bone_suppression"] == {"model": "bone-tiny"}

    engine = Engine(models_dir, device="cpu", cache=None)
    pixels = (phantom_detection_data(1, 64, seed=3).canvases[0] * 4000).astype(np.uint16)
    item = EngineInput(pixels, False, PixelSpacing(5.6, 5.6, SpacingSource.USER), "test:1", None, "syn")
    analysis = engine.analyse([item])[0]
    canvas, _ = preprocess(pixels, 64)
    fake = phantom_detection_data(1, 64, seed=3)
    fake.canvases = canvas[None]
    training_channels = stack_inputs(fake, detector)
    assert np.abs(analysis.bone_suppressed - training_channels[0, 1]).max() < 1e-4
    assert np.abs(training_channels[0, 1] - canvas).max() > 1e-3  # the bone channel is not the image again
    image_twice = training_channels.copy()
    image_twice[:, 1] = canvas
    expected, without_bones = np.zeros((64, 64)), np.zeros((64, 64))
    for checkpoint in checkpoints:
        model, _ = load_detector(checkpoint)
        expected += predict_maps(model, training_channels, ["identity"])[0] / 2
        without_bones += predict_maps(model, image_twice, ["identity"])[0] / 2
    error = np.abs(analysis.detection_probability - expected).max()
    assert error < 1e-4
    assert error < 0.01 * np.abs(expected - without_bones).max()  # small enough to tell the channels apart


def test_export_refuses_bone_channel_members_without_their_bone_model(bone_runs):
    with pytest.raises(ValueError, match="--bone-model"):
        export_ensemble(fold_checkpoints(bone_runs.runs), bone_runs.models_dir, bone_runs.record, "0", "lung-tiny")


def test_export_refuses_another_bone_model_than_the_members_were_trained_with(bone_runs):
    install_tiny_model("bone", "bone-other", 48, bone_runs.models_dir, bone_runs.root)
    with pytest.raises(ValueError, match="not the installed 'bone-other'"):
        export_ensemble(fold_checkpoints(bone_runs.runs), bone_runs.models_dir, bone_runs.record, "0", "lung-tiny",
                        bone_model="bone-other", prefix="refused")
    assert not list(bone_runs.models_dir.glob("refused-*.onnx"))  # refused before any member was written

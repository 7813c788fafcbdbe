"""Bone-suppression evaluation through ONNX Runtime: phantom fidelity and nodule CNR, real-pair loading and
alignment, and the real pairs scored inside a lung region (from a lung model, or the documented fallback)."""

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper  # noqa: E402

from model_training import evaluate, real_pairs  # noqa: E402


def _onnx_model(path, size: int, node) -> str:
    """A real ONNX graph with the shipped models' interface: input 'image' [batch, 1, size, size]."""
    shape = ["batch", 1, size, size]
    graph = helper.make_graph(
        [node], "g", [helper.make_tensor_value_info("image", TensorProto.FLOAT, shape)],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, shape)],
        [helper.make_tensor("one", TensorProto.FLOAT, [], [1.0])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.save(model, path)
    return path


@pytest.fixture
def identity_model(tmp_path):
    return _onnx_model(tmp_path / "identity.onnx", 64, helper.make_node("Identity", ["image"], ["output"]))


@pytest.fixture
def threshold_lung_model(tmp_path):
    """1 − image: after preprocessing, the dark (air-filled) lungs score above 0.5. A crude but real segmenter."""
    return _onnx_model(tmp_path / "lung.onnx", 128, helper.make_node("Sub", ["one", "image"], ["output"]))


def test_identity_model_changes_nothing_on_phantom_pairs(identity_model):
    result = evaluate.evaluate_bone(identity_model, None, phantom_cases=3)
    scores = result["metrics"]
    assert scores["phantom_psnr_db"] == pytest.approx(scores["phantom_input_psnr_db"])
    assert scores["phantom_nodule_cnr_after"] == pytest.approx(scores["phantom_nodule_cnr_before"])
    assert 10 < scores["phantom_psnr_db"] < 60 and 0 < scores["phantom_ssim"] <= 1
    assert result["real_pairs"] == {}


def test_tiny_trained_bone_model_goes_through_export_and_evaluation(tmp_path):
    pytest.importorskip("torch")
    from model_training.config import load_config
    from model_training.export import export_checkpoint
    from model_training.trainer import train

    config = load_config(None, {"run": {"task": "bone", "epochs": 1, "batch_size": 2, "max_steps_per_epoch": 3},
                                "model": {"width": 4, "depth": 2},
                                "data": {"source": "phantom", "size": 64, "phantom_cases": 6, "validation_cases": 2}})
    train(config, tmp_path / "run", "cpu", results_dir=tmp_path / "results")
    export_checkpoint(tmp_path / "run" / "checkpoint.pt", tmp_path / "models", "bone", "0.0.1")
    scores = evaluate.evaluate_bone(tmp_path / "models" / "bone.onnx", None, phantom_cases=2)["metrics"]
    assert all(np.isfinite(value) for value in scores.values())
    assert scores["phantom_psnr_db"] != pytest.approx(scores["phantom_input_psnr_db"])  # the model did something


def test_alignment_recovers_a_shift_between_differently_sized_images():
    rng = np.random.default_rng(0)
    scene = rng.normal(size=(120, 130)).astype(np.float32)
    image, target = scene[10:110, 10:120], scene[12:105, 7:119]  # target offset by (2, -3) and a few px smaller
    cropped, aligned, shift = real_pairs.align(image, target)
    assert shift == (-2, 3)
    assert cropped.shape == aligned.shape and np.array_equal(cropped, aligned)


@pytest.mark.shared
def test_real_pairs_load_aligned_with_bones_bright(shared):
    pairs = {pair.name: pair for pair in real_pairs.load_real_pairs(shared)}
    assert len(pairs) == 11 and "bse_jsrt/JPCLN139" in pairs
    for pair in pairs.values():
        assert pair.image.shape == pair.target.shape and pair.image.ndim == 2
        assert np.corrcoef(pair.image.ravel(), pair.target.ravel())[0, 1] > 0.8
    bse = pairs["bse_jsrt/JPCLN139"].image
    lungs = bse[real_pairs.fallback_lung_region(bse.shape)].mean()
    mediastinum = bse[int(0.3 * bse.shape[0]) : int(0.6 * bse.shape[0]), int(0.47 * bse.shape[1]) : int(0.53 * bse.shape[1])]
    assert mediastinum.mean() > lungs + 20  # inverted on load: mediastinum bright, lungs dark


@pytest.mark.shared
def test_real_pairs_scored_in_a_lung_region(shared, identity_model, threshold_lung_model):
    fallback = evaluate.evaluate_bone(identity_model, shared, phantom_cases=1, lung_model=None)
    with_model = evaluate.evaluate_bone(identity_model, shared, phantom_cases=1, lung_model=threshold_lung_model)
    assert len(fallback["real_pairs"]) == len(with_model["real_pairs"]) == 11
    regions = [scores["region"] for scores in with_model["real_pairs"].values()]
    assert "lung model" in regions and set(regions) <= {"lung model", "fallback boxes"}  # tiny masks fall back
    assert {scores["region"] for scores in fallback["real_pairs"].values()} == {"fallback boxes"}
    for scores in with_model["real_pairs"].values():
        # identity removes no bone: the full-resolution residual returns the input (percentile-clipped), so the
        # 64 px canvas costs no detail and the scores equal the unsuppressed baseline's
        assert scores["psnr_db"] == pytest.approx(scores["input_psnr_db"], abs=0.5)
        assert scores["ssim"] == pytest.approx(scores["input_ssim"], abs=0.01)
        assert 10 < scores["psnr_db"] < 50
    assert np.isfinite(fallback["metrics"]["real_psnr_db"])

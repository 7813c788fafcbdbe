"""A 3-step detector run on phantom data, resume, pre-training + transfer, OOF over 2 folds, OOF-only tuning."""

import json
from types import SimpleNamespace

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from model_training import jsrt  # noqa: E402
from model_training.detection.candidates import image_marks  # noqa: E402
from model_training.detection.froc import match_image  # noqa: E402
from model_training.detection.oof import out_of_fold  # noqa: E402
from model_training.detection.train import train_detector  # noqa: E402
from model_training.detection import tuning  # noqa: E402
from model_training.detection.tuning import tune, tune_postprocessing  # noqa: E402
from tests.training_detector.conftest import tiny_config  # noqa: E402


def test_three_step_run_writes_checkpoint_and_record_then_resumes(tmp_path):
    config = tiny_config(mixup={"enabled": True}, sampling={"positive_fraction": 0.5})
    record = train_detector(config, tmp_path / "run", "cpu", results_dir=tmp_path / "results")
    state = torch.load(tmp_path / "run" / "checkpoint.pt", weights_only=False)
    assert state["epoch"] == 0 and state["objective"] == "detection" and state["config"]["mixup"]["enabled"]
    saved = json.loads(open(record["record_file"]).read())
    assert saved["task"] == "detector" and {"validation_loss", "cpm", "image_auc"} <= set(saved["metrics"])
    config["run"]["epochs"] = 2
    resumed = train_detector(config, tmp_path / "run", "cpu", resume=True, results_dir=tmp_path / "results")
    assert resumed["epochs_done"] == 2 and len(resumed["history"]) == 2 and resumed["finished"]


def test_a_checkpoint_of_an_unfinished_run_is_refused_for_evaluation_and_export(fold_runs, tmp_path):
    from model_training.detection.predict import load_detector

    stopped = train_detector(tiny_config(run={"epochs": 1000, "max_minutes": 1e-4}), tmp_path / "stopped", "cpu",
                             results_dir=tmp_path)
    assert not stopped["finished"] and stopped["epochs_done"] < 1000
    with pytest.raises(ValueError, match="has not finished"):
        load_detector(tmp_path / "stopped" / "checkpoint.pt")
    # the same tiny config run to its end: the session's fold-0 run (only read here)
    assert load_detector(fold_runs / "fold0" / "checkpoint.pt")[1]["finished"] is True


@pytest.mark.parametrize("mode", ["lung", "denoise", "masked", "phantom"])
def test_pretraining_modes_train_and_their_weights_transfer(mode, tmp_path):
    pre = train_detector(tiny_config(pretrain={"mode": mode}), tmp_path / "pre", "cpu", results_dir=tmp_path)
    assert pre["objective"] == f"pretrain-{mode}" and np.isfinite(pre["metrics"]["validation_loss"])
    seeded = tiny_config(pretrain={"checkpoint": str(tmp_path / "pre" / "checkpoint.pt")},
                         run={"max_steps_per_epoch": 1})
    assert train_detector(seeded, tmp_path / "det", "cpu", results_dir=tmp_path)["transferred_parameters"] > 10


def test_a_pretrained_run_resumes_after_its_pretraining_checkpoint_is_gone(tmp_path):
    train_detector(tiny_config(pretrain={"mode": "lung"}), tmp_path / "pre", "cpu", results_dir=tmp_path)
    seeded = tiny_config(pretrain={"checkpoint": str(tmp_path / "pre" / "checkpoint.pt")})
    first = train_detector(seeded, tmp_path / "det", "cpu", results_dir=tmp_path)
    (tmp_path / "pre" / "checkpoint.pt").unlink()  # a later session restores only the detection run's checkpoint
    seeded["run"]["epochs"] = 2
    resumed = train_detector(seeded, tmp_path / "det", "cpu", resume=True, results_dir=tmp_path)
    assert resumed["epochs_done"] == 2 and resumed["finished"]
    assert resumed["transferred_parameters"] == first["transferred_parameters"] > 10


def test_out_of_fold_covers_every_case_once(fold_runs):
    predictions = out_of_fold([fold_runs], jsrt.shared_root(), tta=["identity", "hflip"])
    assert sorted(predictions.data.case_ids) == sorted(f"phantom-0-{i}" for i in range(8))
    assert predictions.maps.shape == (8, 64, 64) and predictions.split == "oof"
    assert 0 <= predictions.maps.min() and predictions.maps.max() <= 1
    twice = out_of_fold([fold_runs, fold_runs], jsrt.shared_root(), tta=["identity", "hflip"])
    assert twice.members_per_image == 2 and np.allclose(twice.maps, predictions.maps, atol=1e-6)


def test_tuning_uses_only_out_of_fold_predictions(fold_runs):
    predictions = out_of_fold([fold_runs], jsrt.shared_root(), tta=["identity"])
    post = predictions.config["post"] | {"candidate_floor": 0.01}
    grid = {"min_area_mm2": [0.0, 50.0], "region_fraction": [0.5]}
    tuned = tune(predictions, post, sens_fp=2.0, spec_fp=0.25, grid=grid)
    images = image_marks(predictions.data, predictions.maps, predictions.lungs, tuned["post"])
    scores = {mark.score for image in images for mark in image.marks} | {1.0}
    for name, point in tuned["operating_points"].items():
        assert point["threshold"] in scores  # a threshold is always one of the OOF scores (or 1 = nothing passes)
        kept = [[m for m in image.marks if m.score >= point["threshold"]] for image in images]
        fps = sum(len(match_image(image.__class__(image.case_id, image.lesions, tuple(k))).fp_scores)
                  for image, k in zip(images, kept))
        assert fps / len(images) == pytest.approx(point["fp_per_image"])
        assert point["fp_per_image"] <= {"sens": 2.0, "spec": 0.25}[name]
    test_like = SimpleNamespace(**{**predictions.__dict__, "split": "test"})
    with pytest.raises(PermissionError, match="out-of-fold"):
        tune(test_like, post, grid=grid)


def test_grid_scored_in_forked_workers_matches_the_sequential_search(fold_runs, monkeypatch):
    predictions = out_of_fold([fold_runs], jsrt.shared_root(), tta=["identity"])
    post = predictions.config["post"] | {"candidate_floor": 0.01}
    grid = {"min_area_mm2": [0.0, 5.0, 50.0], "region_fraction": [0.3, 0.5]}
    sequential = tune_postprocessing(predictions, post, grid)
    started = []
    monkeypatch.setattr(tuning, "_workers", lambda trials: started.append(trials) or 2)
    assert tune_postprocessing(predictions, post, grid) == sequential and started == [6]
    assert tuning._SCORED is None  # the maps are not kept alive after tuning



@pytest.mark.parametrize("positive_fraction", [0.0, 0.5])  # shuffled, and oversampled as the shipped folds are
def test_a_run_stopped_by_its_time_cap_and_resumed_equals_one_uninterrupted_run(positive_fraction, tmp_path):
    """CPU folds outlast a session and are resumed in the next; the pilots' figures assume that changes nothing."""
    tricks = {"mixup": {"enabled": True}, "randaugment": {"enabled": True}, "insertion": {"enabled": True},
              "sampling": {"positive_fraction": positive_fraction}}
    whole = train_detector(tiny_config(run={"epochs": 3}, **tricks), tmp_path / "whole", "cpu",
                           results_dir=tmp_path / "results")
    stopped = train_detector(tiny_config(run={"epochs": 3, "max_minutes": 1e-6}, **tricks), tmp_path / "split",
                             "cpu", results_dir=tmp_path / "results")
    assert stopped["epochs_done"] == 1 and not stopped["finished"]
    resumed = train_detector(tiny_config(run={"epochs": 3}, **tricks), tmp_path / "split", "cpu", resume=True,
                             results_dir=tmp_path / "results")
    assert resumed["finished"] and resumed["epochs_done"] == 3
    assert [entry["train_loss"] for entry in resumed["history"]] == [entry["train_loss"] for entry in whole["history"]]
    weights_whole = torch.load(tmp_path / "whole" / "checkpoint.pt", weights_only=False)["model"]
    weights_split = torch.load(tmp_path / "split" / "checkpoint.pt", weights_only=False)["model"]
    assert all(torch.equal(weights_whole[name], weights_split[name]) for name in weights_whole)

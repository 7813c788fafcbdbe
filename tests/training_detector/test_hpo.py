"""A 2-trial Optuna TPE search on 2 tiny phantom folds, resumable from its journal."""

import json

import pytest

pytest.importorskip("optuna")
pytest.importorskip("torch")

from model_training import jsrt  # noqa: E402
from model_training.hpo import run_search  # noqa: E402
from tests.training_detector.conftest import tiny_config  # noqa: E402


def test_two_trial_search_scores_trials_and_resumes(tmp_path):
    base = tiny_config(run={"max_steps_per_epoch": 1})
    summary = run_search(base, tmp_path, trials=2, shared=jsrt.shared_root(), device="cpu", seed=3)
    assert summary["trials"] == 2 and 0.0 <= summary["best_value_oof_cpm"] <= 1.0
    assert set(summary["best_params"]) == {"learning_rate", "focal_gamma", "positive_fraction", "target", "mixup"}
    assert (tmp_path / f"trial-{0}" / "fold1" / "checkpoint.pt").exists()
    assert json.loads((tmp_path / "best.json").read_text())["trials"] == 2
    again = run_search(base, tmp_path, trials=1, shared=jsrt.shared_root(), device="cpu", seed=3)
    assert again["trials"] == 3

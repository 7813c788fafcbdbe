"""Hyper-parameter search for the detector: Optuna TPE over a small space, scored by out-of-fold CPM.

Each trial trains every fold of its configuration under ``OUT/trial-<n>/fold<k>`` and scores the OOF maps with the
engine's post-processing (no tuning, no bootstrap). The study lives in a journal file beside the trials, so a
search cut off by a 10-minute device call continues where it stopped when run again with the same folder.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import optuna
from optuna.storages import JournalStorage
from optuna.storages.journal import JournalFileBackend

from model_training.config import merge
from model_training.detection.evaluate import evaluate_oof
from model_training.detection.train import train_detector


def suggest(trial: optuna.Trial) -> dict:
    """The searched space: optimiser step, loss, imbalance handling, target shape, Mixup."""
    return {"run": {"learning_rate": trial.suggest_float("learning_rate", 3e-4, 3e-3, log=True)},
            "loss": {"focal_gamma": trial.suggest_float("focal_gamma", 0.0, 3.0)},
            "sampling": {"positive_fraction": trial.suggest_categorical("positive_fraction", [0.0, 0.5, 0.7])},
            "detector": {"target": trial.suggest_categorical("target", ["gaussian", "disc"])},
            "mixup": {"enabled": trial.suggest_categorical("mixup", [False, True])}}


def run_search(base: dict, out_dir: Path, trials: int, shared: Path, device: str = "auto", seed: int = 0) -> dict:
    """Run ``trials`` more TPE trials (resuming the study in ``out_dir``); returns the best settings and score."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    storage = JournalStorage(JournalFileBackend(str(out_dir / "study.journal")))
    study = optuna.create_study(study_name="detector", storage=storage, direction="maximize", load_if_exists=True,
                                sampler=optuna.samplers.TPESampler(seed=seed, n_startup_trials=min(5, trials)))

    def objective(trial: optuna.Trial) -> float:
        config = merge(copy.deepcopy(base), suggest(trial))
        root = out_dir / f"trial-{trial.number}"
        for fold in range(config["data"]["folds"]):
            fold_config = merge(config, {"data": {"fold": fold}})
            train_detector(fold_config, root / f"fold{fold}", device, shared=shared, results_dir=root / "records")
        result = evaluate_oof([root], shared, f"hpo trial {trial.number}", replicates=0, device="cpu")
        trial.set_user_attr("run_root", str(root))
        return float(result["metrics"]["cpm"])

    study.optimize(objective, n_trials=trials)
    summary = {"best_value_oof_cpm": study.best_value, "best_params": study.best_params,
               "best_run_root": study.best_trial.user_attrs.get("run_root"), "trials": len(study.trials),
               "space": "learning_rate, focal_gamma, positive_fraction, target, mixup"}
    (out_dir / "best.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary

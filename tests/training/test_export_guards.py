"""``cxr-train export`` refuses a ``--record`` of another run (its metrics would be cited in the manifest for
weights that never produced them) and a checkpoint exported under the other shipped model's name."""

from __future__ import annotations

import pytest

pytest.importorskip("torch")

from model_training import cli  # noqa: E402
from model_training.config import load_config  # noqa: E402
from model_training.trainer import train  # noqa: E402

TINY = {"run": {"epochs": 1, "batch_size": 2, "max_steps_per_epoch": 1},
        "model": {"width": 4, "depth": 2}, "data": {"source": "phantom", "size": 64, "phantom_cases": 6,
                                                   "validation_cases": 2}}


def _run(tmp_path, name: str, task: str = "lung", seed: int = 0) -> dict:
    config = load_config(None, {**TINY, "run": {**TINY["run"], "task": task, "seed": seed}})
    return train(config, tmp_path / name, "cpu", results_dir=tmp_path / "results")


def test_export_refuses_the_record_of_another_run_and_cites_its_own(tmp_path, capsys):
    mine, other = _run(tmp_path, "mine"), _run(tmp_path, "other", seed=1)
    models = tmp_path / "models"
    assert cli.main(["export", mine["checkpoint"], "--name", "lung_test", "--models-dir", str(models),
                     "--record", other["record_file"]]) == 2
    error = capsys.readouterr().err
    assert "--record is not this checkpoint's run" in error and "run.seed: 1 → 0" in error
    assert not (models / "manifest.json").exists()
    assert cli.main(["export", mine["checkpoint"], "--name", "lung_test", "--models-dir", str(models),
                     "--record", mine["record_file"]]) == 0
    assert (models / "manifest.json").is_file()


def test_a_bone_checkpoint_is_not_exported_as_the_lung_model(tmp_path, capsys):
    bone = _run(tmp_path, "bone", task="bone")
    assert cli.main(["export", bone["checkpoint"], "--name", "lung_unet", "--models-dir", str(tmp_path / "m")]) == 2
    assert "lung_unet is the shipped lung model's name; this checkpoint is a bone model" in capsys.readouterr().err

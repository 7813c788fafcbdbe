"""A tiny 2-fold detector run on phantom data (64 px, 3 steps per fold), trained once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("torch")

from model_training.config import load_config  # noqa: E402
from model_training.detection.settings import load_detector_config  # noqa: E402
from model_training.detection.train import train_detector  # noqa: E402
from model_training.export import export_checkpoint  # noqa: E402
from model_training.trainer import train  # noqa: E402

TINY = {"run": {"epochs": 1, "batch_size": 2, "max_steps_per_epoch": 3},
        "model": {"width": 4, "depth": 2, "dilations": [1, 2]},
        "data": {"source": "phantom", "size": 64, "phantom_cases": 8, "folds": 2}}


def tiny_toml(phantom_cases: int) -> str:
    """A TOML config file's text for a tiny 2-fold phantom run (for the command-line and subprocess paths)."""
    return f"""extends = "detector"
[run]
epochs = 1
batch_size = 2
max_steps_per_epoch = 2
[model]
width = 4
depth = 2
dilations = [1, 2]
[data]
source = "phantom"
size = 64
phantom_cases = {phantom_cases}
folds = 2
"""


def tiny_config(**sections) -> dict:
    overrides = {key: dict(value) for key, value in TINY.items()}
    for name, values in sections.items():
        overrides[name] = overrides.get(name, {}) | values
    return load_detector_config(None, overrides)


@pytest.fixture(scope="session")
def fold_runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``root/fold0`` and ``root/fold1`` with a checkpoint each."""
    root = tmp_path_factory.mktemp("detector-runs")
    for fold in (0, 1):
        train_detector(tiny_config(data={"fold": fold}), root / f"fold{fold}", "cpu", results_dir=root / "results")
    return root


def install_tiny_model(task: str, name: str, size: int, models_dir: Path, work: Path) -> None:
    """A one-step ``task`` model (lung or bone) exported into ``models_dir`` as ``name``: exports need an installed
    lung (and bone) model, and the shipped ones are too slow for unit tests."""
    config = load_config(None, {"run": {"task": task, "epochs": 1, "batch_size": 2, "max_steps_per_epoch": 1},
                                "model": {"width": 4, "depth": 2},
                                "data": {"source": "phantom", "size": size, "phantom_cases": 4, "validation_cases": 1}})
    train(config, work / name, "cpu", results_dir=work)
    export_checkpoint(work / name / "checkpoint.pt", models_dir, name, "0.0.1")


@pytest.fixture(scope="session")
def tiny_lung_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models folder holding only ``lung-tiny`` (64 px), trained and exported once per session: several export
    tests need the same one. Tests that write into their models folder take a copy (:func:`models_with_tiny_lung`)."""
    root = tmp_path_factory.mktemp("tiny-lung")
    install_tiny_model("lung", "lung-tiny", 64, root / "models", root)
    return root / "models"


def models_with_tiny_lung(tiny_lung_models: Path, models_dir: Path) -> Path:
    """``models_dir`` created as a copy of the shared ``lung-tiny`` models folder (manifest included)."""
    return Path(shutil.copytree(tiny_lung_models, models_dir))

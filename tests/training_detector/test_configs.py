"""The detector configs in model_training/configs: every one resolves, and the GPU runbook's campaign trains
configs whose five members fit the model budget beside the shipped lung and bone models."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from model_training.config import CONFIG_DIR
from model_training.detection.network import build_detector
from model_training.detection.settings import load_detector_config

REPOSITORY = Path(__file__).resolve().parents[2]
RUNBOOK = REPOSITORY / "model_training" / "gpu_session_detector.md"
MODEL_BUDGET_BYTES = 30 * 1024 * 1024
MEMBERS = 5
DETECTOR_CONFIGS = sorted(path.stem for path in CONFIG_DIR.glob("detector*.toml"))


def _load(name: str) -> dict:
    return load_detector_config(name, {"detector": {"bone_model": "bone_suppression.onnx"}})


@pytest.mark.parametrize("name", DETECTOR_CONFIGS)
def test_every_detector_config_resolves(name: str) -> None:
    config = _load(name)
    assert config["data"]["size"] % 2 ** config["model"]["depth"] == 0


def campaign_configs() -> list[str]:
    command = re.search(r"campaign --configs ((?:[\w ]|\\\n)+?)\s*--out", RUNBOOK.read_text(encoding="utf-8"))
    assert command, f"{RUNBOOK}: no `campaign --configs … --out` command"
    return command.group(1).replace("\\", " ").split()  # the list may continue over lines


def test_the_runbook_campaign_trains_members_that_fit_the_model_budget() -> None:
    # the campaign's export replaces the shipped detector, so only the lung and bone models stay beside it
    entries = json.loads((REPOSITORY / "resources" / "models" / "manifest.json").read_text(encoding="utf-8"))["models"]
    shipped = sum((REPOSITORY / "resources" / "models" / entry["file"]).stat().st_size for entry in entries
                  if entry["task"] in ("lung_segmentation", "lung", "bone_suppression", "bone"))
    assert shipped > 10_000_000  # both the lung and the bone model counted
    for name in campaign_configs():
        config = _load(name)
        parameters = sum(p.numel() for p in build_detector(config).parameters())
        assert shipped + MEMBERS * 4 * parameters < MODEL_BUDGET_BYTES, name  # float32 weights
        assert config["loss"]["focal_normalise"] == "positives", name  # the pixel mean barely learned (CPU pilots)


@pytest.mark.parametrize(("overrides", "message"), [
    ({"pretrain": {"stage": "imagenet"}}, "pretrain.stage"),
    ({"pretrain": {"stage_share": 1.0}}, "stage_share"),
    ({"run": {"schedule": "linear"}}, "run.schedule"),
    ({"detector": {"inputs": ["dual_energy"]}}, "detector.inputs"),
])
def test_a_config_with_an_impossible_setting_is_refused_by_name(overrides: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_detector_config("detector_positives", overrides)

"""Patch training: where crops land, their labels, the pooling-free network, and a tiny crop run end to end."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from model_training.detection.crops import random_crops  # noqa: E402
from model_training.detection.network import DetectorNet  # noqa: E402
from model_training.detection.targets import render_target  # noqa: E402
from model_training.detection.epoch import time_schedule  # noqa: E402
from model_training.detection.train import train_detector  # noqa: E402
from tests.training_detector.conftest import tiny_config  # noqa: E402

SIZE, CROP = 96, 32


def _batch(nodule_xy=(70.0, 20.0)):
    """One film with a nodule at ``nodule_xy`` and one without; lungs only in the left half."""
    targets = torch.zeros(2, 1, SIZE, SIZE)
    targets[0, 0] = torch.from_numpy(render_target(SIZE, [(*nodule_xy, 4.0)], "gaussian"))
    inputs = torch.arange(2 * SIZE * SIZE, dtype=torch.float32).reshape(2, 1, SIZE, SIZE)
    lungs = torch.zeros(2, 1, SIZE, SIZE)
    lungs[:, :, 30:80, 10:40] = 1
    return inputs, targets, lungs


def test_nodule_crops_contain_the_nodule_and_are_labelled_positive() -> None:
    inputs, targets, lungs = _batch()
    generator = torch.Generator().manual_seed(0)
    for _ in range(20):
        crops, crop_targets, labels = random_crops(inputs, targets, lungs, CROP, 1.0, generator)
        assert crops.shape == (2, 1, CROP, CROP) and crop_targets.shape == (2, 1, CROP, CROP)
        assert labels.tolist() == [1.0, 0.0]
        assert float(crop_targets[0].max()) > 0.9  # the peak itself is inside


def test_other_crops_are_centred_on_the_lung_field() -> None:
    inputs, targets, lungs = _batch()
    generator = torch.Generator().manual_seed(1)
    for _ in range(20):
        crops, _, labels = random_crops(inputs, targets, lungs, CROP, 0.0, generator)
        for index in range(2):
            centre_value = int(crops[index, 0, CROP // 2, CROP // 2]) - index * SIZE * SIZE  # = row * SIZE + col
            row, col = divmod(centre_value, SIZE)
            assert 30 - CROP // 2 <= row < 80 + CROP // 2 and 0 <= col < 40 + CROP // 2  # clamped near the lung
        assert labels[1] == 0.0


def test_a_crop_larger_than_the_canvas_is_refused() -> None:
    inputs, targets, lungs = _batch()
    with pytest.raises(ValueError, match="larger than"):
        random_crops(inputs, targets, lungs, SIZE + 16, 0.5, torch.Generator())


def test_without_image_pooling_a_pixel_does_not_depend_on_far_away_content() -> None:
    """Why crop-trained members drop the ASPP's global-average branch: with it, the whole film's mean (which a
    training crop never shows) would shift every pixel's score."""
    torch.manual_seed(0)
    image = torch.randn(1, 1, 128, 128)
    changed = image.clone()
    changed[..., 96:, 96:] += 50.0  # far corner only
    for pooling, should_match in ((False, True), (True, False)):
        net = DetectorNet(1, width=4, depth=2, dilations=(1, 2), image_pooling=pooling).eval()
        with torch.no_grad():
            near = net(image)[0][..., :16, :16], net(changed)[0][..., :16, :16]
        assert torch.allclose(*near, atol=1e-6) is should_match


def test_a_tiny_crop_run_trains_and_validates_on_schedule(tmp_path: Path) -> None:
    config = tiny_config(run={"epochs": 3, "validate_every": 2}, data={"crop": 32},
                         model={"image_pooling": False})
    record = train_detector(config, tmp_path / "fold0", "cpu", results_dir=tmp_path / "results")
    assert record["finished"] and record["epochs_done"] == 3
    validated = ["validation_loss" in entry for entry in record["history"]]
    assert validated == [False, True, True]  # epoch 2 by the schedule, the last epoch always


def test_the_time_schedule_is_a_cosine_over_the_budget() -> None:
    optimiser = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    rates = []
    for fraction in (0.0, 0.5, 0.9, 1.0, 1.5):
        time_schedule(optimiser, 2e-3, fraction)
        rates.append(optimiser.param_groups[0]["lr"])
    assert rates == pytest.approx([2e-3, 1e-3, 2e-3 * 0.5 * (1 + math.cos(0.9 * math.pi)), 0.0, 0.0], abs=1e-12)


def test_a_time_scheduled_run_stops_at_its_budget_and_cannot_resume(tmp_path: Path) -> None:
    # 1.2 s: the loop's budget (floored at 1 s) still spans many 3-step epochs
    config = tiny_config(run={"epochs": 10_000, "max_minutes": 0.02, "schedule": "time", "validate_every": 10_000})
    record = train_detector(config, tmp_path / "fold0", "cpu", results_dir=tmp_path / "results")
    assert record["finished"] and record["schedule"] == "time" and record["epochs_done"] < 10_000
    assert "validation_loss" in record["history"][-1]  # the last epoch is always validated
    with pytest.raises(ValueError, match="cannot resume"):
        train_detector(config, tmp_path / "fold0", "cpu", resume=True, results_dir=tmp_path / "results")
    from model_training.detection.commands import _finished

    state = torch.load(tmp_path / "fold0" / "checkpoint.pt", weights_only=False)
    assert state["finished"] and _finished(state, config)  # so `--resume` skips it instead of failing

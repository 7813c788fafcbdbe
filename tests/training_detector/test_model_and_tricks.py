"""Target maps, the multi-task network, and that each trick switch changes the batch or the loss as it should."""

import math

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from model_training.detection.augment import augment  # noqa: E402
from model_training.detection.network import DetectorNet, transfer_weights  # noqa: E402
from model_training.detection.targets import render_target  # noqa: E402
from model_training.detection.tricks import focal_loss, map_loss, mixup, oversampling_sampler  # noqa: E402
from tests.training_detector.conftest import tiny_config  # noqa: E402


def test_disc_target_has_the_nodule_radius_at_its_centre():
    target = render_target(64, [(20.0, 30.0, 5.0)], "disc")
    rows, cols = np.nonzero(target)
    assert target[30, 20] == 1 and target[30, 25] == 1 and target[30, 26] == 0 and target[35, 20] == 1
    assert target.sum() == pytest.approx(math.pi * 25, rel=0.1)
    assert cols.mean() == pytest.approx(20) and rows.mean() == pytest.approx(30)


def test_gaussian_target_peaks_at_centre_with_sigma_half_radius():
    target = render_target(64, [(40.0, 10.0, 8.0), (10.0, 50.0, 3.0)], "gaussian")
    assert target[10, 40] == pytest.approx(1.0) and target[50, 10] == pytest.approx(1.0)
    assert target[10, 44] == pytest.approx(math.exp(-0.5), rel=1e-5)  # 4 px = sigma for radius 8
    with pytest.raises(ValueError, match="target shape"):
        render_target(8, [], "square")


def test_multitask_forward_shapes_and_weight_transfer():
    model = DetectorNet(channels_in=2, width=4, depth=2, dilations=(1, 2, 4))
    maps, image_logit = model(torch.zeros(3, 2, 32, 32))
    assert maps.shape == (3, 1, 32, 32) and image_logit.shape == (3,)
    source = DetectorNet(channels_in=1, width=4, depth=2, dilations=(1, 2, 4)).state_dict()
    copied = transfer_weights(model, source)
    assert "encoders.0.0.weight" not in copied  # 1 vs 2 input channels: kept fresh
    assert "encoders.1.0.weight" in copied and not any(name.startswith("head.") for name in copied)
    assert torch.equal(model.state_dict()["aspp.fuse.0.weight"], source["aspp.fuse.0.weight"])


def test_mixup_blends_inputs_maps_and_labels_with_one_lambda():
    generator = torch.Generator().manual_seed(0)
    values = torch.arange(8, dtype=torch.float32)
    inputs = values.view(8, 1, 1, 1).expand(8, 1, 4, 4).clone()
    mixed, mixed_maps, mixed_labels = mixup(inputs, 2 * inputs, values / 7, generator, alpha=0.4, probability=1.0)
    assert not torch.equal(mixed, inputs)  # images were blended with others
    assert float(mixed.sum()) == pytest.approx(float(inputs.sum()), rel=1e-5)  # λ·x + (1−λ)·x[perm] keeps the sum
    assert torch.allclose(mixed_maps, 2 * mixed) and torch.allclose(mixed_labels, mixed[:, 0, 0, 0] / 7)
    untouched = mixup(inputs, inputs, values, generator, alpha=0.4, probability=0.0)
    assert torch.equal(untouched[0], inputs)


def test_oversampling_reaches_the_configured_positive_fraction():
    labels = np.array([True] * 10 + [False] * 90)
    sampler = oversampling_sampler(labels, 0.5, seed=1)
    drawn = [index for _ in range(20) for index in sampler]
    assert np.mean(labels[drawn]) == pytest.approx(0.5, abs=0.05)
    assert oversampling_sampler(labels, 0.0, seed=1) is None


def test_focal_loss_matches_a_hand_computation():
    logit, target, gamma, alpha = 0.5, 1.0, 2.0, 0.25
    p = 1 / (1 + math.exp(-logit))
    expected = alpha * (1 - p) ** gamma * -math.log(p)
    value = focal_loss(torch.tensor([logit]), torch.tensor([target]), gamma, alpha)
    assert float(value) == pytest.approx(expected, rel=1e-6)
    negative = focal_loss(torch.tensor([logit]), torch.tensor([0.0]), gamma, alpha)
    assert float(negative) == pytest.approx((1 - alpha) * p**gamma * -math.log(1 - p), rel=1e-6)
    settings = {"kind": "weighted_bce", "positive_weight": 5.0, "focal_gamma": 2, "focal_alpha": 0.25}
    assert float(map_loss(torch.tensor([logit]), torch.tensor([1.0]), settings)) == pytest.approx(-5 * math.log(p))


def test_focal_loss_normalised_by_positives_is_independent_of_the_background_size():
    """A nodule in a big film must weigh as much as in a small one: divide by the target mass, not pixels."""
    small, large = torch.full((1, 1, 8, 8), -4.0), torch.full((1, 1, 32, 32), -4.0)
    small_target, large_target = torch.zeros_like(small), torch.zeros_like(large)
    small_target[..., 3, 3] = large_target[..., 3, 3] = 1.0
    by_positives = [float(focal_loss(x, t, 2.0, 0.75, "positives")) for x, t in ((small, small_target),
                                                                                  (large, large_target))]
    by_pixels = [float(focal_loss(x, t, 2.0, 0.75)) for x, t in ((small, small_target), (large, large_target))]
    background = 0.25 * (1 / (1 + math.exp(4.0))) ** 2 * math.log(1 + math.exp(-4.0))  # one negative pixel
    assert by_positives[1] - by_positives[0] == pytest.approx((32 * 32 - 8 * 8) * background, rel=1e-3)
    assert by_pixels[0] / by_pixels[1] > 10  # the per-pixel mean dilutes the same nodule 16-fold
    with pytest.raises(ValueError, match="focal_normalise"):
        focal_loss(small, small_target, 2.0, 0.75, "images")


def test_augmentation_switches_geometry_moves_map_with_image_and_spares_the_mask():
    inputs = torch.zeros(2, 2, 32, 32)
    inputs[:, 0, 10:14, 10:14] = 0.8
    inputs[:, 1, 5:25, 5:25] = 1.0  # a lung-mask channel
    maps = inputs[:, :1].clone()
    off = tiny_config(augment={"enabled": False})
    same = augment(inputs, maps, [0], torch.Generator().manual_seed(0), off)
    assert torch.equal(same[0], inputs) and torch.equal(same[1], maps)
    geometry_only = tiny_config(augment={"contrast": 0.0, "gamma": 0.0, "sharpness": 0.0, "noise": 0.0,
                                         "rotate_deg": 20.0})
    moved, moved_maps = augment(inputs, maps, [0], torch.Generator().manual_seed(0), geometry_only)
    assert not torch.equal(moved, inputs) and torch.allclose(moved[:, :1] / 0.8, moved_maps / 0.8, atol=1e-6)
    full = augment(inputs, maps, [0], torch.Generator().manual_seed(0), tiny_config())[0]
    assert full[:, 1].min() >= 0 and full[:, 1].max() <= 1 + 1e-6  # intensity/noise never touch the mask
    rand = tiny_config(augment={"enabled": False}, randaugment={"enabled": True, "ops": 2, "magnitude": 9})
    assert not torch.equal(augment(inputs, maps, [0], torch.Generator().manual_seed(3), rand)[0], inputs)

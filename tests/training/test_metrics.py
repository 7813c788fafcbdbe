"""Metrics against cases computed by hand."""

import numpy as np
import pytest

from model_training import metrics


def test_dice_and_iou_on_overlapping_squares():
    a = np.zeros((10, 10), bool)
    b = np.zeros((10, 10), bool)
    a[0:4, 0:4] = True  # 16 pixels
    b[2:6, 0:4] = True  # 16 pixels, overlap 8
    assert metrics.dice(a, b) == pytest.approx(2 * 8 / 32)
    assert metrics.iou(a, b) == pytest.approx(8 / 24)
    assert metrics.dice(np.zeros((3, 3)), np.zeros((3, 3))) == 1.0


def test_hausdorff95_of_a_shifted_square_is_the_shift_in_mm():
    a = np.zeros((40, 40), bool)
    a[10:20, 10:20] = True
    b = np.roll(a, 3, axis=1)
    # left/right edges are 3 px apart; top/bottom edges overlap over most of their length, so the 95th percentile is 3
    assert metrics.hausdorff95(a, b, pixel_mm=0.5) == pytest.approx(1.5)
    assert metrics.hausdorff95(a, a) == 0.0
    assert metrics.hausdorff95(a, np.zeros_like(a)) == float("inf")


def test_psnr_and_ssim():
    reference = np.linspace(0, 1, 64 * 64).reshape(64, 64)
    noisy = reference + 0.1  # MSE 0.01 on range 1 → 20 dB
    assert metrics.psnr(noisy, reference, 1.0) == pytest.approx(20.0)
    assert metrics.ssim(reference, reference, 1.0) == pytest.approx(1.0)
    assert metrics.ssim(np.random.default_rng(0).random((64, 64)), reference, 1.0) < 0.2


def test_linear_fit_and_contrast_to_noise():
    rng = np.random.default_rng(0)
    target = rng.random((32, 32))
    mask = np.ones_like(target, bool)
    assert np.allclose(metrics.fit_linear(target * 3 + 2, target, mask), target, atol=1e-5)
    image = rng.normal(0, 1, (101, 101))
    image[np.hypot(*(np.indices(image.shape) - 50)) <= 10] += 5
    assert 3.5 < metrics.contrast_to_noise(image, (50, 50), 10) < 6.5

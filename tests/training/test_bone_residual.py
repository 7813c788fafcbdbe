"""Full-resolution bone suppression: the input minus the upsampled bone estimate keeps detail the canvas lost."""

from __future__ import annotations

import numpy as np
import pytest

from model_training.bone_residual import suppress_full_resolution
from model_training.preprocess import normalise_intensity, preprocess


def _film(rows: int = 300, cols: int = 420) -> np.ndarray:
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[0:rows, 0:cols]
    smooth = 1000 + 800 * np.sin(yy / 25.0) ** 2  # wide, rib-like bands
    fine = 150 * (((xx // 2) + (yy // 2)) % 2)  # a 2-pixel checkerboard no 64 px canvas can hold
    return (smooth + fine + rng.normal(0, 5, (rows, cols))).astype(np.float32)


def test_a_model_that_removes_nothing_returns_the_full_resolution_input():
    film = _film()
    canvas, box = preprocess(film, 64)
    result = suppress_full_resolution(film, canvas, canvas, box)
    assert result.shape == film.shape
    assert np.allclose(result, normalise_intensity(film), atol=1e-6)  # the checkerboard survives


def test_the_bone_estimate_is_subtracted_where_the_model_put_it():
    film = _film()
    canvas, box = preprocess(film, 64)
    bone = np.zeros_like(canvas)
    top, left = box.pad_y, box.pad_x
    rows, cols = box.content_shape
    bone[top : top + rows, left : left + cols // 2] = 0.2  # the model says: bone in the left half only
    result = suppress_full_resolution(film, canvas, canvas - bone, box)
    difference = normalise_intensity(film) - result
    assert difference[:, : film.shape[1] // 2 - 10].mean() == pytest.approx(0.2, abs=1e-3)
    assert difference[:, film.shape[1] // 2 + 10 :].mean() == pytest.approx(0.0, abs=1e-3)


def test_monochrome1_is_suppressed_in_the_bones_bright_scale():
    film = _film()
    canvas, box = preprocess(4095 - film, 64, monochrome1=True)
    result = suppress_full_resolution(4095 - film, canvas, canvas, box, monochrome1=True)
    assert np.allclose(result, normalise_intensity(film), atol=1e-5)


def test_canvas_suppression_is_the_model_output_at_equal_sizes_and_close_at_half_size():
    from model_training.bone_residual import suppress_on_canvas

    canvases = np.stack([preprocess(_film(), 128)[0], preprocess(_film(200, 200), 128)[0]])
    def halve_bones(batch):  # a stand-in model: removes half of everything above the median
        return np.minimum(batch, np.median(batch) + (batch - np.median(batch)) / 2)
    same = suppress_on_canvas(halve_bones, canvases, 128)
    assert np.allclose(same, halve_bones(canvases), atol=1e-6)
    half = suppress_on_canvas(halve_bones, canvases, 64)
    assert half.shape == canvases.shape
    assert np.abs(half - same).mean() < 0.02

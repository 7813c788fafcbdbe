"""The export parity check covers radiograph-like inputs as well as noise (issue: 'random and real-like inputs')."""

from __future__ import annotations

import numpy as np

from model_training.export import parity_inputs


def test_parity_inputs_are_two_noise_canvases_and_two_radiographs():
    inputs = parity_inputs(64)
    assert inputs.shape == (4, 1, 64, 64) and inputs.dtype == np.float32
    noise, radiographs = inputs[:2, 0], inputs[2:, 0]
    # noise has no spatial structure; a radiograph's neighbouring pixels are strongly correlated
    def neighbour_correlation(image):
        return np.corrcoef(image[:, :-1].ravel(), image[:, 1:].ravel())[0, 1]
    assert all(abs(neighbour_correlation(image)) < 0.2 for image in noise)
    assert all(neighbour_correlation(image) > 0.8 for image in radiographs)
    assert radiographs.min() >= 0.0 and radiographs.max() <= 1.0

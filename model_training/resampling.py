"""The resampling matrices behind the preprocessing (numpy only): a 1-D resize as one matrix product per axis.

A 2-D resize is ``rows_matrix @ image @ cols_matrix.T``, in numpy so training and the viewer's inference run the
same arithmetic without torch. The shipped models were trained on what these exact weights give: a change to them
is a change of ``preprocess.PREPROCESSING_VERSION``.
"""

from __future__ import annotations

import numpy as np


def linear_weights(positions: np.ndarray, length: int) -> np.ndarray:
    """Dense matrix sampling a 1-D signal of ``length`` at ``positions`` by linear interpolation (edges clamped)."""
    positions = np.clip(positions, 0, length - 1)
    low = np.floor(positions).astype(np.intp)
    high = np.minimum(low + 1, length - 1)
    frac = (positions - low).astype(np.float32)
    weights = np.zeros((positions.size, length), np.float32)
    np.add.at(weights, (np.arange(positions.size), low), 1 - frac)
    np.add.at(weights, (np.arange(positions.size), high), frac)
    return weights


def antialiased_weights(out_len: int, in_len: int, scale: float) -> np.ndarray:
    """Triangle-filter resampling matrix (out_len × in_len); the filter widens when shrinking to avoid aliasing."""
    centres = (np.arange(out_len) + 0.5) / scale - 0.5
    support = max(1.0, 1.0 / scale)
    distance = np.abs(np.arange(in_len)[None, :] - centres[:, None]) / support
    weights = np.clip(1.0 - distance, 0.0, None).astype(np.float32)
    weights /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-12)
    return weights

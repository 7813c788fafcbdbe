"""Square patches around candidate centres, cut from a preprocessed canvas for the candidate classifier.

Training imports this function too, so the classifier sees at inference exactly the patches it learnt on. Outside
the canvas a patch holds 0, the canvas's own padding value (preprocessing pads with black).
"""

from __future__ import annotations

import numpy as np


def cut_patches(canvas: np.ndarray, centres_xy: np.ndarray, size: int) -> np.ndarray:
    """(N, size, size) float32 patches whose centre pixel is each (x = column, y = row), rounded to a pixel.

    An even ``size`` puts the centre pixel at index ``size // 2``; a centre off the canvas is clipped onto it.
    """
    canvas = np.asarray(canvas, dtype=np.float32)
    if canvas.ndim != 2:
        raise ValueError(f"expected a 2-D canvas, got shape {canvas.shape}")
    if size < 1:
        raise ValueError(f"patch size must be positive, got {size}")
    centres = np.asarray(centres_xy, dtype=np.float64).reshape(-1, 2)
    half = size // 2
    padded = np.pad(canvas, ((half, size - half), (half, size - half)))
    cols = np.clip(np.rint(centres[:, 0]).astype(np.intp), 0, canvas.shape[1] - 1)
    rows = np.clip(np.rint(centres[:, 1]).astype(np.intp), 0, canvas.shape[0] - 1)
    patches = np.empty((len(centres), size, size), np.float32)
    for index, (row, col) in enumerate(zip(rows, cols)):
        patches[index] = padded[row:row + size, col:col + size]
    return patches

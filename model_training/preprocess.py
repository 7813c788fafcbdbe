"""The single preprocessing step shared by training and inference (numpy only, so the viewer needs no torch).

Any change to the output for the same input must bump ``PREPROCESSING_VERSION``: every exported model records the
version it was trained with, and the inference side refuses a mismatch rather than silently degrading.

Choice: intensities are clipped to the image's own 0.5–99.5 percentiles and mapped to [0, 1] (bone bright), then
the image is resized keeping its physical aspect ratio and centred on a square canvas padded with 0 (black, like
collimation). Percentiles make 8-, 12- and 16-bit inputs and any window/level of the source land in the same range.
Pixels that are not square are resampled to square canvas pixels (``pixel_aspect``); for square pixels, every
training film included, the output is what version 1 always gave, so the version did not change with that.

The canvas geometry is ``letterbox.Letterbox`` and the resize matrices are in ``resampling``; ``Letterbox`` is still
imported from here by the engine, the plugin and the training code.
"""

from __future__ import annotations

import numpy as np

from model_training.letterbox import Letterbox
from model_training.resampling import antialiased_weights

PREPROCESSING_VERSION = "1"
LOW_PERCENTILE = 0.5
HIGH_PERCENTILE = 99.5


def _to_grey(pixels: np.ndarray) -> np.ndarray:
    pixels = np.asarray(pixels)
    if pixels.ndim == 3 and pixels.shape[-1] in (3, 4):
        pixels = pixels[..., :3].mean(axis=-1)
    if pixels.ndim != 2:
        raise ValueError(f"expected a 2-D grey image (or H×W×3 RGB), got shape {pixels.shape}")
    if pixels.dtype.kind not in "uifb":
        raise ValueError(f"pixel data of dtype {pixels.dtype} is not numeric")
    return pixels.astype(np.float32)


def normalise_intensity(pixels: np.ndarray, monochrome1: bool = False, bits: int | None = None) -> np.ndarray:
    """Robust [0, 1] intensities with bone bright; ``bits`` (bits stored) is checked against the data range."""
    grey = _to_grey(pixels)
    if bits is not None:
        if not 1 <= bits <= 32:
            raise ValueError(f"bits stored must be 1–32, got {bits}")
        low_limit, high_limit = -(2.0 ** (bits - 1)), 2.0**bits - 1
        if grey.min() < low_limit or grey.max() > high_limit:
            raise ValueError(f"pixel values {grey.min()}–{grey.max()} do not fit in {bits} bits stored")
    low, high = np.percentile(grey, [LOW_PERCENTILE, HIGH_PERCENTILE])
    if high <= low:
        return np.zeros(grey.shape, np.float32)
    scaled = np.clip((grey - low) / (high - low), 0.0, 1.0)
    return (1.0 - scaled if monochrome1 else scaled).astype(np.float32)


def preprocess(
    pixels: np.ndarray, size: int, monochrome1: bool = False, bits: int | None = None, pixel_aspect: float = 1.0
) -> tuple[np.ndarray, Letterbox]:
    """Model input (float32 ``(size, size)`` in [0, 1], padding 0) and the letterbox to map results back."""
    return fit_canvas(normalise_intensity(pixels, monochrome1=monochrome1, bits=bits), size, pixel_aspect)


def fit_canvas(normalised: np.ndarray, size: int, pixel_aspect: float = 1.0) -> tuple[np.ndarray, Letterbox]:
    """``preprocess``'s second half, on an image already through ``normalise_intensity``: one normalisation (the
    costly percentiles of the full image) then feeds canvases of several sizes, the detector's and the candidate
    classifier's."""
    box = Letterbox.fit(normalised.shape, size, pixel_aspect)
    return np.clip(letterbox_array(normalised, box), 0.0, 1.0), box  # resampling rounding can exceed 1 by 1e-7


def resample_canvas(canvases: np.ndarray, size: int) -> np.ndarray:
    """Square canvases ``(..., S, S)`` → ``(..., size, size)``, pixel areas aligned so the letterbox scales with them.

    The pipeline's models need not share one input size: each runs at the size it was trained at, on the
    detector's canvas resampled here, and its output comes back the same way (training does the same).
    """
    current = canvases.shape[-1]
    if canvases.shape[-2] != current:
        raise ValueError(f"expected square canvases, got shape {canvases.shape}")
    if current == size:
        return np.asarray(canvases, np.float32)
    weights = antialiased_weights(size, current, size / current)
    return (weights @ np.asarray(canvases, np.float32) @ weights.T).astype(np.float32)


def letterbox_array(values: np.ndarray, box: Letterbox) -> np.ndarray:
    """Resample an ``orig_shape`` array onto the padded model canvas (masks: threshold the result at 0.5)."""
    content_rows, content_cols = box.content_shape
    rows, cols = box.orig_shape
    if values.shape != (rows, cols):
        raise ValueError(f"array of shape {values.shape} does not match the letterbox's {box.orig_shape}")
    resized = (
        antialiased_weights(content_rows, rows, box.scale_y)
        @ values.astype(np.float32)
        @ antialiased_weights(content_cols, cols, box.scale).T
    )
    canvas = np.zeros((box.size, box.size), np.float32)
    canvas[box.pad_y : box.pad_y + content_rows, box.pad_x : box.pad_x + content_cols] = resized
    return canvas

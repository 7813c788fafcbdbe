"""The single preprocessing step shared by training and inference (numpy only, so the viewer needs no torch).

Any change to the output for the same input must bump ``PREPROCESSING_VERSION``: every exported model records the
version it was trained with, and the inference side refuses a mismatch rather than silently degrading.

Choice: intensities are clipped to the image's own 0.5–99.5 percentiles and mapped to [0, 1] (bone bright), then
the image is resized keeping its physical aspect ratio and centred on a square canvas padded with 0 (black, like
collimation). Percentiles make 8-, 12- and 16-bit inputs and any window/level of the source land in the same range.
Pixels that are not square are resampled to square canvas pixels (``pixel_aspect``); for square pixels, every
training film included, the output is what version 1 always gave, so the version did not change with that.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

PREPROCESSING_VERSION = "1"
LOW_PERCENTILE = 0.5
HIGH_PERCENTILE = 99.5


@dataclass(frozen=True)
class Letterbox:
    """How an image of ``orig_shape`` (rows, cols) was placed on the ``size``×``size`` model canvas.

    Coordinates are continuous pixel coordinates with pixel centres at integers, in (x = column, y = row).
    ``scale`` is canvas pixels per image column; rows scale by ``scale_y``, which differs only for pixels that are
    not square (``pixel_aspect`` = row spacing / column spacing): the canvas then shows the anatomy in its true
    proportions, as the models saw every training film (JSRT's pixels are square).
    """

    orig_shape: tuple[int, int]
    scale: float
    pad_x: int
    pad_y: int
    size: int
    pixel_aspect: float = 1.0

    @classmethod
    def fit(cls, orig_shape: tuple[int, int], size: int, pixel_aspect: float = 1.0) -> Letterbox:
        rows, cols = int(orig_shape[0]), int(orig_shape[1])
        if rows < 1 or cols < 1 or size < 1:
            raise ValueError(f"cannot letterbox an image of shape {orig_shape} into {size}×{size}")
        if not math.isfinite(pixel_aspect) or pixel_aspect <= 0:
            raise ValueError(f"pixel aspect must be a positive number, got {pixel_aspect}")
        scale = size / max(rows * pixel_aspect, cols)  # the physically longer side spans the canvas exactly
        content_rows, content_cols = cls._content_shape(rows, cols, scale * pixel_aspect, scale, size)
        return cls((rows, cols), scale, (size - content_cols) // 2, (size - content_rows) // 2, size, pixel_aspect)

    @staticmethod
    def _content_shape(rows: int, cols: int, scale_y: float, scale_x: float, size: int) -> tuple[int, int]:
        return min(size, max(1, round(rows * scale_y))), min(size, max(1, round(cols * scale_x)))

    @property
    def scale_y(self) -> float:
        """Canvas pixels per image row."""
        return self.scale * self.pixel_aspect

    @property
    def content_shape(self) -> tuple[int, int]:
        """Rows and columns of the canvas covered by image (the rest is padding)."""
        return self._content_shape(*self.orig_shape, self.scale_y, self.scale, self.size)

    def to_model(self, x: float | np.ndarray, y: float | np.ndarray) -> tuple:
        """Image coordinates to model-canvas coordinates."""
        return ((np.asarray(x) + 0.5) * self.scale - 0.5 + self.pad_x,
                (np.asarray(y) + 0.5) * self.scale_y - 0.5 + self.pad_y)

    def to_image(self, x: float | np.ndarray, y: float | np.ndarray) -> tuple:
        """Model-canvas coordinates to image coordinates (inverse of ``to_model``)."""
        return ((np.asarray(x) - self.pad_x + 0.5) / self.scale - 0.5,
                (np.asarray(y) - self.pad_y + 0.5) / self.scale_y - 0.5)

    def unletterbox(self, array: np.ndarray, order: int = 1) -> np.ndarray:
        """Resample a model-canvas map (``(size, size)`` or ``(channels, size, size)``) back to ``orig_shape``.

        ``order`` 0 (nearest, for label masks) or 1 (bilinear, for probability/heat maps).
        """
        array = np.asarray(array)
        if array.shape[-2:] != (self.size, self.size) or array.ndim not in (2, 3):
            raise ValueError(f"expected a ({self.size}, {self.size}) map, got shape {array.shape}")
        if order not in (0, 1):
            raise ValueError(f"order must be 0 or 1, got {order}")
        rows, cols = self.orig_shape
        mx, _ = self.to_model(np.arange(cols, dtype=np.float64), 0.0)
        _, my = self.to_model(0.0, np.arange(rows, dtype=np.float64))
        if order == 0:
            ix = np.clip(np.rint(mx).astype(np.intp), 0, self.size - 1)
            iy = np.clip(np.rint(my).astype(np.intp), 0, self.size - 1)
            return array[..., iy[:, None], ix[None, :]]
        wy = _linear_weights(my, self.size)
        wx = _linear_weights(mx, self.size)
        out = wy @ array.astype(np.float32) @ wx.T
        return out.astype(array.dtype if array.dtype.kind == "f" else np.float32)


def _linear_weights(positions: np.ndarray, length: int) -> np.ndarray:
    """Dense matrix sampling a 1-D signal of ``length`` at ``positions`` by linear interpolation (edges clamped)."""
    positions = np.clip(positions, 0, length - 1)
    low = np.floor(positions).astype(np.intp)
    high = np.minimum(low + 1, length - 1)
    frac = (positions - low).astype(np.float32)
    weights = np.zeros((positions.size, length), np.float32)
    np.add.at(weights, (np.arange(positions.size), low), 1 - frac)
    np.add.at(weights, (np.arange(positions.size), high), frac)
    return weights


def _antialiased_weights(out_len: int, in_len: int, scale: float) -> np.ndarray:
    """Triangle-filter resampling matrix (out_len × in_len); the filter widens when shrinking to avoid aliasing."""
    centres = (np.arange(out_len) + 0.5) / scale - 0.5
    support = max(1.0, 1.0 / scale)
    distance = np.abs(np.arange(in_len)[None, :] - centres[:, None]) / support
    weights = np.clip(1.0 - distance, 0.0, None).astype(np.float32)
    weights /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-12)
    return weights


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
    weights = _antialiased_weights(size, current, size / current)
    return (weights @ np.asarray(canvases, np.float32) @ weights.T).astype(np.float32)


def letterbox_array(values: np.ndarray, box: Letterbox) -> np.ndarray:
    """Resample an ``orig_shape`` array onto the padded model canvas (masks: threshold the result at 0.5)."""
    content_rows, content_cols = box.content_shape
    rows, cols = box.orig_shape
    if values.shape != (rows, cols):
        raise ValueError(f"array of shape {values.shape} does not match the letterbox's {box.orig_shape}")
    resized = (
        _antialiased_weights(content_rows, rows, box.scale_y)
        @ values.astype(np.float32)
        @ _antialiased_weights(content_cols, cols, box.scale).T
    )
    canvas = np.zeros((box.size, box.size), np.float32)
    canvas[box.pad_y : box.pad_y + content_rows, box.pad_x : box.pad_x + content_cols] = resized
    return canvas

"""Where an image sits on the square model canvas, and the mapping of coordinates and maps between the two.

Apart from the intensity and canvas steps (``preprocess``) because the inference side uses it long after
preprocessing, to bring findings, heat maps and masks back onto the film; ``model_training.preprocess.Letterbox``
still names it, as the engine, the plugin and the training code import it from there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from model_training.resampling import linear_weights


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
        wy = linear_weights(my, self.size)
        wx = linear_weights(mx, self.size)
        out = wy @ array.astype(np.float32) @ wx.T
        return out.astype(array.dtype if array.dtype.kind == "f" else np.float32)

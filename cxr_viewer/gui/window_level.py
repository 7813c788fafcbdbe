"""Window/level state and the display pipeline from modality values to 8-bit grey.

Dragging the window must repaint a 3000×3000 16-bit image within a frame, so integer images are
converted once to an index image and each window change only rebuilds a small LUT (a few thousand
entries) that pyqtgraph applies to the index image. Images whose modality values are not integers
fall back to rendering the whole image per change. This module holds no Qt code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from cxr_viewer.core import pixels, windows
from cxr_viewer.core.image import LoadedImage, VoiFunction, WindowPreset

DRAG_PIXELS_FOR_FULL_RANGE = 600.0  # a drag this long changes the window by the image's full value range


@dataclass(frozen=True)
class WindowState:
    center: float
    width: float
    invert: bool = False
    function: VoiFunction = VoiFunction.LINEAR

    def dragged(self, dx: float, dy: float, value_range: float) -> "WindowState":
        """Right-drag: right widens the window, down raises the level (the image gets darker)."""
        step = max(value_range, 1.0) / DRAG_PIXELS_FOR_FULL_RANGE
        return replace(self, width=max(1.0, self.width + dx * step), center=self.center + dy * step)


def presets_for(image: LoadedImage) -> list[WindowPreset]:
    """The windows offered on keys 1–9: the file's own first, then the viewer's defaults."""
    found = list(image.windows)
    if not image.is_rgb and not any(preset.origin == "default" for preset in found):
        found += windows.default_presets(image)
    return found


def auto_window(image: LoadedImage) -> WindowPreset:
    return windows.auto_window(image.modality, image.padding_mask)


def initial_state(image: LoadedImage) -> WindowState:
    """The file's first window if it has one, else an automatic one; MONOCHROME1 starts inverted."""
    preset = image.windows[0] if image.windows else auto_window(image)
    return WindowState(preset.center, preset.width, image.default_invert, preset.function)


class DisplayPipeline:
    """Turns one image plus a window state into what the image item shows (data and LUT)."""

    def __init__(self, image: LoadedImage) -> None:
        self.image = image
        self.indexed: pixels.IndexedImage | None = None if image.is_rgb else pixels.modality_index_image(image)
        self.value_range = float(self.indexed.max_index) if self.indexed is not None else self._value_range(image)

    @staticmethod
    def _value_range(image: LoadedImage) -> float:
        """Sets how far a right-drag moves the window; needs a full pass only off the LUT path."""
        values = image.modality if image.padding_mask is None or image.is_rgb else image.modality[~image.padding_mask]
        return float(np.nanmax(values) - np.nanmin(values)) if values.size else 1.0

    @property
    def uses_lut(self) -> bool:
        return self.indexed is not None

    def lut(self, state: WindowState) -> np.ndarray:
        """The per-change table for the LUT path; padding pixels index one extra black entry."""
        assert self.indexed is not None
        lo = self.indexed.offset
        table = pixels.window_lut(lo, lo + self.indexed.max_index, state.center, state.width, state.function, state.invert)
        if self.indexed.padding_index is not None:
            table = np.append(table, np.uint8(0))
        return table

    def render(self, state: WindowState) -> np.ndarray:
        """The path for RGB and non-integer images: a full uint8 rendering for this window."""
        return pixels.render_uint8(self.image, state.center, state.width, state.invert, state.function)

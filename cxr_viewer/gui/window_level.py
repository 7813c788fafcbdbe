"""Window/level state and the display pipeline from an image to the 8-bit grey the pane shows.

Dragging the window must repaint a 3000×3000 16-bit image within a frame, so integer images are turned
once into an index image (``core.indexed``) and each window change builds one small table and applies it
on a few threads into a reused uint8 buffer. Images whose modality values are not integers fall back to
rendering the whole image per change. This module holds no Qt code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from cxr_viewer.core import pixels, windows
from cxr_viewer.core.edge_enhance import OFF, Strength
from cxr_viewer.core.image import LoadedImage, VoiFunction, VoiLut, WindowPreset
from cxr_viewer.gui.edge_films import EDGE_FILMS

DRAG_PIXELS_FOR_FULL_RANGE = 600.0  # a drag this long changes the window by the image's full value range

Preset = WindowPreset | VoiLut


@dataclass(frozen=True)
class WindowState:
    """What the user chose: a window (centre/width/function), or the file's VOI LUT table when ``voi_lut`` is set."""

    center: float
    width: float
    invert: bool = False
    function: VoiFunction = VoiFunction.LINEAR
    voi_lut: VoiLut | None = None

    def dragged(self, dx: float, dy: float, value_range: float) -> "WindowState":
        """Right-drag: right widens the window, down darkens the picture on screen: it raises the level, or lowers
        it when the display is inverted (MONOCHROME1 films, the I key), so the hand's rule holds on every film.

        Dragging away from a VOI LUT starts from the window covering the table's input range. The step is a share
        of the film's own range, however small (a rescaled or float film of 0…0.01 moved by ten times its range in
        60 pixels when the step had a floor of 1/600); only a uniform film, with no range, takes a step of 1/600.
        """
        step = (value_range if value_range > 0 else 1.0) / DRAG_PIXELS_FOR_FULL_RANGE
        level_step = -step if self.invert else step
        return replace(self, width=max(1.0, self.width + dx * step), center=self.center + dy * level_step,
                       voi_lut=None)

    def with_preset(self, preset: Preset) -> "WindowState":
        if isinstance(preset, VoiLut):
            size = len(preset.table)
            return replace(self, center=preset.first_mapped + size / 2.0, width=float(size), voi_lut=preset)
        return replace(self, center=preset.center, width=preset.width, function=preset.function, voi_lut=None)


def auto_window(image: LoadedImage) -> WindowPreset:
    return windows.auto_window(image)


def initial_state(image: LoadedImage) -> WindowState:
    """The file's first window, else its first VOI LUT, else an automatic one; MONOCHROME1 starts inverted."""
    file_windows = [preset for preset in image.windows if preset.origin != "default"]
    start = WindowState(0.0, 1.0, image.default_invert)
    if not file_windows and image.voi_luts:
        return start.with_preset(image.voi_luts[0])
    return start.with_preset(image.windows[0] if image.windows else auto_window(image))


def carried_state(previous: LoadedImage | None, previous_start: WindowState | None,
                  previous_state: WindowState | None, image: LoadedImage) -> WindowState | None:
    """The window a newly shown image takes over from the one it replaces in the same pane, or None for its own.

    Stepping through one series (same non-empty SeriesInstanceUID) keeps the window the reader chose on the previous
    image, and the inversion relative to each film's own polarity, as PACS viewers do; an image of another series
    or study, an unchanged window, or a colour image on either side opens with the image's own window. A VOI LUT
    table chosen on the previous image is the previous file's own, so it is not carried either.
    """
    if previous is None or previous_start is None or previous_state is None or previous_state == previous_start:
        return None
    if previous_state.voi_lut is not None:
        return None
    series = str(image.metadata.get("SeriesInstanceUID", "") or "")
    if not series or series != str(previous.metadata.get("SeriesInstanceUID", "") or ""):
        return None
    if image.is_rgb or previous.is_rgb:
        return None
    reversed_by_user = previous_state.invert != previous.default_invert
    return replace(previous_state, invert=image.default_invert != reversed_by_user)


class DisplayPipeline:
    """Turns one image plus a window state into the uint8 picture the image item shows; with ``edge`` on, the image
    is its sharpened copy (``edge_films``), made once, and each window change only builds the table again."""

    def __init__(self, image: LoadedImage, edge: Strength = OFF) -> None:
        self.image = EDGE_FILMS.film(image, edge, self)
        self.indexed: pixels.IndexedImage | None = pixels.modality_index_image(self.image)
        self.value_range = self.indexed.value_range if self.indexed is not None else self._value_range(self.image)
        self._buffer: np.ndarray | None = None

    @staticmethod
    def _value_range(image: LoadedImage) -> float:
        """Sets how far a right-drag moves the window; needs a full pass only off the LUT path."""
        if image.is_rgb:
            return 255.0
        values = image.modality if image.padding_mask is None else image.modality[~image.padding_mask]
        return float(np.nanmax(values) - np.nanmin(values)) if values.size else 1.0

    @property
    def uses_lut(self) -> bool:
        return self.indexed is not None

    def lut(self, state: WindowState) -> np.ndarray:
        """The per-change table for the LUT path; padding entries are black."""
        assert self.indexed is not None
        return pixels.indexed_lut(self.indexed, state.center, state.width, state.invert, state.function, state.voi_lut)

    def render(self, state: WindowState) -> np.ndarray:
        """The picture for this state. On the LUT path it is written into one buffer reused for every change,
        so the caller must hand it on (to the image item) before asking for the next one."""
        if self.indexed is None:
            return pixels.render_uint8(self.image, state.center, state.width, state.invert, state.function,
                                       state.voi_lut)
        if self._buffer is None:
            self._buffer = np.empty(self.indexed.index.shape, dtype=np.uint8)
        return pixels.apply_lut(self.lut(state), self.indexed.index, out=self._buffer)


@dataclass(frozen=True)
class FollowedWindow:
    low: float
    high: float
    reversed: bool  # the follower shown against its own default polarity


def follow_window(levels: tuple[float, float], start: WindowState, now: WindowState, source_default_invert: bool,
                  follower_default_invert: bool = False) -> FollowedWindow:
    """The window of a follower (a derived grey picture, or a comparison film), shown at ``levels`` while the source
    film had its ``start`` window, after the source's window moved to ``now``: width scaled and centre shifted in
    proportion, so both change alike on screen whatever their value ranges (another detector's prior, a model's
    0–1 output). Where one is shown inverted by default and the other not (MONOCHROME1 against MONOCHROME2 or a
    display-oriented picture), their centres move against each other; the I key reverses both."""
    low, high = levels
    scale = (high - low) / max(start.width, 1e-12)
    sign = -1.0 if source_default_invert != follower_default_invert else 1.0
    centre = (low + high) / 2 + sign * (now.center - start.center) * scale
    half = now.width * scale / 2
    return FollowedWindow(centre - half, centre + half, now.invert != source_default_invert)

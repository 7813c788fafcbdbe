"""The window/level of the film in one pane, and the window each W/L command asks for (Qt-free).

Window presets (1–9), W, I, the right-drag, ``--window``, plugins and a linked pane all end in one ``WindowState``
for the pane to show. Each request is worked out here from the film, the window it opened with and the window on
screen, and is None where it does not apply (no film; a colour film has no window to drag or compute), so the pane
only shows what comes back and the rules sit together, apart from the painting.
"""

from __future__ import annotations

import math
from dataclasses import replace

from cxr_viewer.core.edge_enhance import OFF, Strength
from cxr_viewer.core.image import LoadedImage, VoiFunction, WindowPreset
from cxr_viewer.core.window_presets import USER_ORIGIN, key_label, outside_values, presets_for
from cxr_viewer.gui.window_level import (
    DisplayPipeline,
    WindowState,
    auto_window,
    carried_state,
    follow_window,
    initial_state,
)


class Windowing:
    """The film's display pipeline, the window it opened with and the window shown."""

    def __init__(self) -> None:
        self.image: LoadedImage | None = None
        self.pipeline: DisplayPipeline | None = None
        self.state: WindowState | None = None
        self._opening: WindowState | None = None
        self.user_presets: tuple[WindowPreset, ...] = ()  # the reader's own, first on the keys (``UserPresets``)
        self.edge: Strength = OFF  # edge enhancement: kept from film to film, a reading choice

    def open(self, image: LoadedImage, keep_series_window: bool = False) -> WindowState:
        """Take ``image`` with its own window; with ``keep_series_window`` (the main pane's navigation) the window
        chosen on the image it replaces is kept when both belong to one series (``carried_state``). ``start`` stays
        the file's own window either way."""
        carried = carried_state(self.image, self.start, self.state, image) if keep_series_window else None
        self.image = image
        self.pipeline = DisplayPipeline(image, self.edge)
        self._opening = initial_state(image)
        self.state = carried or self._opening
        return self.state

    def another_frame(self, image: LoadedImage) -> WindowState:
        """Take another frame of the same file: a window the reader chose stays (one geometry, one exposure
        series); a window left as the file gave it becomes the new frame's own, so a per-frame Frame VOI LUT is
        honoured. A VOI LUT table belongs to the frame it came with and is never carried to another."""
        kept = self.state if self.state is not None and self.state != self._opening else None
        self.image = image
        self.pipeline = DisplayPipeline(image, self.edge)
        self._opening = initial_state(image)
        self.state = kept if kept is not None and kept.voi_lut is None else self._opening
        return self.state

    def close(self) -> None:
        self.image = self.pipeline = self.state = None

    @property
    def start(self) -> WindowState | None:
        """The window the image opened with: what derived pictures and linked panes measure changes from."""
        return self._opening if self.image is not None else None

    def own_window(self) -> WindowState | None:
        """The file's own window again (R)."""
        return initial_state(self.image) if self.image is not None else None

    def explicit(self, center: float, width: float) -> WindowState | None:
        """An explicit window (linked panes, ``--window``, plugins) replaces a VOI LUT, which would hide it."""
        if self.state is None:
            return None
        return replace(self.state, center=float(center), width=max(1.0, float(width)), voi_lut=None)

    def inverted(self) -> WindowState | None:
        return replace(self.state, invert=not self.state.invert) if self.state is not None else None

    def preset(self, number: int) -> WindowState | None:
        """Key ``number`` (1-based): the reader's presets, the file's windows, then the defaults; None if there is none."""
        if self.image is None or self.state is None:
            return None
        presets = presets_for(self.image, self.user_presets)
        if not 1 <= number <= len(presets):
            return None
        return self.state.with_preset(presets[number - 1])

    def preset_name(self, number: int) -> str:
        """What key ``number`` gives on this film ("Lung", the file's "MEDIASTINUM", "VOI LUT 1"): the keys' presets
        shift with the number of windows the file brings, so the reader is told which one a key chose. A reader's
        preset that misses this film's values says so (``outside_values``): its numbers came from another film."""
        presets = presets_for(self.image, self.user_presets) if self.image is not None else []
        if not 1 <= number <= len(presets):
            return ""
        preset = presets[number - 1]
        mine = isinstance(preset, WindowPreset) and preset.origin == USER_ORIGIN
        outside = outside_values(preset, self.image) if mine else ""
        figures = f"W {window_figure(preset.width)} L {window_figure(preset.center)}" if outside else ""
        return f"{key_label(preset)} · {figures} {outside}" if outside else key_label(preset)

    def automatic(self) -> WindowState | None:
        if self.image is None or self.state is None or self.image.is_rgb:
            return None
        return self.state.with_preset(auto_window(self.image))

    def dragged(self, dx: float, dy: float) -> WindowState | None:
        if self.state is None or self.pipeline is None or self.image.is_rgb:
            return None
        return self.state.dragged(dx, dy, self.pipeline.value_range)

    def following(self, source: "Windowing") -> WindowState | None:
        """Linked W/L: the source's change from its opening window, applied in proportion to this film's own opening
        window, so a prior from another detector (another value range) stays readable."""
        if self.state is None or source.state is None or self.image is None or source.image is None:
            return None
        mine = self._opening
        followed = follow_window((mine.center - mine.width / 2, mine.center + mine.width / 2), source.start,
                                 source.state, source.image.default_invert, self.image.default_invert)
        return replace(self.state, center=(followed.low + followed.high) / 2,
                       width=max(1.0, followed.high - followed.low), voi_lut=None,
                       invert=self.image.default_invert != followed.reversed)

    def text(self) -> str:
        """The corner's window line; "inverted" only when the reader reversed the file's own polarity. A SIGMOID or
        LINEAR_EXACT window (VOI LUT Function) is named: the same W and L through a sigmoid give another picture."""
        if self.state is None or self.image is None:
            return ""
        inverted = "  inverted" if self.state.invert != self.image.default_invert else ""
        if self.image.is_rgb:
            return f"RGB{inverted}"
        if self.state.voi_lut is not None:
            name = self.state.voi_lut.name  # the table's explanation, else already "VOI LUT <number>"
            label = name if name.startswith("VOI LUT") else f"VOI LUT {name}"
            return f"{label}{inverted}"
        shape = "" if self.state.function is VoiFunction.LINEAR else "  " + self.state.function.value.lower()
        value_range = self.pipeline.value_range if self.pipeline is not None else None
        width, center = (window_figure(v, value_range) for v in (self.state.width, self.state.center))
        return f"W {width}  L {center}{shape}{inverted}"


def window_figure(value: float, value_range: float | None = None) -> str:
    """A window's width or level as the corner shows it: whole numbers from 100 up (CR, CT and MR values), three
    significant digits below, where rounding to a whole number would misstate the window (SUV, a rescale slope of
    0.001: centre 2.5 width 3.3 read "W 3  L 2"). A film whose values span less than 1 (``value_range``) gets the
    decimals that show a hundredth of its range: its LINEAR width is 1 + span and its level 0.5 + centre (PS3.3
    C.11.2.1.2), so on a film of 0…0.01 three digits read "W 1  L 0.5" whatever the right-drag did."""
    if value_range is not None and 0 < value_range < 1:
        return f"{value:.{math.ceil(-math.log10(value_range / 100))}f}"
    if abs(value) >= 100 or value == round(value):
        return f"{value:.0f}"
    return f"{value:.3g}"

"""Overlay layers as plain data, in image pixel coordinates (x = column, y = row, origin top-left).

The viewer keeps layers aligned with the image under zoom, pan, rotate and flip because everything here
is stated in the image's own pixel grid, never in screen coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Layer:
    """Common to every layer: a unique id, a name for the layer list, visibility and opacity."""

    id: str
    name: str
    visible: bool = True
    opacity: float = 1.0
    group: str = ""  # layers of one group are toggled together (e.g. "ai")


@dataclass
class HeatmapLayer(Layer):
    """A float map shown through a colour map; ``data`` may be smaller than the image and is stretched over it.

    ``extent`` (width, height in image pixels, from the image's top-left corner) places a map that covers a
    slightly different area, as a model's output whose grid rounds the image's size does; None covers the image.
    """

    data: np.ndarray = field(default_factory=lambda: np.zeros((1, 1), np.float32))
    colormap: str = "inferno"
    vmin: float = 0.0
    vmax: float = 1.0
    show_colorbar: bool = True
    transparent_below: float | None = None  # values below this are fully transparent
    extent: tuple[float, float] | None = None
    # opacity rising linearly with the value from transparent_below (else vmin) to full at opaque_from: a
    # probability map's faint values then barely tint the film and its strong ones show, instead of a uniform
    # veil over every low candidate; None keeps the opacity flat
    opaque_from: float | None = None
    # a grey picture of the film itself (a derived image, e.g. bone-suppressed): the pane's window/level and invert
    # act on it as on the film, in proportion to its own vmin–vmax, so dragging W/L over it is never a no-op
    follows_window: bool = False


@dataclass
class Contour:
    points: np.ndarray  # (N, 2) array of x, y
    label: str = ""
    color: str = "#ffcc00"


@dataclass
class ContourLayer(Layer):
    contours: list[Contour] = field(default_factory=list)
    line_width: float = 2.0


@dataclass
class Marker:
    x: float
    y: float
    label: str = ""
    color: str = "#00ff66"
    size: float = 12.0


@dataclass
class MarkerLayer(Layer):
    markers: list[Marker] = field(default_factory=list)


@dataclass
class BoxLayer(Layer):
    boxes: list[tuple[float, float, float, float, str]] = field(default_factory=list)  # x0, y0, x1, y1, label
    color: str = "#33ccff"


@dataclass
class MaskLayer(Layer):
    """A bitmap painted in one colour where ``mask`` is true and transparent elsewhere, one mask element per image
    pixel (no smoothing, so edges stay on pixel borders): a display shutter, a DICOM overlay plane, a
    segmentation. ``origin`` (x, y) is the image position of the mask's top-left corner."""

    mask: np.ndarray = field(default_factory=lambda: np.zeros((1, 1), bool))
    color: str = "#ffff00"
    origin: tuple[float, float] = (0.0, 0.0)

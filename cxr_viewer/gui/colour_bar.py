"""The heat map's colour bar beside the image, sized to the pane it sits in.

A full bar with its value axis takes about 60 px. In a narrow pane (the 1×2 layout on a laptop screen) that is a
quarter or more of the image's width, so narrower panes get a compact bar (three ticks, smaller text) and the
narrowest none at all: the image matters more there, and the Layers dock still names the layer.

The bar is a graphics item, which screen readers do not see; the pane it is drawn in (a widget) says it is there in
its accessible description, with the layer, the colour map and the range, and says nothing once it is gone.
"""

from __future__ import annotations

from enum import Enum

import pyqtgraph as pg
from PySide6 import QtGui, QtWidgets

from cxr_viewer.gui.layer_luts import colormap

COMPACT_BELOW_PX = 480
HIDDEN_BELOW_PX = 280


class BarSize(Enum):
    FULL = "full"
    COMPACT = "compact"
    HIDDEN = "hidden"


def bar_size_for(pane_width: int) -> BarSize:
    if pane_width < HIDDEN_BELOW_PX:
        return BarSize.HIDDEN
    return BarSize.COMPACT if pane_width < COMPACT_BELOW_PX else BarSize.FULL


def accessible_text(layer) -> str:
    """What a screen reader says of the bar: ``Colour bar of Pneumonia (AI): 0 to 1, inferno``."""
    return f"Colour bar of {layer.name}: {layer.vmin:g} to {layer.vmax:g}, {layer.colormap}"


class ColourBarSlot:
    """Owns the bar in one column of the pane's layout: shown for a heat map layer, rebuilt when the size class
    changes (pyqtgraph fixes a bar's widths when it is made)."""

    def __init__(self, layout: pg.GraphicsLayout, column: int, pane: QtWidgets.QWidget) -> None:
        self._layout = layout
        self._column = column
        self._pane = pane
        self._layer = None
        self._size = BarSize.FULL
        self.item: pg.ColorBarItem | None = None

    def show_for(self, layer) -> None:
        """``layer``: the visible heat map layer wanting a bar, or None to remove it."""
        self._layer = layer
        self._rebuild()

    def fit(self, pane_width: int) -> None:
        size = bar_size_for(pane_width)
        if size != self._size:
            self._size = size
            self._rebuild()

    def _rebuild(self) -> None:
        if self.item is not None:
            self._layout.removeItem(self.item)
            self.item = None
        if self._layer is None or self._size is BarSize.HIDDEN:
            self._pane.setAccessibleDescription("")
            return
        compact = self._size is BarSize.COMPACT
        layer = self._layer
        self.item = pg.ColorBarItem(values=(layer.vmin, layer.vmax), colorMap=colormap(layer.colormap),
                                    interactive=False, width=8 if compact else 14)
        self.item.setContentsMargins(0, 10, 0, 10)  # room for the end labels
        if compact:
            self._compact_axis(self.item.axis, layer.vmin, layer.vmax)
        self._layout.addItem(self.item, 0, self._column)
        self._pane.setAccessibleDescription(accessible_text(layer))

    @staticmethod
    def _compact_axis(axis: pg.AxisItem, low: float, high: float) -> None:
        middle = (low + high) / 2
        axis.setTicks([[(value, f"{value:g}") for value in (low, middle, high)], []])
        font = QtGui.QFont()
        font.setPointSizeF(8)
        axis.setStyle(tickFont=font, tickLength=3, tickTextOffset=2)
        axis.setWidth(26)

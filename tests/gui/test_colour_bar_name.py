"""The heat map's colour bar is a graphics item, which a screen reader does not see: the pane it is drawn in says,
in its accessible description, that the bar is there, of which layer, with its range and colour map, and stops
saying so when the bar goes (the layer hidden, or a pane too narrow for any bar)."""

from __future__ import annotations

import numpy as np
import pytest

from cxr_viewer.gui.colour_bar import HIDDEN_BELOW_PX
from cxr_viewer.plugin_api.layers import HeatmapLayer

pytestmark = pytest.mark.gui


def test_the_pane_names_its_colour_bar_while_it_is_drawn(window, cr_file):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    pane.resize(800, 600)
    assert pane.accessibleDescription() == ""
    pane.overlays.add(HeatmapLayer(id="heat", name="Pneumonia (AI)", data=np.ones((4, 4), np.float32),
                                   vmin=0.0, vmax=0.8, colormap="viridis"))
    assert pane.colour_bar.item is not None
    assert pane.accessibleDescription() == "Colour bar of Pneumonia (AI): 0 to 0.8, viridis"
    pane.resize(HIDDEN_BELOW_PX - 1, 600)
    assert pane.colour_bar.item is None and pane.accessibleDescription() == ""
    pane.resize(800, 600)
    assert pane.accessibleDescription().startswith("Colour bar of Pneumonia (AI)")
    pane.overlays.set_visible("heat", False)
    assert pane.colour_bar.item is None and pane.accessibleDescription() == ""

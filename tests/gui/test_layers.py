"""Overlay layers in the layer list: checkbox toggles a layer, group toggles all, slider sets opacity."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore

from cxr_viewer.gui.colour_bar import COMPACT_BELOW_PX, HIDDEN_BELOW_PX
from cxr_viewer.plugin_api.layers import BoxLayer, Contour, ContourLayer, HeatmapLayer, Marker, MarkerLayer

pytestmark = pytest.mark.gui


def _click_checkbox(qtbot, tree, item) -> None:
    rect = tree.visualItemRect(item)
    option_x = rect.left() + tree.indentation() // 2 + 4 if item.parent() else rect.left() + 10
    qtbot.mouseClick(tree.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=QtCore.QPoint(option_x, rect.center().y()))


def _add_layers(pane) -> None:
    pane.overlays.add(HeatmapLayer(id="heat", name="Heat", data=np.ones((4, 4), np.float32), group="ai", opacity=0.5))
    pane.overlays.add(ContourLayer(id="lungs", name="Lungs", group="ai",
                                   contours=[Contour(np.array([[10, 10], [60, 10], [40, 50]]), "lung")]))
    pane.overlays.add(MarkerLayer(id="marks", name="Marks", markers=[Marker(20, 20, "a")]))
    pane.overlays.add(BoxLayer(id="boxes", name="Boxes", boxes=[(5, 5, 50, 40, "b")]))


def test_checkbox_hides_a_layer_and_the_pixels_change(window, cr_file, qtbot):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    _add_layers(pane)
    panel = window.layer_panel
    item = panel.item_for("marks")
    assert item.toolTip(0) == "Marks"
    with_marker = pane.grab().toImage()
    _click_checkbox(qtbot, panel.tree, item)
    assert item.checkState(0) == QtCore.Qt.CheckState.Unchecked
    assert not pane.overlays.item("marks").isVisible()
    assert pane.overlays.layer("marks").visible is False
    assert pane.grab().toImage() != with_marker


def test_group_checkbox_toggles_all_layers_of_the_group(window, cr_file, qtbot):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    _add_layers(pane)
    tree = window.layer_panel.tree
    group_item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(0) == "[ai]")
    _click_checkbox(qtbot, tree, group_item)
    assert not pane.overlays.item("heat").isVisible() and not pane.overlays.item("lungs").isVisible()
    assert pane.overlays.item("marks").isVisible()


def test_opacity_slider_sets_layer_opacity(window, cr_file, qtbot):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    _add_layers(pane)
    slider = window.layer_panel.sliders["heat"]
    slider.setFocus()
    qtbot.keyClick(slider, QtCore.Qt.Key.Key_End)
    assert pane.overlays.item("heat").opacity() == 1.0
    qtbot.keyClick(slider, QtCore.Qt.Key.Key_Home)
    assert pane.overlays.item("heat").opacity() == 0.0


def test_heatmap_shows_a_colour_bar(window, cr_file):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    pane.overlays.add(HeatmapLayer(id="heat", name="Heat", data=np.ones((4, 4), np.float32)))
    assert pane.colour_bar.item is not None
    pane.overlays.set_visible("heat", False)
    assert pane.colour_bar.item is None


def test_colour_bar_shrinks_in_narrow_panes_and_leaves_the_narrowest(window, cr_file):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    pane.resize(800, 600)  # resize events arrive at once; the window's layout only acts on its next pass
    pane.overlays.add(HeatmapLayer(id="heat", name="Heat", data=np.ones((4, 4), np.float32)))
    full_width = pane.colour_bar.item.axis.width()
    pane.resize(COMPACT_BELOW_PX - 1, 600)
    assert pane.colour_bar.item.axis.width() < full_width
    assert [label for _, label in pane.colour_bar.item.axis._tickLevels[0]] == ["0", "0.5", "1"]
    pane.resize(HIDDEN_BELOW_PX - 1, 600)
    assert pane.colour_bar.item is None
    pane.resize(800, 600)
    assert pane.colour_bar.item.axis.width() == full_width

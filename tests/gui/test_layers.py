"""Overlay layers: the layer list (checkbox, group toggle, opacity, what plugins hear of it), the colour bar, derived pictures following W/L."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from cxr_viewer.gui.colour_bar import COMPACT_BELOW_PX, HIDDEN_BELOW_PX
from cxr_viewer.gui.window_level import WindowState, follow_window
from cxr_viewer.plugin_api.layers import BoxLayer, Contour, ContourLayer, HeatmapLayer, Marker, MarkerLayer
from tests.dicom_factory import make_cr
from tests.gui.conftest import drag, widget_point

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
    _click_checkbox(qtbot, tree, window.layer_panel.item_for("lungs"))  # one layer of the group shown again ...
    assert pane.overlays.item("lungs").isVisible() and not pane.overlays.item("heat").isVisible()
    assert group_item.checkState(0) == QtCore.Qt.CheckState.Checked  # ... ticks the group's box, as a rebuild would


def test_plugins_hear_the_boxes_the_user_sets_and_not_their_own_calls(window, cr_file, qtbot):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    _add_layers(pane)
    heard: list[dict[str, bool]] = []
    window.host.on_layer_visibility_chosen(heard.append)
    tree = window.layer_panel.tree
    _click_checkbox(qtbot, tree, window.layer_panel.item_for("marks"))
    group_item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(0) == "[ai]")
    _click_checkbox(qtbot, tree, group_item)
    window.host.set_layer_visible("heat", True)  # a plugin's own call: the plugin knows already
    assert heard == [{"marks": False}, {"heat": False, "lungs": False}]
    assert pane.overlays.layer("heat").visible and not pane.overlays.layer("lungs").visible


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


def _drawn_tick_labels(axis) -> list[str]:
    """The tick labels the axis draws, through pyqtgraph's public ``generateDrawSpecs`` (what ``paint`` draws):
    labels that would not fit in the axis are already left out there."""
    image = QtGui.QImage(1, 1, QtGui.QImage.Format.Format_ARGB32)
    painter = QtGui.QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in specs[2]] if specs else []


def test_colour_bar_shrinks_in_narrow_panes_and_leaves_the_narrowest(window, cr_file):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    pane.resize(800, 600)  # resize events arrive at once; the window's layout only acts on its next pass
    pane.overlays.add(HeatmapLayer(id="heat", name="Heat", data=np.ones((4, 4), np.float32)))
    full_width = pane.colour_bar.item.axis.width()
    pane.resize(COMPACT_BELOW_PX - 1, 600)
    assert pane.colour_bar.item.axis.width() < full_width
    assert sorted(_drawn_tick_labels(pane.colour_bar.item.axis), key=float) == ["0", "0.5", "1"]
    pane.resize(HIDDEN_BELOW_PX - 1, 600)
    assert pane.colour_bar.item is None
    pane.resize(800, 600)
    assert pane.colour_bar.item.axis.width() == full_width


def test_a_derived_picture_follows_the_films_window_in_proportion():
    start = WindowState(center=1000.0, width=2000.0)
    moved = follow_window((0.0, 1.0), start, WindowState(center=1200.0, width=1000.0), source_default_invert=False)
    assert (moved.low, moved.high, moved.reversed) == (pytest.approx(0.35), pytest.approx(0.85), False)
    shown_inverted = WindowState(center=1000.0, width=2000.0, invert=True)  # MONOCHROME1: inverted by default
    mono1 = follow_window((0.0, 1.0), shown_inverted, replace(shown_inverted, center=800.0), source_default_invert=True)
    assert (mono1.low + mono1.high) / 2 == pytest.approx(0.6) and not mono1.reversed
    assert follow_window((0.0, 1.0), start, replace(start, invert=True), source_default_invert=False).reversed


@pytest.mark.parametrize("monochrome1", [False, True])
def test_dragging_the_window_over_a_derived_picture_darkens_it(window, tmp_path, qtbot, monochrome1):
    pixels = np.tile(np.arange(300, dtype=np.uint16) * 10, (200, 1))
    window.open_paths([make_cr(tmp_path / "cr.dcm", rows=200, cols=300, pixels=pixels, monochrome1=monochrome1)])
    pane = window.layout_panes.primary
    ramp = np.tile(np.linspace(0.0, 1.0, 300, dtype=np.float32), (200, 1))
    pane.overlays.add(HeatmapLayer(id="bone", name="Derived", data=ramp, colormap="gray", opacity=1.0,
                                   show_colorbar=False, follows_window=True))

    def brightness() -> float:
        shot = pane.grab().toImage()
        return float(np.mean([QtGui.QColor(shot.pixel(x, shot.height() // 2)).value()
                              for x in range(shot.width() // 4, 3 * shot.width() // 4, 4)]))

    before = brightness()
    start = widget_point(pane, 150, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(0, 60), QtCore.Qt.MouseButton.RightButton)
    assert brightness() < before - 10
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_I)
    assert pane.overlays.item("bone").childItems()[0].lut[0][0] == 255  # inverted with the film


def test_layers_never_share_a_level_and_a_replaced_layer_keeps_its_place(window, cr_file):
    """Levels were 10 + the number of layers when added: a layer re-added after a removal could tie with another,
    and which label chose first (and which was drawn on top) was then left to chance."""
    window.open_paths([cr_file])
    overlays = window.layout_panes.primary.overlays

    def marks(layer_id: str) -> MarkerLayer:
        return MarkerLayer(id=layer_id, name=layer_id, markers=[Marker(20, 20, layer_id)])

    for layer_id in ("a", "b", "c"):
        overlays.add(marks(layer_id))
    overlays.remove("b")
    overlays.add(marks("d"))
    overlays.add(marks("a"))  # replaced: stays at the bottom
    levels = {layer_id: overlays.item(layer_id).zValue() for layer_id in ("a", "c", "d")}
    assert levels["a"] < levels["c"] < levels["d"]

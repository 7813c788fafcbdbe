"""Window/level, zoom, pan, geometry and shortcuts, driven by real mouse, wheel and key events."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore

from cxr_viewer.gui.window_level import DRAG_PIXELS_FOR_FULL_RANGE
from cxr_viewer.plugin_api.layers import HeatmapLayer, Marker, MarkerLayer
from tests.dicom_factory import make_cr
from tests.gui.conftest import drag, send_mouse_move, send_wheel, widget_point

pytestmark = pytest.mark.gui

Key = QtCore.Qt.Key
Button = QtCore.Qt.MouseButton


def test_right_drag_changes_width_horizontally_and_level_vertically(window, cr_file, qtbot):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    before, view_before = pane.state, pane.viewbox.viewRange()
    start = widget_point(pane, 150, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(60, 30), Button.RightButton)
    assert pane.viewbox.viewRange() == view_before  # pyqtgraph's right-drag zoom is off
    step = 2990 / DRAG_PIXELS_FOR_FULL_RANGE  # the ramp spans 0..2990
    assert pane.state.width == pytest.approx(before.width + 60 * step)
    assert pane.state.center == pytest.approx(before.center + 30 * step)
    assert pane.viewbox.menu is None or not pane.viewbox.menu.isVisible()
    assert f"W {pane.state.width:.0f}" in pane.corners.labels["bottom_left"].text()


@pytest.mark.parametrize("monochrome1", [False, True])
def test_dragging_down_darkens_the_picture_on_every_film(window, tmp_path, qtbot, monochrome1):
    """MONOCHROME1 films are shown inverted: there the level must fall for the picture to darken."""
    pixels = np.tile(np.arange(300, dtype=np.uint16) * 10, (200, 1))
    window.open_paths([make_cr(tmp_path / "cr.dcm", rows=200, cols=300, pixels=pixels, monochrome1=monochrome1)])
    pane = window.layout_panes.primary
    assert pane.state.invert is monochrome1
    before = pane.pipeline.render(pane.state).mean()
    start = widget_point(pane, 150, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(0, 40), Button.RightButton)
    assert pane.pipeline.render(pane.state).mean() < before - 5


def test_window_change_changes_the_displayed_pixels(window, cr_file, qtbot):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    before = pane.grab().toImage()
    pane.set_window(500, 200)
    after = pane.grab().toImage()
    assert before != after


def test_wheel_zooms_around_the_cursor(window, cr_file):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    cursor = widget_point(pane, 220, 60)
    under_before = pane.image_point_at(pane.mapToScene(cursor))
    zoom_before = pane.zoom
    send_wheel(pane.viewport(), cursor, 3)
    under_after = pane.image_point_at(pane.mapToScene(cursor))
    assert pane.zoom > zoom_before * 1.2
    assert under_after.x() == pytest.approx(under_before.x(), abs=0.5)
    assert under_after.y() == pytest.approx(under_before.y(), abs=0.5)


def test_left_drag_pans(window, cr_file, qtbot):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    start = widget_point(pane, 150, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(40, 0), Button.LeftButton)
    moved_to = widget_point(pane, 150, 100)
    assert moved_to.x() == pytest.approx(start.x() + 40, abs=2)
    assert moved_to.y() == pytest.approx(start.y(), abs=2)


def test_keyboard_invert_presets_fit_one_to_one_and_reset(window, cr_file, qtbot):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    initial = pane.state
    qtbot.keyClick(pane, Key.Key_I)
    assert pane.state.invert is not initial.invert
    qtbot.keyClick(pane, Key.Key_2)  # no DICOM window in the file: key 2 is the second default preset
    from cxr_viewer.core.window_presets import presets_for

    second = presets_for(pane.image)[1]
    assert (pane.state.center, pane.state.width) == (pytest.approx(second.center), pytest.approx(second.width))
    qtbot.keyClick(pane, Key.Key_0)
    assert pane.zoom == pytest.approx(1.0, rel=1e-3)
    qtbot.keyClick(pane, Key.Key_F)
    rect = pane.image_rect_in_view()
    view = pane.viewbox.viewRect()
    assert view.contains(rect.adjusted(1, 1, -1, -1))
    assert min(view.width() / rect.width(), view.height() / rect.height()) == pytest.approx(1.0, abs=0.02)
    qtbot.keyClick(pane, Key.Key_T)
    assert pane.rotation == 1
    pane.overlays.add(MarkerLayer(id="kept", name="kept", markers=[Marker(5, 5)]))
    qtbot.keyClick(pane, Key.Key_R)
    assert pane.state == initial and pane.rotation == 0
    assert pane.overlays.layer("kept") is not None  # reset is about the view, not the plugins' findings


def test_shortcuts_come_from_settings(make_window, cr_file, qtbot):
    from cxr_viewer.settings import Settings

    settings = Settings()
    settings.shortcuts["invert"] = "N"
    window = make_window(settings=settings)
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    inverted = pane.state.invert
    qtbot.keyClick(pane, Key.Key_I)
    assert pane.state.invert == inverted
    qtbot.keyClick(pane, Key.Key_N)
    assert pane.state.invert != inverted


def _expected_view_point(x, y, width, height, rotation, flip_h):
    """Independent geometry: rotate clockwise about the centre (y down), then mirror horizontally on screen."""
    dx, dy = x - width / 2, y - height / 2
    for _ in range(rotation):
        dx, dy = -dy, dx
    if flip_h:
        dx = -dx
    return dx + width / 2, dy + height / 2


@pytest.mark.parametrize("rotation, flip_h", [(1, False), (2, True), (3, True), (0, True)])
def test_overlays_stay_aligned_after_rotate_and_flip(window, cr_file, qtbot, rotation, flip_h):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    heat = np.zeros((20, 30), np.float32)
    pane.overlays.add(HeatmapLayer(id="heat", name="heat", data=heat))
    pane.overlays.add(MarkerLayer(id="m", name="m", markers=[Marker(50, 40, "m")]))
    for _ in range(rotation):
        qtbot.keyClick(pane, Key.Key_T)
    if flip_h:
        qtbot.keyClick(pane, Key.Key_H)
    marker_item = pane.overlays.item("m").childItems()[0]
    expected = pane.viewbox.mapViewToScene(QtCore.QPointF(*_expected_view_point(50, 40, 300, 200, rotation, flip_h)))
    assert marker_item.scenePos().x() == pytest.approx(expected.x(), abs=1e-6)
    assert marker_item.scenePos().y() == pytest.approx(expected.y(), abs=1e-6)
    heat_item = pane.overlays.item("heat").childItems()[0]
    corner = heat_item.mapToScene(QtCore.QPointF(30, 20))  # the heatmap's far corner covers the image's far corner
    image_corner = pane.image_item.mapToScene(QtCore.QPointF(300, 200))
    assert (corner.x(), corner.y()) == (pytest.approx(image_corner.x()), pytest.approx(image_corner.y()))


def test_cursor_readout_shows_position_and_values(window, cr_file, qtbot):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    qtbot.mouseMove(pane.viewport(), widget_point(pane, 120.5, 80.5))
    assert "x 120  y 80" in window.cursor_label.text()
    assert "stored 1200" in window.cursor_label.text() and "value 1200" in window.cursor_label.text()


def test_the_readout_ends_on_the_pixel_where_the_cursor_stopped(window, cr_file, qtbot):
    """pyqtgraph drops moves that come within 10 ms of the last one, so the end of a quick move used to leave the
    readout on a pixel the cursor had already left."""
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    send_mouse_move(pane.viewport(), widget_point(pane, 60.5, 40.5), QtCore.Qt.MouseButton.NoButton)
    send_mouse_move(pane.viewport(), widget_point(pane, 120.5, 80.5), QtCore.Qt.MouseButton.NoButton)  # at once
    qtbot.waitUntil(lambda: "x 120  y 80" in window.cursor_label.text(), timeout=1000)


def _shown_grey(pane) -> np.ndarray:
    """The pixels pyqtgraph actually built for the image item (before scaling to the screen)."""
    import pyqtgraph as pg

    pane.image_item.render()
    return pg.functions.ndarray_from_qimage(pane.image_item.qimage).copy()


def test_dicom_window_presets_come_first_and_are_applied_exactly(window, tmp_path, qtbot):
    from tests import dicom_factory

    path = dicom_factory.make_ct_like(tmp_path / "ct.dcm", rows=32, cols=32,
                                      pixels=np.arange(1024, dtype=np.int16).reshape(32, 32) * 2)
    window.open_paths([path])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_2)  # the file's second window: MEDIASTINUM 40/400
    assert (pane.state.center, pane.state.width) == (40, 400)
    shown = _shown_grey(pane)
    hu = np.arange(1024).reshape(32, 32) * 2 - 1024.0
    assert (shown[hu <= 40 - 0.5 - 199.5] == 0).all() and (shown[hu > 40 - 0.5 + 199.5] == 255).all()


def test_fractional_rescale_is_windowed_through_the_stored_value_table(window, tmp_path, qtbot):
    from cxr_viewer.core.pixels import render_uint8
    from tests import dicom_factory

    path = dicom_factory.make_ct_like(tmp_path / "ct_half.dcm", rows=16, cols=16, slope=0.5, intercept=0.25,
                                      pixels=np.arange(256, dtype=np.int16).reshape(16, 16))
    window.open_paths([path])
    pane = window.layout_panes.primary
    assert pane.pipeline.uses_lut  # slope 0.5 is folded into the table, per stored value
    pane.set_window(32.0, 64.0)
    shown = _shown_grey(pane)
    assert np.array_equal(pane.image_item.image, render_uint8(pane.image, 32.0, 64.0, pane.state.invert))
    values = np.arange(256).reshape(16, 16) * 0.5 + 0.25
    assert shown[values < 0.0].max(initial=0) == 0 and (shown[values > 64.0] == 255).all()
    assert 110 < shown[4, 0] < 145  # value 32.25 sits mid-window: mid grey, computed from the float values


def test_rgb_image_is_shown_and_inverts(window, tmp_path, qtbot):
    from tests import dicom_factory

    pixels = np.zeros((20, 30, 3), np.uint8)
    pixels[..., 0] = 200
    window.open_paths([dicom_factory.make_rgb(tmp_path / "rgb.dcm", rows=20, cols=30, pixels=pixels)])
    pane = window.layout_panes.primary
    assert pane.window_text() == "RGB"
    before = pane.grab().toImage()
    qtbot.keyClick(pane, Key.Key_I)
    assert pane.grab().toImage() != before
    assert pane.window_text() == "RGB  inverted"


def test_a_multiframe_file_opens_on_its_first_frame_and_says_how_many(window, tmp_path):
    from tests import dicom_factory

    window.open_paths([dicom_factory.make_multiframe(tmp_path / "cine.dcm", frames=3)])
    assert "Frame 1 of 3" in window.layout_panes.primary.corners.labels["top_right"].text()


def _screen_axes(pane) -> tuple[tuple[int, int], tuple[int, int]]:
    """Which way the image's +x and +y axes point on screen (signs of their scene vectors)."""
    pane.viewbox.updateMatrix()
    origin = pane.image_item.mapToScene(QtCore.QPointF(0, 0))
    axes = [pane.image_item.mapToScene(QtCore.QPointF(*unit)) - origin for unit in ((1, 0), (0, 1))]
    return tuple((int(np.sign(round(v.x(), 6))), int(np.sign(round(v.y(), 6)))) for v in axes)


@pytest.mark.parametrize("flips", [(), (Key.Key_H,), (Key.Key_V,), (Key.Key_H, Key.Key_V)])
def test_t_turns_the_picture_clockwise_whether_or_not_it_is_flipped(window, cr_file, qtbot, flips):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    for key in flips:
        qtbot.keyClick(pane, key)
    for modifier, turn in ((QtCore.Qt.KeyboardModifier.NoModifier, lambda v: (-v[1], v[0])),
                           (QtCore.Qt.KeyboardModifier.ShiftModifier, lambda v: (v[1], -v[0]))):
        before = _screen_axes(pane)
        qtbot.keyClick(pane, Key.Key_T, modifier=modifier)
        assert _screen_axes(pane) == tuple(turn(axis) for axis in before)  # screen y points down


def _ramp_file(path, **tags):
    from tests import dicom_factory

    pixels = np.tile(np.arange(0, 4000, 40, dtype=np.uint16), (20, 1))
    return dicom_factory.make_cr(path, rows=20, cols=100, pixels=pixels, **tags)


def test_an_explicit_window_replaces_the_files_voi_lut(window, tmp_path):
    from pydicom.dataset import Dataset

    table = Dataset()
    table.LUTDescriptor = [64, 1000, 8]
    table.LUTData = np.linspace(0, 255, 64).astype("<u2").tobytes()
    table.LUTExplanation = "SOFT"
    window.open_paths([_ramp_file(tmp_path / "voi.dcm", VOILUTSequence=[table])])
    pane = window.layout_panes.primary
    assert pane.state.voi_lut is not None
    before = pane.image_item.image.copy()
    pane.set_window(2000, 4000)
    assert pane.state.voi_lut is None and "VOI LUT" not in pane.window_text()
    assert not np.array_equal(before, pane.image_item.image)


def test_auto_window_key_matches_the_auto_preset_on_a_sigmoid_file(window, tmp_path, qtbot):
    window.open_paths([_ramp_file(tmp_path / "s.dcm", WindowCenter=2000, WindowWidth=4000, VOILUTFunction="SIGMOID")])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_W)
    after_w = pane.state, pane.image_item.image.copy()
    qtbot.keyClick(pane, Key.Key_2)  # the first default preset: Auto
    assert after_w[0] == pane.state and np.array_equal(after_w[1], pane.image_item.image)

"""Zoom limits: the wheel stops at a quarter of the fitted size and at 32 screen pixels per image pixel, without
panning; F and 1:1 work on huge and tiny films; linked panes stop together; a plugin's zoom is cut the same way.

Before the limits, ten notches out left the film a speck (0.014×) and 55 in a black pane (3.4e6×)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore

from cxr_viewer.gui.zoom_limits import MAX_ZOOM, ZOOM_OUT_OF_FIT, clamp_factor, factor_bounds, zoom_range
from tests import dicom_factory
from tests.gui.conftest import send_wheel, widget_point

Key = QtCore.Qt.Key


def _fit_zoom(pane) -> float:
    """The zoom F gives, worked out from the pane's size and the film's (unturned, square pixels) size."""
    rows, cols = pane.image.shape
    return min(pane.viewbox.width() / cols, pane.viewbox.height() / rows)


def _notches(pane, where: QtCore.QPoint, steps: int, count: int) -> None:
    for _ in range(count):
        send_wheel(pane.viewport(), where, steps)


def _shown(pane) -> list[float]:
    (x0, x1), (y0, y1) = pane.viewbox.viewRange()
    return [x0, x1, y0, y1]


def _under(pane, where: QtCore.QPoint) -> tuple[float, float]:
    point = pane.image_point_at(pane.mapToScene(where))
    return point.x(), point.y()


def test_the_limits_keep_fit_and_one_to_one_inside():
    assert zoom_range(3.0) == (3.0 * ZOOM_OUT_OF_FIT, MAX_ZOOM)
    assert zoom_range(9.0) == (1.0, MAX_ZOOM)  # a tiny film: a quarter of its fit would be above 1:1
    assert zoom_range(80.0) == (1.0, 80.0)  # fitted above 32×: fit stays reachable
    assert clamp_factor(0.5, [factor_bounds(MAX_ZOOM, 1.0, MAX_ZOOM)]) == 1.0  # at the limit: nothing to do
    assert clamp_factor(0.5, [factor_bounds(40.0, 1.0, MAX_ZOOM)]) == 1.0  # past it: never further in
    assert clamp_factor(2.0, [factor_bounds(40.0, 1.0, MAX_ZOOM)]) == 2.0  # but back out freely


@pytest.mark.gui
def test_the_wheel_out_stops_at_a_quarter_of_the_fitted_film_without_panning(window, cr_file):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    fit = pane.zoom
    assert fit == pytest.approx(_fit_zoom(pane))
    cursor = widget_point(pane, 220, 60)  # off centre: a clamped notch must still zoom about the cursor
    under = _under(pane, cursor)
    _notches(pane, cursor, -1, 12)
    assert pane.zoom == pytest.approx(fit * ZOOM_OUT_OF_FIT)
    assert _under(pane, cursor) == pytest.approx(under, abs=0.5)
    at_limit = pane.viewbox.viewRange()
    _notches(pane, cursor, -1, 3)
    assert pane.viewbox.viewRange() == at_limit  # further notches do nothing: no zoom, no pan
    _notches(pane, cursor, 1, 1)
    assert pane.zoom > fit * ZOOM_OUT_OF_FIT * 1.2  # and the wheel zooms in again at once


@pytest.mark.gui
def test_the_wheel_in_stops_at_32_screen_pixels_per_image_pixel_on_the_pixel_under_the_cursor(window, cr_file):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    cursor = widget_point(pane, 120.5, 80.5)
    under = _under(pane, cursor)
    _notches(pane, cursor, 1, 60)
    assert pane.zoom == pytest.approx(MAX_ZOOM)
    assert _under(pane, cursor) == pytest.approx(under, abs=0.05)
    at_limit = pane.viewbox.viewRange()
    _notches(pane, cursor, 1, 5)
    assert pane.viewbox.viewRange() == at_limit
    picture = pane.grab().toImage()
    greys = {picture.pixelColor(x, picture.height() // 2).value() for x in range(0, picture.width(), 8)}
    assert len(greys) > 5  # the ramp's columns as broad bands, not a black pane


@pytest.mark.gui
@pytest.mark.parametrize("rows, cols", [(5000, 4000), (64, 64)])
def test_fit_and_one_to_one_work_on_huge_and_tiny_films(window, tmp_path, qtbot, rows, cols):
    pixels = np.tile((np.arange(cols, dtype=np.uint16) % 4096), (rows, 1))
    window.open_paths([dicom_factory.make_cr(tmp_path / "film.dcm", rows=rows, cols=cols, pixels=pixels)])
    pane = window.layout_panes.primary
    fit = _fit_zoom(pane)
    lowest, highest = min(fit * ZOOM_OUT_OF_FIT, 1.0), max(MAX_ZOOM, fit)
    centre = QtCore.QPoint(pane.viewport().width() // 2, pane.viewport().height() // 2)
    qtbot.keyClick(pane, Key.Key_0)
    assert pane.zoom == pytest.approx(1.0)
    _notches(pane, centre, -1, 30)
    assert pane.zoom == pytest.approx(lowest)  # the tiny film stays at 1:1: a quarter of its fit is above it
    qtbot.keyClick(pane, Key.Key_F)
    assert pane.zoom == pytest.approx(fit)
    _notches(pane, centre, 1, 40)
    assert pane.zoom == pytest.approx(highest)
    qtbot.keyClick(pane, Key.Key_0)
    assert pane.zoom == pytest.approx(1.0)
    qtbot.keyClick(pane, Key.Key_F)
    assert pane.zoom == pytest.approx(fit)


@pytest.mark.gui
def test_linked_panes_stop_together_where_the_first_reaches_its_limit(window, tmp_path, qtbot):
    """The prior is half the size of today's film. Linked, each is magnified by the same factor over its own fit, so
    both reach a quarter of their fits together; zooming in, the prior shows each of its pixels twice as large and
    reaches 32 screen pixels per image pixel first: the pair stops there and stays in step."""
    dicom_factory.make_cr(tmp_path / "today.dcm", rows=200, cols=300, StudyInstanceUID="1.2.3.1", StudyDate="20240510")
    dicom_factory.make_cr(tmp_path / "prior.dcm", rows=100, cols=150, StudyInstanceUID="1.2.3.2", StudyDate="20230101")
    window.open_paths([tmp_path / "today.dcm", tmp_path / "prior.dcm"])
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, Key.Key_2, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    window.actions["link_view"].trigger()
    assert second.image.path.name == "prior.dcm"
    centre = widget_point(first, 150, 100)
    _notches(first, centre, -1, 15)
    assert second.zoom == pytest.approx(_fit_zoom(second) * ZOOM_OUT_OF_FIT)
    assert first.zoom == pytest.approx(_fit_zoom(first) * ZOOM_OUT_OF_FIT)
    assert _centre_share(second) == pytest.approx(_centre_share(first))
    _notches(second, widget_point(second, 75, 50), 1, 60)  # the prior leads now
    assert second.zoom == pytest.approx(MAX_ZOOM) and first.zoom == pytest.approx(MAX_ZOOM / 2)
    assert _centre_share(second) == pytest.approx(_centre_share(first))


def _centre_share(pane) -> tuple[float, float]:
    """The middle of the view as shares of the (unturned) film's width and height."""
    rows, cols = pane.image.shape
    (x0, x1), (y0, y1) = pane.viewbox.viewRange()
    return (x0 + x1) / 2 / cols, (y0 + y1) / 2 / rows


@pytest.mark.gui
def test_a_plugins_zoom_to_a_tiny_finding_stops_at_the_closest_zoom(window, cr_file):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    window.host.zoom_to(120.5, 80.5, field=1)  # one pixel across the pane would be about 600×
    assert pane.zoom == pytest.approx(MAX_ZOOM)
    assert _under(pane, QtCore.QPoint(pane.viewport().width() // 2, pane.viewport().height() // 2)) == pytest.approx(
        (120.5, 80.5), abs=0.5)
    window.host.center_on(120.5, 80.5, zoom=1e-4)  # and a zoom out to nothing at a quarter of the fit
    assert pane.zoom == pytest.approx(_fit_zoom(pane) * ZOOM_OUT_OF_FIT)

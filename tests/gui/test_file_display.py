"""The file's own display instructions in a real window: Presentation LUT Shape, display shutters, overlay planes."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtGui

from tests.dicom_factory import add_elements, make_cr, overlay_tags
from tests.gui.conftest import widget_point
from tests.gui.test_layers import _click_checkbox

pytestmark = pytest.mark.gui

ROWS, COLS = 200, 300


def _film(path: Path, **tags) -> Path:
    """A flat mid-grey film (its own window puts 2000 at mid-grey), so every drawn layer shows against it."""
    pixels = (2000 + np.arange(ROWS * COLS) % 7).reshape(ROWS, COLS).astype(np.uint16)
    return make_cr(path, rows=ROWS, cols=COLS, pixels=pixels, WindowCenter=2000, WindowWidth=2000, **tags)


def _colour(pane, x: float, y: float) -> QtGui.QColor:
    """What the screen shows at the centre of image pixel (x, y) (column, row)."""
    point = widget_point(pane, x + 0.5, y + 0.5)
    return pane.viewport().grab().toImage().pixelColor(point)


def _keep(pane, name: str) -> None:
    """Save what the pane shows for a human to look at when CXR_TEST_PNG_DIR is set."""
    folder = os.environ.get("CXR_TEST_PNG_DIR")
    if folder:
        pane.export_png(str(Path(folder) / name))


def test_monochrome2_with_inverse_presentation_lut_shape_opens_inverted(window, tmp_path):
    ramp = np.tile(np.arange(COLS, dtype=np.uint16) * 10, (ROWS, 1))
    window.open_paths([make_cr(tmp_path / "inverse.dcm", rows=ROWS, cols=COLS, pixels=ramp,
                               PresentationLUTShape="INVERSE")])
    pane = window.layout_panes.primary
    assert pane.state.invert is True
    assert "inverted" not in pane.corners.labels["bottom_left"].text()  # the file's own polarity, not the user's
    assert _colour(pane, 5, 100).value() > 200 and _colour(pane, 295, 100).value() < 50  # low values white
    _keep(pane, "presentation_lut_inverse.png")


def test_display_shutter_blacks_out_the_film_outside_it_and_toggles(window, tmp_path, qtbot):
    window.open_paths([_film(tmp_path / "shutter.dcm", ShutterShape=["RECTANGULAR", "CIRCULAR"],
                             ShutterLeftVerticalEdge=21, ShutterRightVerticalEdge=280, ShutterUpperHorizontalEdge=11,
                             ShutterLowerHorizontalEdge=190, CenterOfCircularShutter=[101, 151],
                             RadiusOfCircularShutter=95)])
    pane = window.layout_panes.primary
    layer = pane.overlays.layer("dicom.shutter")
    assert layer is not None and layer.visible
    assert layer.mask.shape == (ROWS, COLS) and layer.mask[100, 150] == False and layer.mask[5, 150] == True  # noqa: E712
    inside, outside_rect, outside_circle = _colour(pane, 150, 100), _colour(pane, 150, 5), _colour(pane, 60, 20)
    assert 90 < inside.value() < 170  # the film's mid-grey
    assert outside_rect.value() < 10 and outside_circle.value() < 10  # black: the default presentation value
    _keep(pane, "shutter_rect_circle.png")
    item = window.layer_panel.item_for("dicom.shutter")
    assert item is not None
    _click_checkbox(qtbot, window.layer_panel.tree, item)  # the user may look under the shutter
    assert 90 < _colour(pane, 150, 5).value() < 170


def test_overlay_plane_is_drawn_as_a_toggleable_layer(window, tmp_path, qtbot):
    letter = np.zeros((40, 28), bool)
    letter[:, 4:10] = letter[32:, 4:26] = True  # an 'L', 6 pixels thick
    path = add_elements(_film(tmp_path / "overlay.dcm"), overlay_tags(letter, row=21, col=31, description="L"))
    window.open_paths([path])
    pane = window.layout_panes.primary
    layer = pane.overlays.layer("dicom.overlay.6000")
    assert layer is not None and layer.visible and layer.name == "Overlay 6000: L"
    assert layer.origin == (30.0, 20.0)
    on_bar, off_letter = _colour(pane, 30 + 6, 20 + 10), _colour(pane, 30 + 20, 20 + 10)
    assert (on_bar.red(), on_bar.green(), on_bar.blue()) == (255, 255, 0)  # yellow where the plane's bit is set
    assert abs(off_letter.red() - off_letter.blue()) < 5  # the grey film beside it
    assert _colour(pane, 30 + 6, 20 + 45).blue() == _colour(pane, 30 + 6, 20 + 45).red()  # below the origin+size
    _keep(pane, "overlay_L.png")
    _click_checkbox(qtbot, window.layer_panel.tree, window.layer_panel.item_for("dicom.overlay.6000"))
    hidden = _colour(pane, 30 + 6, 20 + 10)
    assert abs(hidden.red() - hidden.blue()) < 5


def test_a_file_without_shutter_or_overlays_gets_no_file_layers(window, tmp_path):
    window.open_paths([_film(tmp_path / "plain.dcm")])
    assert window.layout_panes.primary.overlays.layers() == []


def test_file_layers_stay_during_a_blinded_read(make_window, tmp_path):
    window = make_window(load_plugins=False)
    window.open_paths([_film(tmp_path / "shutter.dcm", ShutterShape="CIRCULAR", CenterOfCircularShutter=[101, 151],
                             RadiusOfCircularShutter=60)])
    window.host.set_exclusive("reader_study")
    assert window.layout_panes.primary.overlays.layer("dicom.shutter") is not None
    window.host.set_exclusive(None)


def test_a_plugin_cannot_take_the_files_layer_namespace(make_window, tmp_path):
    """Layers named dicom.* survive a blinded read as the film's own: a plugin's layer must not pass as one."""
    from cxr_viewer.plugin_api import MarkerLayer

    window = make_window(load_plugins=False)
    window.open_paths([_film(tmp_path / "plain.dcm")])
    with pytest.raises(ValueError, match="the file's own"):
        window.host.add_layer(MarkerLayer(id="dicom.result", name="looks like the film's", group="x"))
    assert window.layout_panes.primary.overlays.layer("dicom.result") is None


def test_shutter_follows_rotation(window, tmp_path):
    window.open_paths([_film(tmp_path / "shutter.dcm", ShutterShape="RECTANGULAR", ShutterLeftVerticalEdge=1,
                             ShutterRightVerticalEdge=150, ShutterUpperHorizontalEdge=1, ShutterLowerHorizontalEdge=200)])
    pane = window.layout_panes.primary
    pane.rotate(1)
    pane.flip(horizontal=True)
    assert _colour(pane, 250, 100).value() < 10 and _colour(pane, 50, 100).value() > 90


def test_an_acr_nema_study_date_shows_as_a_date(window, tmp_path):
    """"2024.01.05" (a file written before DICOM 3.0) shows as 2024-01-05 like any other date."""
    with warnings.catch_warnings():  # pydicom warns about the old form it is asked to write
        warnings.simplefilter("ignore")
        path = make_cr(tmp_path / "old.dcm", rows=40, cols=40, StudyDate="2024.01.05")
    window.open_paths([path])
    assert window.layout_panes.primary.corners.texts["top_right"].splitlines()[0] == "2024-01-05"

"""Tools > Save measurements as presentation state…: greyed without a measurement or a DICOM film, refused during a
blinded read, and otherwise a GSPS whose line ends are the pixels the viewer's readout names under them."""

from __future__ import annotations

import math

import numpy as np
import pydicom
import pytest
from PIL import Image
from PySide6 import QtCore

from cxr_viewer.core.loader import load_image
from cxr_viewer.gui import gsps_save
from tests import dicom_factory
from tests.dicom_validation import dciodvfy_errors
from tests.gui.conftest import draw_distance


def _enabled(window) -> bool:
    window.menu_named("&Tools").aboutToShow.emit()  # what opening the menu does
    return window.actions[gsps_save.COMMAND].isEnabled()


def _readout_at(pane, x: float, y: float) -> str:
    """The cursor readout with the pointer on image point (x, y)."""
    texts: list[str] = []
    pane.cursor_text.connect(texts.append)
    pane.viewbox.updateMatrix()
    scene = pane.image_item.mapToScene(QtCore.QPointF(x, y))
    pane.readout.pointer_moved(pane.viewportTransform().map(scene))
    pane.readout.refresh()  # read now, not once the pointer has rested
    pane.cursor_text.disconnect(texts.append)
    return texts[-1]


@pytest.mark.gui
def test_saved_lines_end_on_the_pixels_the_viewer_shows(window, qtbot, tmp_path):
    film = dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, spacing=0.2)
    window.open_paths([film])
    pane = window.layout_panes.primary
    assert not _enabled(window)  # a film without a measurement
    draw_distance(window, qtbot, (100.5, 60.5), (220.5, 140.5))
    assert _enabled(window)
    out = tmp_path / "saved" / "gsps.dcm"
    out.parent.mkdir()
    assert gsps_save.write(window, out)
    ds = pydicom.dcmread(out)
    item = ds.GraphicAnnotationSequence[0]
    assert item.ReferencedImageSequence[0].ReferencedSOPInstanceUID == pydicom.dcmread(film).SOPInstanceUID
    x0, y0, x1, y1 = (float(v) for v in item.GraphicObjectSequence[0].GraphicData)
    assert (x0, y0, x1, y1) == pytest.approx(pane.measure.measurements[0].segment)
    pixels = pydicom.dcmread(film).pixel_array
    for x, y in ((x0, y0), (x1, y1)):  # DICOM's (0, 0) is the top-left pixel's corner: floor names the pixel
        col, row = math.floor(x), math.floor(y)
        words = _readout_at(pane, x, y).split()
        assert words[:6] == ["x", str(col), "y", str(row), "stored", str(pixels[row, col])]
    assert item.TextObjectSequence[0].UnformattedTextValue == pane.measure.measurements[0].text
    state = pane.windowing.state
    voi = ds.SoftcopyVOILUTSequence[0]
    assert (float(voi.WindowCenter), float(voi.WindowWidth)) == pytest.approx((state.center, state.width))
    assert dciodvfy_errors(out) == []
    assert ds.PresentationLUTShape == "IDENTITY"
    window.actions["invert"].trigger()  # the reader's I: low values white, as the saved state must show them
    assert gsps_save.write(window, out)
    assert pydicom.dcmread(out).PresentationLUTShape == "INVERSE"


@pytest.mark.gui
def test_greyed_for_a_picture_without_dicom(window, qtbot, tmp_path):
    picture = tmp_path / "photo.png"
    Image.fromarray(np.full((120, 160), 90, np.uint8)).save(picture)
    window.open_paths([picture])
    draw_distance(window, qtbot, (20, 20), (100, 80))
    assert window.layout_panes.primary.measure.measurements
    assert not _enabled(window)


@pytest.mark.gui
def test_refused_during_a_blinded_read(window, qtbot, tmp_path):
    film = dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, spacing=0.2)
    window.host.set_metadata_hidden(True)
    window.host.set_exclusive("reader_study")
    window.host.open_image_object(load_image(film))  # unstripped: it has a UID a GSPS could reference
    draw_distance(window, qtbot, (50, 50), (150, 50))
    assert window.layout_panes.primary.measure.measurements
    assert not _enabled(window)
    out = tmp_path / "gsps.dcm"
    assert not gsps_save.write(window, out)
    assert "blinded read" in window.statusBar().currentMessage() and not out.exists()
    window.host.close_image()
    window.host.set_exclusive(None)
    window.host.set_metadata_hidden(False)
    window.open_paths([film])
    draw_distance(window, qtbot, (50, 50), (150, 50))
    assert _enabled(window)

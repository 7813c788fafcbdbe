"""Another vendor's presentation state opened in the real viewer: its circles, lines and texts drawn read-only over
the film where the file puts them (PIXEL and DISPLAY units), in the layer's colour, as one toggleable layer that a
blinded read hides; what is not drawn said with why; several images asked about, the chosen one opened."""

from __future__ import annotations

from pathlib import Path

import highdicom as hd
import pydicom
import pyqtgraph as pg
import pytest
from highdicom.color import CIELabColor
from pydicom.uid import generate_uid
from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.gsps import Window, build_gsps, write_whole
from cxr_viewer.core.gsps_marks import annotation
from cxr_viewer.gui.label_item import LabelItem
from cxr_viewer.gui.marker_item import MarkerItem
from tests.dicom_factory import make_cr
from tests.gsps_vendor import DISPLAY, PIXEL, graphic, multiframe_state, vendor_gsps
from tests.gui.conftest import widget_point
from tests.gui.test_layers import _click_checkbox

pytestmark = pytest.mark.gui

NAME = "Presentation state annotations"
RED = CIELabColor.from_rgb(255, 0, 0)


def _state(tmp_path: Path, sources: list[pydicom.Dataset], on: pydicom.Dataset | None = None) -> Path:
    """A PACS's presentation state: a red circle round (100, 80) of radius 20, an open three-point line and a boxed
    note on ``on`` (the first source unless named), and a point on an image that is not here."""
    on = on or sources[0]
    layer = hd.pr.GraphicLayer("LESIONS", order=1, display_color=RED)
    drawn = hd.pr.GraphicAnnotation(
        referenced_images=[on], graphic_layer=layer,
        graphic_objects=[graphic("CIRCLE", [(100.0, 80.0), (120.0, 80.0)]),
                         graphic("POLYLINE", [(10.0, 10.0), (60.0, 20.0), (40.0, 50.0)])],
        text_objects=[hd.pr.TextObject("nodule?", PIXEL, bounding_box=(130.0, 60.0, 180.0, 75.0))])
    elsewhere = hd.pr.GraphicAnnotation(referenced_images=[on], graphic_layer=layer,
                                        graphic_objects=[graphic("POINT", [(5.0, 5.0)])])
    path = tmp_path / "vendor_gsps.dcm"
    ds = vendor_gsps(path, sources, [drawn, elsewhere], [layer])
    ds.GraphicAnnotationSequence[1].ReferencedImageSequence[0].ReferencedSOPInstanceUID = generate_uid()
    ds.save_as(path)
    return path


def _layer(pane):
    return next((layer for layer in pane.overlays.layers() if layer.name == NAME), None)


def _items(pane, kind):
    group = pane.overlays.item(_layer(pane).id)
    return [item for item in group.childItems() if isinstance(item, kind)]


def _scene(item, x: float, y: float) -> QtCore.QPointF:
    return item.mapToScene(QtCore.QPointF(x, y))


def _near(a: QtCore.QPointF, b: QtCore.QPointF) -> bool:
    return abs(a.x() - b.x()) < 1e-6 and abs(a.y() - b.y()) < 1e-6


def _red_at(pane, x: float, y: float) -> bool:
    colour = pane.viewport().grab().toImage().pixelColor(widget_point(pane, x, y))
    return colour.red() > 180 and colour.green() < 90 and colour.blue() < 90


def test_circle_line_and_note_are_drawn_where_the_file_puts_them(window, cr_file, tmp_path):
    source = pydicom.dcmread(cr_file, stop_before_pixels=True)
    assert window.open_paths([_state(tmp_path, [source])])
    pane = window.layout_panes.primary
    assert _layer(pane) is not None and pane.measure.measurements == []
    circle, line = _items(pane, QtWidgets.QGraphicsPathItem)
    film = pane.image_item
    corners = [line.path().elementAt(i) for i in range(line.path().elementCount())]
    assert len(corners) == 3  # open: no segment back to the start
    for corner, pixel in zip(corners, [(10.0, 10.0), (60.0, 20.0), (40.0, 50.0)]):
        assert _near(_scene(line, corner.x, corner.y), film.mapToScene(QtCore.QPointF(*pixel)))
    ring = [circle.path().elementAt(i) for i in range(circle.path().elementCount())]
    assert _near(_scene(circle, ring[0].x, ring[0].y), film.mapToScene(QtCore.QPointF(120.0, 80.0)))
    assert all(abs(QtCore.QLineF(QtCore.QPointF(p.x, p.y), QtCore.QPointF(100.0, 80.0)).length() - 20.0) < 1e-6
               for p in ring)
    (note,) = _items(pane, pg.TextItem)
    assert note.toPlainText() == "nodule?" and tuple(note.anchor) == (0.5, 0.0)  # CENTER, highdicom's default
    assert _near(note.parentItem().mapToScene(note.pos()), film.mapToScene(QtCore.QPointF(155.0, 60.0)))
    assert note not in pane.labels()  # in its bounding box, where the file puts it: the label layout leaves it there
    assert circle.pen().color().name() == note.color.name() == "#ff0000"  # the layer's recommended colour
    assert _red_at(pane, 120.0, 80.0)  # drawn on screen, on the circle's rightmost point
    message = window.statusBar().currentMessage()
    assert f"3 annotation(s) shown (layer {NAME})" in message
    assert "1 annotation(s) not shown: 1 on other images or frames" in message


def test_display_units_are_placed_through_the_displayed_area(window, cr_file, tmp_path):
    source = pydicom.dcmread(cr_file, stop_before_pixels=True)
    layer = hd.pr.GraphicLayer("NOTES", order=1)
    item = hd.pr.GraphicAnnotation(referenced_images=[source], graphic_layer=layer,
                                   text_objects=[hd.pr.TextObject("see here", DISPLAY, anchor_point=(0.5, 0.5))])
    path = tmp_path / "display_gsps.dcm"
    ds = vendor_gsps(path, [source], [item], [layer])
    area = ds.DisplayedAreaSelectionSequence[0]
    area.DisplayedAreaTopLeftHandCorner, area.DisplayedAreaBottomRightHandCorner = [101, 1], [300, 100]
    ds.save_as(path)
    assert window.open_paths([path])
    pane = window.layout_panes.primary
    (note,) = _items(pane, LabelItem)
    assert _near(note.parentItem().mapToScene(note.pos()), pane.image_item.mapToScene(QtCore.QPointF(200.0, 50.0)))
    assert note.color.name() == "#ff80ff"  # no recommended colour: the viewer's annotation colour


def test_the_layer_list_toggles_them(window, cr_file, tmp_path, qtbot):
    source = pydicom.dcmread(cr_file, stop_before_pixels=True)
    window.open_paths([_state(tmp_path, [source])])
    pane = window.layout_panes.primary
    group = pane.overlays.item(_layer(pane).id)
    _click_checkbox(qtbot, window.layer_panel.tree, window.layer_panel.item_for(_layer(pane).id))
    assert not group.isVisible() and not _red_at(pane, 120.0, 80.0) and pane.labels() == []
    _click_checkbox(qtbot, window.layer_panel.tree, window.layer_panel.item_for(_layer(pane).id))
    assert group.isVisible() and _red_at(pane, 120.0, 80.0)


def test_a_blinded_read_hides_them_until_it_ends(window, cr_file, tmp_path):
    source = pydicom.dcmread(cr_file, stop_before_pixels=True)
    window.open_paths([_state(tmp_path, [source])])
    pane = window.layout_panes.primary
    (note,) = _items(pane, pg.TextItem)
    window.hold.set_metadata_hidden(True)
    assert not _red_at(pane, 120.0, 80.0) and not note.isVisible()
    window.hold.set_metadata_hidden(False)
    assert _red_at(pane, 120.0, 80.0) and note.isVisible()


def _two_films(tmp_path: Path) -> list[Path]:
    """A PA and a lateral of one series, side by side in one folder."""
    study, series = generate_uid(), generate_uid()
    return [make_cr(tmp_path / name, rows=200, cols=300, StudyInstanceUID=study, SeriesInstanceUID=series,
                    ViewPosition=view) for name, view in (("pa.dcm", "PA"), ("lateral.dcm", "LL"))]


def _choice(window) -> QtWidgets.QInputDialog | None:
    return window.findChild(QtWidgets.QInputDialog, "gsps-image-choice")


def test_of_several_images_the_reader_picks_which_opens(window, tmp_path, qtbot):
    films = _two_films(tmp_path)
    sources = [pydicom.dcmread(f, stop_before_pixels=True) for f in films]
    path = _state(tmp_path, sources, on=sources[1])  # the annotations are on the lateral
    assert window.open_paths([path])
    dialog = _choice(window)
    assert dialog is not None and window.layout_panes.primary.image is None  # nothing opened before the answer
    lines = dialog.comboBoxItems()
    assert lines == ["1. pa.dcm: 0 measurement(s), 0 annotation(s)", "2. lateral.dcm: 0 measurement(s), 3 annotation(s)"]
    assert dialog.textValue() == lines[1]  # offered: the one that carries annotations
    dialog.accept()
    qtbot.waitUntil(lambda: _choice(window) is None)
    pane = window.layout_panes.primary
    assert pane.image.path == films[1] and len(_items(pane, QtWidgets.QGraphicsPathItem)) == 2


def test_cancelling_the_choice_opens_nothing(window, tmp_path, qtbot):
    sources = [pydicom.dcmread(f, stop_before_pixels=True) for f in _two_films(tmp_path)]
    assert window.open_paths([_state(tmp_path, sources)])
    dialog = _choice(window)
    assert dialog is not None
    dialog.reject()
    qtbot.waitUntil(lambda: _choice(window) is None)
    assert window.layout_panes.primary.image is None


def test_on_a_multiframe_film_the_named_frames_annotations_are_drawn(window, tmp_path):
    path = multiframe_state(tmp_path, 2, [(2, 20.0), (3, 40.0)])
    assert window.open_paths([path])
    pane = window.layout_panes.primary
    assert pane.image.frame_index == 1
    (ring,) = _items(pane, MarkerItem)
    assert _near(ring.mapToScene(QtCore.QPointF(0, 0)), pane.image_item.mapToScene(QtCore.QPointF(20.0, 5.0)))
    message = window.statusBar().currentMessage()
    assert "1 annotation(s) shown" in message and "1 on other images or frames" in message


def test_what_its_measurement_layer_holds_that_is_no_measurement_is_said(window, cr_file, tmp_path):
    path = tmp_path / "ours_gsps.dcm"
    source = pydicom.dcmread(cr_file, stop_before_pixels=True)
    write_whole(build_gsps(source, [annotation((5.5, 5.5, 30.5, 5.5), "x")], Window(100.0, 200.0)), path)
    ds = pydicom.dcmread(path)
    line = ds.GraphicAnnotationSequence[0].GraphicObjectSequence[0]
    line.GraphicType, line.GraphicData, line.NumberOfGraphicPoints = "POINT", [5.5, 5.5], 1
    ds.save_as(path)
    assert window.open_paths([path])
    assert _layer(window.layout_panes.primary) is None  # nothing of another vendor's to draw
    assert ("2 annotation(s) not shown: 2 in the measurement layer not measurements this viewer draws"
            in window.statusBar().currentMessage())

"""Another vendor's presentation state in the real viewer: a layer of its that happens to be called MEASUREMENTS
drawn as its annotations (not turned into editable measurements), boxed texts in their box as justified with a
line to a shown anchor point, and compound graphics drawn on screen."""

from __future__ import annotations

import highdicom as hd
import pydicom
import pyqtgraph as pg
import pytest
from highdicom.color import CIELabColor
from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.gsps import LAYER
from tests.gsps_vendor import PIXEL, compound, graphic, vendor_gsps, with_compounds
from tests.gui.test_gsps_vendor_open import _items, _near, _red_at

pytestmark = pytest.mark.gui


def test_a_vendor_layer_named_like_ours_opens_as_annotations(window, cr_file, tmp_path):
    source = pydicom.dcmread(cr_file, stop_before_pixels=True)
    layer = hd.pr.GraphicLayer(LAYER, order=1, display_color=CIELabColor.from_rgb(255, 0, 0))
    path = tmp_path / "other.dcm"
    vendor_gsps(path, [source], [hd.pr.GraphicAnnotation(
        referenced_images=[source], graphic_layer=layer,
        graphic_objects=[graphic("POLYLINE", [(100.0, 80.0), (200.0, 80.0)])],
        text_objects=[hd.pr.TextObject("20.0 mm", PIXEL, anchor_point=(200.0, 80.0))])], [layer])
    assert window.open_paths([path])
    pane = window.layout_panes.primary
    assert pane.measure.measurements == []  # nothing editable made of another product's line
    assert len(_items(pane, QtWidgets.QGraphicsPathItem)) == 1 and _red_at(pane, 150.0, 80.0)
    assert "2 annotation(s) shown" in window.statusBar().currentMessage()


def test_boxed_texts_are_justified_in_their_box_with_a_line_to_a_shown_anchor(window, cr_file, tmp_path):
    source = pydicom.dcmread(cr_file, stop_before_pixels=True)
    layer = hd.pr.GraphicLayer("NOTES", order=1)
    texts = [hd.pr.TextObject(word, PIXEL, bounding_box=(20.0, 10.0, 80.0, 20.0), anchor_point=(90.0, 60.0),
                              text_justification=word.upper()) for word in ("left", "right", "center")]
    path = tmp_path / "texts.dcm"
    ds = vendor_gsps(path, [source], [hd.pr.GraphicAnnotation(referenced_images=[source], graphic_layer=layer,
                                                              text_objects=texts)], [layer])
    for item, visible in zip(ds.GraphicAnnotationSequence[0].TextObjectSequence, "NNY"):
        item.AnchorPointVisibility = visible
    ds.save_as(path)
    assert window.open_paths([path])
    pane = window.layout_panes.primary
    film = pane.image_item
    notes = {item.toPlainText(): item for item in _items(pane, pg.TextItem)}
    for word, x, end in (("left", 20.0, 0.0), ("right", 80.0, 1.0), ("center", 50.0, 0.5)):
        note = notes[word]
        assert tuple(note.anchor) == (end, 0.0)  # pinned by its left end, its right end or its middle
        assert _near(note.parentItem().mapToScene(note.pos()), film.mapToScene(QtCore.QPointF(x, 10.0)))
    (line,) = _items(pane, QtWidgets.QGraphicsPathItem)  # only the centred text's anchor is to be shown
    ends = [line.path().elementAt(i) for i in range(2)]
    assert [(e.x, e.y) for e in ends] == [(80.0, 20.0), (90.0, 60.0)]  # from the box's nearest corner to the anchor


def test_compound_graphics_are_drawn_over_the_film(window, cr_file, tmp_path):
    source = pydicom.dcmread(cr_file, stop_before_pixels=True)
    path = tmp_path / "compound.dcm"
    ds = with_compounds(path, source, [compound("RECTANGLE", [(40.0, 40.0), (120.0, 100.0)], 1),
                                       compound("ARROW", [(150.0, 150.0), (250.0, 150.0)], 2)])
    ds.GraphicLayerSequence[0].GraphicLayerRecommendedDisplayCIELabValue = list(CIELabColor.from_rgb(255, 0, 0).value)
    ds.save_as(path)
    assert window.open_paths([path])
    pane = window.layout_panes.primary
    assert _red_at(pane, 80.0, 40.0) and _red_at(pane, 120.0, 70.0) and _red_at(pane, 200.0, 150.0)
    assert not _red_at(pane, 80.0, 70.0)  # an outline: the box's inside is the film
    assert "2 annotation(s) shown" in window.statusBar().currentMessage()

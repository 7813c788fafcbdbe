"""Another vendor's annotations read from a real presentation state (highdicom writes it as a PACS would): circles,
ellipses, polylines, points and texts in image pixels, DISPLAY units through the displayed area, only those for the
image (and frame) opened, layers in their order and recommended colours, and what cannot be drawn counted."""

from __future__ import annotations

import math
from pathlib import Path

import highdicom as hd
import pydicom
from highdicom.color import CIELabColor
from pydicom.uid import generate_uid

from cxr_viewer.core.gsps_annotations import vendor_annotations
from cxr_viewer.core.gsps_layers import ANNOTATION_COLOUR, lab_to_rgb
from cxr_viewer.core.gsps_read import read_presentation_state
from tests.dicom_factory import make_cr
from tests.gsps_vendor import DISPLAY, PIXEL, graphic, vendor_gsps


def _source(tmp_path: Path, name: str = "cr.dcm", **tags) -> pydicom.Dataset:
    return pydicom.dcmread(make_cr(tmp_path / name, rows=100, cols=200, **tags), stop_before_pixels=True)


def test_circle_ellipse_polylines_point_and_texts_in_pixels(tmp_path):
    source = _source(tmp_path)
    layer = hd.pr.GraphicLayer("LESIONS", order=1)
    graphics = [graphic("CIRCLE", [(50.0, 40.0), (60.0, 40.0)]),
                graphic("ELLIPSE", [(100.0, 50.0), (140.0, 50.0), (120.0, 40.0), (120.0, 60.0)]),
                graphic("POLYLINE", [(10.0, 10.0), (30.0, 15.0), (20.0, 30.0)]),
                graphic("INTERPOLATED", [(150.0, 80.0), (160.0, 90.0), (170.0, 80.0)]),
                graphic("POINT", [(5.0, 95.0)])]
    texts = [hd.pr.TextObject("nodule?", PIXEL, bounding_box=(62.0, 30.0, 90.0, 38.0)),
             hd.pr.TextObject("line tip", PIXEL, anchor_point=(20.0, 30.0))]
    ds = vendor_gsps(tmp_path / "o.dcm", [source], [hd.pr.GraphicAnnotation(
        referenced_images=[source], graphic_layer=layer, graphic_objects=graphics, text_objects=texts)], [layer])
    found = vendor_annotations(ds, str(source.SOPInstanceUID), None, (100, 200))
    assert found.not_shown == {} and found.shown == 7
    (drawing,) = found.drawings
    circle, ellipse, polyline, interpolated, point = drawing.lines
    assert circle[0] == (60.0, 40.0) and circle[-1] == circle[0]  # closed, from the point on its perimeter
    assert all(math.isclose(math.hypot(x - 50.0, y - 40.0), 10.0) for x, y in circle)
    assert all(math.isclose(((x - 120) / 20) ** 2 + ((y - 50) / 10) ** 2, 1.0) for x, y in ellipse)
    assert {round(y) for _x, y in ellipse} >= {40, 60} and ellipse[-1] == ellipse[0]
    assert polyline == ((10.0, 10.0), (30.0, 15.0), (20.0, 30.0))  # open: no segment back to the start
    assert interpolated == ((150.0, 80.0), (160.0, 90.0), (170.0, 80.0))  # drawn through its points
    assert point == ((5.0, 95.0),)
    box_note, anchor_note = drawing.notes
    assert (box_note.text, box_note.position, box_note.box) == ("nodule?", (62.0, 30.0), (62.0, 30.0, 90.0, 38.0))
    assert (anchor_note.text, anchor_note.position, anchor_note.box) == ("line tip", (20.0, 30.0), None)
    assert drawing.layer.colour == ANNOTATION_COLOUR


def test_display_units_go_through_the_displayed_area_else_the_whole_image(tmp_path):
    source = _source(tmp_path)
    layer = hd.pr.GraphicLayer("NOTES", order=1)
    ds = vendor_gsps(tmp_path / "o.dcm", [source], [hd.pr.GraphicAnnotation(
        referenced_images=[source], graphic_layer=layer,
        graphic_objects=[graphic("POLYLINE", [(0.0, 0.0), (0.5, 0.5), (1.0, 1.0)], DISPLAY)],
        text_objects=[hd.pr.TextObject("half way", DISPLAY, anchor_point=(0.5, 0.25))])], [layer])
    area = ds.DisplayedAreaSelectionSequence[0]
    area.DisplayedAreaTopLeftHandCorner, area.DisplayedAreaBottomRightHandCorner = [101, 51], [200, 100]
    uid = str(source.SOPInstanceUID)
    (drawing,) = vendor_annotations(ds, uid, None, (100, 200)).drawings
    assert drawing.lines == (((100.0, 50.0), (150.0, 75.0), (200.0, 100.0)),)  # pixel 101's left edge is x 100
    assert drawing.notes[0].position == (150.0, 62.5)
    del ds.DisplayedAreaSelectionSequence
    (drawing,) = vendor_annotations(ds, uid, None, (100, 200)).drawings
    assert drawing.lines == (((0.0, 0.0), (100.0, 50.0), (200.0, 100.0)),) and drawing.notes[0].position == (100.0, 25.0)


def test_only_the_opened_image_and_frame_and_what_cannot_be_drawn_is_counted(tmp_path):
    film = _source(tmp_path)
    layer = hd.pr.GraphicLayer("LESIONS", order=1)
    on_frame_2 = hd.pr.GraphicAnnotation(referenced_images=[film], graphic_layer=layer,
                                         graphic_objects=[graphic("POINT", [(5.0, 5.0)])])
    on_other = hd.pr.GraphicAnnotation(referenced_images=[film], graphic_layer=layer,
                                       graphic_objects=[graphic("POINT", [(6.0, 6.0)]), graphic("POINT", [(7.0, 7.0)])])
    ds = vendor_gsps(tmp_path / "o.dcm", [film], [on_frame_2, on_other], [layer])
    ds.GraphicAnnotationSequence[0].ReferencedImageSequence[0].ReferencedFrameNumber = 2  # as on a multi-frame film
    ds.GraphicAnnotationSequence[1].ReferencedImageSequence[0].ReferencedSOPInstanceUID = generate_uid()  # another film
    everywhere = pydicom.Dataset()  # no Referenced Image Sequence: every image of the presentation state
    everywhere.GraphicLayer = "LESIONS"
    everywhere.GraphicObjectSequence = [pydicom.Dataset(), pydicom.Dataset()]
    for point, units in zip(everywhere.GraphicObjectSequence, ("PIXEL", "MATRIX")):
        point.GraphicAnnotationUnits, point.GraphicDimensions, point.NumberOfGraphicPoints = units, 2, 1
        point.GraphicData, point.GraphicType = [9.0, 9.0], "POINT"
    ds.GraphicAnnotationSequence.append(everywhere)
    uid = str(film.SOPInstanceUID)
    frame_2 = vendor_annotations(ds, uid, 2, (100, 200))
    assert [line for d in frame_2.drawings for line in d.lines] == [((5.0, 5.0),), ((9.0, 9.0),)]
    assert frame_2.not_shown == {"on other images or frames": 2, "in MATRIX units": 1}
    frame_3 = vendor_annotations(ds, uid, 3, (100, 200))
    assert frame_3.shown == 1 and frame_3.not_shown == {"on other images or frames": 3, "in MATRIX units": 1}
    assert read_presentation_state(ds).not_shown == 0  # counted here now, not as "no measurement of ours"


def test_layers_stack_in_their_order_with_their_recommended_colours(tmp_path):
    source = _source(tmp_path)
    red = hd.pr.GraphicLayer("TOP", order=5, display_color=CIELabColor.from_rgb(255, 0, 0))
    grey = hd.pr.GraphicLayer("BOTTOM", order=2)
    items = [hd.pr.GraphicAnnotation(referenced_images=[source], graphic_layer=layer,
                                     graphic_objects=[graphic("POINT", [(1.0, 1.0)])]) for layer in (red, grey)]
    ds = vendor_gsps(tmp_path / "o.dcm", [source], items, [red, grey])
    bottom_item = next(i for i in ds.GraphicLayerSequence if i.GraphicLayer == "BOTTOM")
    bottom_item.GraphicLayerRecommendedDisplayGrayscaleValue = 0x8000
    drawings = vendor_annotations(ds, str(source.SOPInstanceUID), None, (100, 200)).drawings
    assert [(d.layer.name, d.layer.colour) for d in drawings] == [("BOTTOM", "#808080"), ("TOP", "#ff0000")]


def test_cielab_values_come_out_as_their_srgb_colours():
    for rgb in [(255, 0, 0), (0, 128, 255), (255, 255, 255), (0, 0, 0), (40, 200, 90)]:
        shown = lab_to_rgb(CIELabColor.from_rgb(*rgb).value)
        assert all(abs(int(shown[1 + 2 * i:3 + 2 * i], 16) - rgb[i]) <= 2 for i in range(3)), (rgb, shown)

"""Whose presentation state it is decides how its layer named MEASUREMENTS is read: this viewer's own file gives
editable measurements back, another vendor's layer of that name is drawn as its annotations, like any other layer."""

from __future__ import annotations

import highdicom as hd
import pydicom

from cxr_viewer.core.gsps import LAYER, Window, build_gsps, write_whole
from cxr_viewer.core.gsps_annotations import vendor_annotations
from cxr_viewer.core.gsps_marks import annotation
from cxr_viewer.core.gsps_read import read_presentation_state
from tests.dicom_factory import make_cr
from tests.gsps_vendor import PIXEL, graphic, vendor_gsps


def test_another_vendors_layer_named_like_ours_is_drawn_not_read_as_measurements(tmp_path):
    source = pydicom.dcmread(make_cr(tmp_path / "cr.dcm", rows=100, cols=200), stop_before_pixels=True)
    layer = hd.pr.GraphicLayer(LAYER, order=1)  # the name this viewer's own writer uses
    ds = vendor_gsps(tmp_path / "other.dcm", [source], [hd.pr.GraphicAnnotation(
        referenced_images=[source], graphic_layer=layer,
        graphic_objects=[graphic("POLYLINE", [(10.0, 20.0), (50.0, 20.0)])],
        text_objects=[hd.pr.TextObject("12.0 mm", PIXEL, anchor_point=(50.0, 20.0))])], [layer])
    state = read_presentation_state(ds)
    assert state.marks == () and state.not_shown == 0  # no editable distance made of a stranger's line
    found = vendor_annotations(ds, str(source.SOPInstanceUID), None, (100, 200))
    assert found.shown == 2 and found.not_shown == {}
    (drawing,) = found.drawings
    assert drawing.layer.name == LAYER and drawing.lines == (((10.0, 20.0), (50.0, 20.0)),)
    assert drawing.notes[0].text == "12.0 mm"


def test_our_own_file_still_gives_its_measurements_and_no_annotations(tmp_path):
    source = pydicom.dcmread(make_cr(tmp_path / "cr.dcm", rows=100, cols=200), stop_before_pixels=True)
    path = tmp_path / "ours.dcm"
    write_whole(build_gsps(source, [annotation((10.5, 20.5, 40.5, 20.5), "6.0 mm")], Window(100.0, 200.0)), path)
    ds = pydicom.dcmread(path)
    assert [m.mark for m in read_presentation_state(ds).marks] == [(10.5, 20.5, 40.5, 20.5)]
    found = vendor_annotations(ds, str(source.SOPInstanceUID), None, (100, 200))
    assert found.shown == 0 and found.drawings == ()

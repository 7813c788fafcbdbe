"""A vendor's text objects: a boxed text keeps its Bounding Box Text Horizontal Justification, and its anchor point
comes with it when Anchor Point Visibility is Y (a line is to be drawn from the box to it), not when N."""

from __future__ import annotations

import highdicom as hd
import pydicom

from cxr_viewer.core.gsps_annotations import vendor_annotations
from tests.dicom_factory import make_cr
from tests.gsps_vendor import PIXEL, vendor_gsps


def test_justification_and_the_anchor_shown_with_a_box(tmp_path):
    source = pydicom.dcmread(make_cr(tmp_path / "cr.dcm", rows=100, cols=200), stop_before_pixels=True)
    texts = [hd.pr.TextObject(word, PIXEL, bounding_box=(20.0, 10.0, 80.0, 20.0), anchor_point=(90.0, 60.0),
                              text_justification=justify)
             for word, justify in (("left", "LEFT"), ("right", "RIGHT"), ("centre", "CENTER"), ("hidden", "LEFT"))]
    layer = hd.pr.GraphicLayer("NOTES", order=1)
    ds = vendor_gsps(tmp_path / "ps.dcm", [source], [hd.pr.GraphicAnnotation(
        referenced_images=[source], graphic_layer=layer, text_objects=texts)], [layer])
    items = ds.GraphicAnnotationSequence[0].TextObjectSequence
    for item, visible in zip(items, "YYYN"):
        item.AnchorPointVisibility = visible
    notes = vendor_annotations(ds, str(source.SOPInstanceUID), None, (100, 200)).drawings[0].notes
    assert [(n.text, n.justify) for n in notes] == [("left", "LEFT"), ("right", "RIGHT"), ("centre", "CENTER"),
                                                   ("hidden", "LEFT")]
    assert [n.anchor for n in notes] == [(90.0, 60.0)] * 3 + [None]
    assert all(n.box == (20.0, 10.0, 80.0, 20.0) for n in notes)

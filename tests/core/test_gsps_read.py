"""A presentation state read back: what ``core.gsps`` wrote comes back as the viewer's marks, with the image's UID
and the window; another vendor's graphics are no marks; the images are found beside the file."""

from __future__ import annotations

from pathlib import Path

import highdicom as hd
import numpy as np
import pydicom

from cxr_viewer.core.gsps import Window, build_gsps, write_whole
from cxr_viewer.core.gsps_image import beside
from cxr_viewer.core.gsps_marks import annotation
from cxr_viewer.core.gsps_read import Reference, is_presentation_state, read_presentation_state
from cxr_viewer.core.image import VoiFunction, VoiLut
from tests.dicom_factory import make_cr, make_multiframe

MARKS = [
    ((10.5, 20.5, 40.5, 22.5), "4.5 mm (Pixel Spacing, calibration unknown)"),
    (((20.0, 30.0, 44.0, 33.0), (5.0, 40.0, 59.0, 41.0)), "CTR 0.44 (heart 3.6 mm / chest 8.1 mm)\nview not stated"),
    (("angle", 5.0, 5.0, 20.0, 20.0, 35.0, 5.0), "Angle 90.0°"),
    (("roi", 50.0, 60.0, 30.0, 10.0), "ROI area 11.8 mm²\nmean 1100.0 SD 0.0 min 1100 max 1100 n=784"),
]
# the same marks as they come back: a ratio's widths at their first end's row, an ROI's box from its top-left
BACK = [
    (10.5, 20.5, 40.5, 22.5),
    ((20.0, 30.0, 44.0, 30.0), (5.0, 40.0, 59.0, 40.0)),
    ("angle", 5.0, 5.0, 20.0, 20.0, 35.0, 5.0),
    ("roi", 30.0, 10.0, 50.0, 60.0),
]


def _written(folder: Path, window: Window = Window(1500.0, 2000.0), source_path: Path | None = None,
             frame: int | None = None) -> tuple[Path, pydicom.Dataset]:
    source_path = source_path or make_cr(folder / "cr.dcm", rows=64, cols=64)
    source = pydicom.dcmread(source_path, stop_before_pixels=True)
    out = folder / "gsps.dcm"
    write_whole(build_gsps(source, [annotation(m, t) for m, t in MARKS], window, frame), out)
    return out, source


def test_round_trip_gives_back_the_marks_labels_and_image(tmp_path):
    path, source = _written(tmp_path)
    ds = pydicom.dcmread(path)
    state = read_presentation_state(ds)
    assert is_presentation_state(ds) and not is_presentation_state(source)
    assert state.references == (Reference(str(source.SOPInstanceUID)),)
    assert [m.mark for m in state.marks] == BACK
    assert [m.text for m in state.marks] == [text for _mark, text in MARKS]
    assert state.not_shown == 0


def test_window_function_and_inverse(tmp_path):
    path, _source = _written(tmp_path, Window(1234.0, 567.0, VoiFunction.SIGMOID, invert=True))
    state = read_presentation_state(pydicom.dcmread(path))
    assert (state.center, state.width, state.function, state.invert) == (1234.0, 567.0, "SIGMOID", True)
    assert state.window_note == ""


def test_a_voi_lut_table_is_named_as_not_applied(tmp_path):
    table = VoiLut(first_mapped=100, table=np.arange(0, 4096, 16, dtype=np.uint16), bits=12, name="SOFT")
    path, _source = _written(tmp_path, Window(228.0, 256.0, voi_lut=table))
    state = read_presentation_state(pydicom.dcmread(path))
    assert state.center is None and "VOI LUT table was not applied" in state.window_note


def test_the_frame_of_a_multiframe_film(tmp_path):
    path, source = _written(tmp_path, source_path=make_multiframe(tmp_path / "mf.dcm", frames=3, rows=64, cols=64),
                            frame=2)
    state = read_presentation_state(pydicom.dcmread(path))
    assert {m.reference for m in state.marks} == {Reference(str(source.SOPInstanceUID), 2)}
    assert state.references == (Reference(str(source.SOPInstanceUID), 2),)  # what the film is opened at


def test_another_vendors_circle_and_text_are_no_marks_and_not_counted_here(tmp_path):
    """They are drawn, or counted with why, by ``core.gsps_annotations`` (tests/core/test_gsps_annotations.py)."""
    source = pydicom.dcmread(make_cr(tmp_path / "cr.dcm", rows=64, cols=64), stop_before_pixels=True)
    layer = hd.pr.GraphicLayer("LESIONS", order=1)
    circle = hd.pr.GraphicObject(hd.pr.GraphicTypeValues.CIRCLE, np.array([[30.0, 30.0], [35.0, 30.0]]),
                                 hd.pr.AnnotationUnitsValues.PIXEL)
    text = hd.pr.TextObject("nodule?", hd.pr.AnnotationUnitsValues.PIXEL, anchor_point=(35.0, 30.0))
    item = hd.pr.GraphicAnnotation(referenced_images=[source], graphic_layer=layer, graphic_objects=[circle],
                                   text_objects=[text])
    gsps = hd.pr.GrayscaleSoftcopyPresentationState(
        referenced_images=[source], series_instance_uid=hd.UID(), series_number=7, sop_instance_uid=hd.UID(),
        instance_number=1, manufacturer="Other PACS", manufacturer_model_name="X", software_versions="1",
        device_serial_number="1", content_label="OTHER", graphic_annotations=[item], graphic_layers=[layer])
    write_whole(gsps, tmp_path / "other.dcm")
    state = read_presentation_state(pydicom.dcmread(tmp_path / "other.dcm"))
    assert state.marks == () and state.not_shown == 0
    assert state.references == (Reference(str(source.SOPInstanceUID)),)


def test_a_graphic_in_our_layer_that_is_not_ours_is_not_shown(tmp_path):
    """An ellipse under a distance's label is no measurement of ours: not drawn as a distance, counted instead."""
    path, _source = _written(tmp_path)
    ds = pydicom.dcmread(path)
    ds.GraphicAnnotationSequence[0].GraphicObjectSequence[0].GraphicType = "POINT"
    ds.GraphicAnnotationSequence[0].GraphicObjectSequence[0].GraphicData = [10.5, 20.5]
    ds.GraphicAnnotationSequence[0].GraphicObjectSequence[0].NumberOfGraphicPoints = 1
    state = read_presentation_state(ds)
    assert [m.mark for m in state.marks] == BACK[1:] and state.not_shown == 2  # its text and its point


def test_a_graphic_of_ours_with_points_that_are_no_numbers_is_not_shown(tmp_path):
    """A distance whose points are not finite (a damaged file) is counted, not drawn as a line to nowhere."""
    path, _source = _written(tmp_path)
    ds = pydicom.dcmread(path)
    ds.GraphicAnnotationSequence[0].GraphicObjectSequence[0].GraphicData = [10.5, float("nan"), 40.5, 22.5]
    state = read_presentation_state(ds)
    assert [m.mark for m in state.marks] == BACK[1:] and state.not_shown == 2  # its text and its line


def test_the_image_is_found_beside_the_presentation_state(tmp_path):
    path, source = _written(tmp_path)
    (tmp_path / "notes.txt").write_text("not DICOM")
    assert beside(path, [str(source.SOPInstanceUID), "1.2.3.4.5"]) == {str(source.SOPInstanceUID): tmp_path / "cr.dcm"}

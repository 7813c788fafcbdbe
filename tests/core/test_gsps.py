"""Measurements saved as a Grayscale Softcopy Presentation State: a real highdicom object written, read back with
pydicom and checked by dciodvfy. Coordinates are DICOM's PIXEL units (PS3.3 C.10.5): (0, 0) is the top-left
corner of the top-left pixel, x the column, so a line from the centre of pixel (col 10, row 20) to the centre of
pixel (col 40, row 20) has its ends at (10.5, 20.5) and (40.5, 20.5)."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pydicom
import pytest

from cxr_viewer.core.gsps import Window, build_gsps, write_whole
from cxr_viewer.core.gsps_marks import annotation
from cxr_viewer.core.image import VoiFunction, VoiLut
from tests.dicom_factory import make_cr, make_multiframe
from tests.dicom_validation import dciodvfy_errors

MARKS = [
    ((10.5, 20.5, 40.5, 20.5), "4.5 mm (Pixel Spacing, calibration unknown)"),
    (((20.0, 30.0, 44.0, 33.0), (5.0, 40.0, 59.0, 41.0)), "CTR 0.44 (heart 3.6 mm / chest 8.1 mm)\nview not stated"),
    (("angle", 5.0, 5.0, 20.0, 20.0, 35.0, 5.0), "Angle 90.0°"),
    (("roi", 30.0, 10.0, 50.0, 60.0), "ROI area 11.8 mm²\nmean 1100.0 SD 0.0 min 1100 max 1100 n=784"),
]


def _saved(tmp_path: Path, window: Window = Window(1500.0, 2000.0), source_path: Path | None = None,
           frame: int | None = None) -> tuple[Path, pydicom.Dataset, pydicom.Dataset]:
    source_path = source_path or make_cr(tmp_path / "cr.dcm", rows=64, cols=64)
    source = pydicom.dcmread(source_path, stop_before_pixels=True)
    gsps = build_gsps(source, [annotation(mark, text) for mark, text in MARKS], window, frame)
    out = tmp_path / "gsps.dcm"
    write_whole(gsps, out)
    return out, source, pydicom.dcmread(out)


def test_graphics_texts_and_coordinates_read_back(tmp_path):
    _path, source, ds = _saved(tmp_path)
    assert ds.SOPClassUID == "1.2.840.10008.5.1.4.1.1.11.1"  # Grayscale Softcopy Presentation State Storage
    assert ds.StudyInstanceUID == source.StudyInstanceUID and ds.SeriesInstanceUID != source.SeriesInstanceUID
    annotation_item = ds.GraphicAnnotationSequence[0]
    assert annotation_item.GraphicLayer == "MEASUREMENTS"
    referenced = annotation_item.ReferencedImageSequence[0]
    assert (referenced.ReferencedSOPClassUID, referenced.ReferencedSOPInstanceUID) == (
        source.SOPClassUID, source.SOPInstanceUID)
    graphics = [(g.GraphicType, [float(v) for v in g.GraphicData]) for g in annotation_item.GraphicObjectSequence]
    assert [kind for kind, _ in graphics] == ["POLYLINE", "POLYLINE", "POLYLINE", "POLYLINE", "ELLIPSE"]
    assert all(g.GraphicAnnotationUnits == "PIXEL" for g in annotation_item.GraphicObjectSequence)
    assert graphics[0][1] == [10.5, 20.5, 40.5, 20.5]  # column\row, the pixels' centres
    assert graphics[1][1] == [20.0, 30.0, 44.0, 30.0]  # the heart's horizontal extent at its first end's row
    assert graphics[3][1] == [5.0, 5.0, 20.0, 20.0, 35.0, 5.0]  # the angle's arm end, vertex, other arm end
    assert graphics[4][1] == [40.0, 10.0, 40.0, 60.0, 30.0, 35.0, 50.0, 35.0]  # the tall ellipse: major axis first
    texts = annotation_item.TextObjectSequence
    assert [t.UnformattedTextValue for t in texts] == [text for _mark, text in MARKS]
    assert [float(v) for v in texts[0].AnchorPoint] == [40.5, 20.5]
    assert texts[0].AnchorPointAnnotationUnits == "PIXEL"
    assert ds.GraphicLayerSequence[0].GraphicLayer == "MEASUREMENTS"


def test_window_centre_width_and_function(tmp_path):
    _path, _source, ds = _saved(tmp_path, Window(1234.0, 567.0, VoiFunction.SIGMOID))
    voi = ds.SoftcopyVOILUTSequence[0]
    assert (float(voi.WindowCenter), float(voi.WindowWidth), voi.VOILUTFunction) == (1234.0, 567.0, "SIGMOID")


@pytest.mark.parametrize(("invert", "shape"), [(False, "IDENTITY"), (True, "INVERSE")])
def test_white_for_low_values_is_an_inverse_presentation_lut(tmp_path, invert, shape):
    """A MONOCHROME1 film shows low values white; a presentation state's output ignores the image's photometric
    interpretation, so that look (or the reader's I on a MONOCHROME2 film) needs the INVERSE shape."""
    source_path = make_cr(tmp_path / "m1.dcm", monochrome1=True)
    _path, _source, ds = _saved(tmp_path, Window(1500.0, 2000.0, invert=invert), source_path=source_path)
    assert ds.PresentationLUTShape == shape


def test_voi_lut_table_in_use(tmp_path):
    table = VoiLut(first_mapped=100, table=np.arange(0, 4096, 16, dtype=np.uint16), bits=12, name="SOFT")
    _path, _source, ds = _saved(tmp_path, Window(228.0, 256.0, voi_lut=table))
    lut = ds.SoftcopyVOILUTSequence[0].VOILUTSequence[0]
    assert list(lut.LUTDescriptor)[:2] == [256, 100] and lut.LUTExplanation == "SOFT"
    assert "WindowCenter" not in ds.SoftcopyVOILUTSequence[0]


def test_points_past_the_edge_are_put_on_it(tmp_path):
    source = pydicom.dcmread(make_cr(tmp_path / "cr.dcm", rows=64, cols=32), stop_before_pixels=True)
    gsps = build_gsps(source, [annotation((-3.0, 10.0, 40.0, 70.0), "x")], Window(100.0, 200.0))
    data = [float(v) for v in gsps.GraphicAnnotationSequence[0].GraphicObjectSequence[0].GraphicData]
    assert data == [0.0, 10.0, 32.0, 64.0]


def test_frame_of_a_multiframe_film_is_referenced(tmp_path):
    source_path = make_multiframe(tmp_path / "mf.dcm", frames=3, rows=64, cols=64)
    _path, _source, ds = _saved(tmp_path, source_path=source_path, frame=2)
    assert ds.GraphicAnnotationSequence[0].ReferencedImageSequence[0].ReferencedFrameNumber == 2


def test_dciodvfy_accepts_it(tmp_path):
    path, _source, _ds = _saved(tmp_path)
    errors = dciodvfy_errors(path)
    assert errors == [], "\n".join(errors)


def test_failed_write_leaves_no_file(tmp_path):
    _path, _source, ds = _saved(tmp_path)
    target = tmp_path / "kept.dcm"
    target.write_bytes(b"earlier")
    with warnings.catch_warnings():  # pydicom warns of the bad value it is given on purpose
        warnings.simplefilter("ignore")
        ds.add_new(0x00211010, "US", "not a number")  # fails half way through the write
    with pytest.raises(OSError):
        write_whole(ds, target)
    assert target.read_bytes() == b"earlier" and not list(tmp_path.glob(".kept.dcm.*"))

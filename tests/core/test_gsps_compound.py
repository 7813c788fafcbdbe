"""Another vendor's compound graphics (PS3.3 C.10.5.1.3), written with pydicom as a PACS writes them (highdicom 0.28
writes none): arrows, rectangles, ellipses, multilines, rulers with their ticks, lines across the film, cutlines and
crosshairs drawn where their points say, turned by their Rotation Angle; the simple graphics repeating one left
out; what cannot be drawn counted with why."""

from __future__ import annotations

import math
from pathlib import Path

import pydicom
import pytest

from cxr_viewer.core.gsps_annotations import vendor_annotations
from tests.dicom_factory import make_cr
from tests.gsps_vendor import compound, graphic, with_compounds


def _drawn(tmp_path: Path, compounds: list[pydicom.Dataset], **kwargs):
    source = pydicom.dcmread(make_cr(tmp_path / "cr.dcm", rows=100, cols=200), stop_before_pixels=True)
    ds = with_compounds(tmp_path / "ps.dcm", source, compounds, **kwargs)
    return vendor_annotations(ds, str(source.SOPInstanceUID), None, (100, 200))


def _lines(found) -> list:
    return [[(round(x, 6), round(y, 6)) for x, y in line] for d in found.drawings for line in d.lines]


def test_arrow_rectangle_ellipse_and_multiline(tmp_path):
    found = _drawn(tmp_path, [compound("ARROW", [(20.0, 50.0), (60.0, 50.0)], 1),
                              compound("RECTANGLE", [(40.0, 40.0), (80.0, 60.0)], 2),
                              compound("ELLIPSE", [(100.0, 20.0), (140.0, 40.0)], 3),
                              compound("MULTILINE", [(5.0, 5.0), (15.0, 9.0), (25.0, 5.0)], 4)])
    assert found.shown == 4 and found.not_shown == {}
    shaft, head, rectangle, ellipse, multiline = _lines(found)
    assert shaft == [(20.0, 50.0), (60.0, 50.0)]
    assert head[1] == (60.0, 50.0) and all(x < 60.0 for x, _y in (head[0], head[2]))  # the head at the second point
    assert {head[0][1], head[2][1]} == {50.0 - 5.0, 50.0 + 5.0}  # a quarter of the shaft back, half that across
    assert rectangle == [(40.0, 40.0), (80.0, 40.0), (80.0, 60.0), (40.0, 60.0), (40.0, 40.0)]
    assert all(math.isclose(((x - 120) / 20) ** 2 + ((y - 30) / 10) ** 2, 1.0, abs_tol=1e-4) for x, y in ellipse)
    assert multiline == [(5.0, 5.0), (15.0, 9.0), (25.0, 5.0)]


def test_rotation_turns_counterclockwise_round_the_rotation_point(tmp_path):
    found = _drawn(tmp_path, [compound("RECTANGLE", [(40.0, 40.0), (80.0, 60.0)], RotationAngle=90.0,
                                       RotationPoint=[60.0, 50.0])])
    (rectangle,) = _lines(found)
    # the top-left corner, up and left of the centre, goes down and left: counterclockwise as the film is seen
    assert rectangle[0] == (50.0, 70.0)
    assert sorted(rectangle[:4]) == [(50.0, 30.0), (50.0, 70.0), (70.0, 30.0), (70.0, 70.0)]


def test_ruler_with_its_ticks_and_their_labels(tmp_path):
    tick = pydicom.Dataset()
    tick.TickPosition, tick.TickLabel = 0.5, "5 cm"
    found = _drawn(tmp_path, [compound("RULER", [(10.0, 90.0), (110.0, 90.0)], MajorTicksSequence=[tick])])
    line, start_tick, end_tick, middle_tick = _lines(found)
    assert line == [(10.0, 90.0), (110.0, 90.0)]
    assert [p[0] for p in start_tick + end_tick + middle_tick] == [10.0, 10.0, 110.0, 110.0, 60.0, 60.0]
    assert sorted(p[1] for p in middle_tick) == [87.0, 93.0]  # square to the ruler, 3 % of its length each side
    (note,) = found.drawings[0].notes
    assert note.text == "5 cm" and note.position[0] == pytest.approx(60.0)


def test_lines_across_the_film_cutline_and_crosshair(tmp_path):
    found = _drawn(tmp_path, [
        compound("INFINITELINE", [(50.0, 10.0), (60.0, 10.0)], 1, GapLength=0.1, RotationPoint=[100.0, 10.0]),
        compound("CUTLINE", [(150.0, 20.0), (150.0, 30.0)], 2, RotationPoint=[150.0, 50.0]),
        compound("CROSSHAIR", [(30.0, 30.0)], 3, DiameterOfVisibility=0.2, GapLength=0.02),
        compound("RANGELINE", [(0.0, 95.0), (1.0, 95.0), (0.0, 99.0), (1.0, 99.0)], 4)])
    assert found.shown == 4
    lines = _lines(found)
    # the gap is a share of the displayed area's width, 200 here: 20 wide round the rotation point
    assert lines[:2] == [[(0.0, 10.0), (90.0, 10.0)], [(110.0, 10.0), (200.0, 10.0)]]
    assert lines[2] == [(150.0, 0.0), (150.0, 100.0)]  # to the film's edges
    tips = [lines[3][1], lines[5][1]]
    assert tips == [(150.0, 25.0), (150.0, 75.0)]  # at the middle of each half
    assert lines[3][0] == (150.0 - 12.0, 25.0)  # from its right as it runs down the screen: the film's left
    cross = lines[7:11]
    assert cross == [[(10.0, 30.0), (28.0, 30.0)], [(32.0, 30.0), (50.0, 30.0)],
                     [(30.0, 10.0), (30.0, 28.0)], [(30.0, 32.0), (30.0, 50.0)]]
    assert lines[11:] == [[(0.0, 95.0), (200.0, 95.0)], [(0.0, 99.0), (200.0, 99.0)]]


def test_the_simple_graphics_repeating_a_compound_are_left_out_its_texts_kept(tmp_path):
    import highdicom as hd

    from tests.gsps_vendor import PIXEL

    arrow = compound("ARROW", [(20.0, 50.0), (60.0, 50.0)], 7)
    source_graphics = [graphic("POLYLINE", [(20.0, 50.0), (60.0, 50.0)]), graphic("POINT", [(3.0, 3.0)])]
    source = pydicom.dcmread(make_cr(tmp_path / "cr.dcm", rows=100, cols=200), stop_before_pixels=True)
    ds = with_compounds(tmp_path / "ps.dcm", source, [arrow], graphics=source_graphics,
                        texts=[hd.pr.TextObject("40 mm", PIXEL, anchor_point=(40.0, 45.0))])
    annotation = ds.GraphicAnnotationSequence[0]
    annotation.GraphicObjectSequence[0].CompoundGraphicInstanceID = 7
    annotation.TextObjectSequence[0].CompoundGraphicInstanceID = 7
    found = vendor_annotations(ds, str(source.SOPInstanceUID), None, (100, 200))
    assert found.shown == 3  # the arrow, the unrelated point and the text
    assert [len(line) for line in found.drawings[0].lines] == [2, 3, 1]  # shaft, head, point: no second shaft
    assert found.drawings[0].notes[0].text == "40 mm"


def test_what_cannot_be_drawn_is_counted_with_why(tmp_path):
    found = _drawn(tmp_path, [compound("SPLINE", [(1.0, 1.0), (2.0, 2.0)], 1),
                              compound("ARROW", [(1.0, 1.0), (2.0, 2.0)], 2, units="MATRIX"),
                              compound("RECTANGLE", [(1.0, 1.0)], 3),
                              compound("INFINITELINE", [(0.0, 500.0), (1.0, 500.0)], 4, RotationPoint=[0.0, 500.0])])
    assert found.shown == 0
    assert found.not_shown == {"of compound type SPLINE": 1, "in MATRIX units": 1, "malformed": 1,
                               "outside the image": 1}

"""An arrow with its note saved in a presentation state and read back (Qt-free): a 2-point POLYLINE from the tail to
the tip, the note anchored at the tail as ``Arrow: <note>``, which dciodvfy accepts; read back as an arrow with the
same tip, tail and note (also beside a distance, whose 2-point line it must not be taken for, and with no note or
one outside ASCII)."""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest

from cxr_viewer.core.gsps import Window, build_gsps, write_whole
from cxr_viewer.core.gsps_marks import annotation, arrow_note, arrow_text
from cxr_viewer.core.gsps_read import read_presentation_state
from tests.dicom_factory import make_cr
from tests.dicom_validation import dciodvfy_errors

DISTANCE = ((10.5, 20.5, 40.5, 22.5), "4.5 mm (Pixel Spacing, calibration unknown)")
ARROWS = [("arrow", 30.0, 40.0, 55.0, 12.5, "nodule?"), ("arrow", 5.0, 60.0, 20.0, 50.0, ""),
          ("arrow", 44.0, 44.0, 60.0, 60.0, "Knötchen? → CT")]


def _written(folder: Path) -> Path:
    source = pydicom.dcmread(make_cr(folder / "cr.dcm", rows=64, cols=64), stop_before_pixels=True)
    marks = [DISTANCE, *((mark, arrow_text(mark[-1])) for mark in ARROWS)]
    out = folder / "gsps.dcm"
    write_whole(build_gsps(source, [annotation(m, t) for m, t in marks], Window(1500.0, 2000.0)), out)
    return out


def test_an_arrow_is_a_line_from_tail_to_tip_with_its_note_at_the_tail(tmp_path):
    item = pydicom.dcmread(_written(tmp_path)).GraphicAnnotationSequence[0]
    graphics, texts = item.GraphicObjectSequence, item.TextObjectSequence
    assert [g.GraphicType for g in graphics] == ["POLYLINE"] * 4
    assert [float(v) for v in graphics[1].GraphicData] == [55.0, 12.5, 30.0, 40.0]  # tail, then tip
    assert [t.UnformattedTextValue for t in texts[1:]] == ["Arrow: nodule?", "Arrow", "Arrow: Knötchen? → CT"]
    assert [float(v) for v in texts[1].AnchorPoint] == [55.0, 12.5]
    assert str(texts[1].AnchorPointAnnotationUnits) == "PIXEL"


def test_dciodvfy_accepts_it(tmp_path):
    errors = dciodvfy_errors(_written(tmp_path))
    assert errors == [], "\n".join(errors)


def test_read_back_as_arrows_beside_the_distance(tmp_path):
    state = read_presentation_state(pydicom.dcmread(_written(tmp_path)))
    assert [m.mark for m in state.marks] == [DISTANCE[0], *ARROWS]
    assert state.not_shown == 0


@pytest.mark.parametrize("note", ["nodule?", "", "Arrow: twice", "  spaced  "])
def test_the_note_survives_its_label(note):
    assert arrow_note(arrow_text(note)) == note.strip()

"""Opening a presentation state opens the image it references, with its window and its measurements (drawn,
editable, their figures the viewer's own); what it cannot find is said; a blinded read refuses it. Another vendor's
annotations: test_gsps_vendor_open.py."""

from __future__ import annotations

from pathlib import Path

import pydicom

from cxr_viewer.core.gsps import Window, build_gsps, write_whole
from cxr_viewer.core.gsps_marks import annotation
from cxr_viewer.core.image import VoiFunction
from cxr_viewer.index.importer import import_paths
from tests.dicom_factory import make_multiframe

MARKS = [
    ((40.5, 50.5, 200.5, 50.5), "32.0 mm (Pixel Spacing, calibration unknown)"),
    (("angle", 60.0, 100.0, 150.0, 150.0, 240.0, 100.0), "Angle 121.9°"),
    (("roi", 100.0, 120.0, 160.0, 180.0), "ROI area 11.8 mm²"),
]


def _gsps(cr_file: Path, folder: Path, marks=MARKS, window=Window(900.0, 700.0, VoiFunction.SIGMOID)) -> Path:
    source = pydicom.dcmread(cr_file, stop_before_pixels=True)
    folder.mkdir(exist_ok=True)
    path = folder / "state_gsps.dcm"
    write_whole(build_gsps(source, [annotation(m, t) for m, t in marks], window), path)
    return path


def _status(window) -> str:
    return window.statusBar().currentMessage()


def test_opening_it_opens_its_image_with_window_and_measurements(window, cr_file, tmp_path):
    path = _gsps(cr_file, tmp_path)
    assert window.open_paths([path])  # the command line's way
    pane = window.layout_panes.primary
    assert pane.image is not None and pane.image.path == cr_file
    state = pane.windowing.state
    assert (state.center, state.width, state.function) == (900.0, 700.0, VoiFunction.SIGMOID)
    assert [m.mark for m in pane.measure.measurements] == [mark for mark, _text in MARKS]
    assert [m.text for m in pane.measure.measurements][:2] == [text for _mark, text in MARKS][:2]
    assert "3 measurement(s)" in _status(window) and "window 900/700" in _status(window)
    assert "1 figure(s) differ" in _status(window)  # the ROI's saved label had other figures than this film's
    pane.measure.select(pane.measure.measurements[0])
    assert pane.measure.delete_selected() == 1  # editable like drawn ones, and kept so
    assert len(pane.measure.memory.recall(pane.measure.key)) == 2


def test_dropped_it_opens_the_same_way_and_a_second_open_doubles_nothing(window, cr_file, tmp_path):
    path = _gsps(cr_file, tmp_path)
    assert window.opener.open_in_background([path]) is None  # a drop's way: nothing left to scan
    assert window.opener.open_in_background([path]) is None
    pane = window.layout_panes.primary
    assert pane.image is not None and len(pane.measure.measurements) == 3


def test_an_absent_image_is_named_by_its_uid(window, cr_file, tmp_path):
    path = _gsps(cr_file, tmp_path / "elsewhere")
    uid = str(pydicom.dcmread(cr_file, stop_before_pixels=True).SOPInstanceUID)
    assert not window.open_paths([path])
    assert window.layout_panes.primary.image is None
    message = window.messages.list.item(window.messages.list.count() - 1).text()
    assert uid in message and "neither in" in message


def test_the_image_is_found_in_the_study_index(browser_window, cr_file, tmp_path):
    import_paths(browser_window.browser.index, [cr_file])
    path = _gsps(cr_file, tmp_path / "elsewhere")
    assert browser_window.open_paths([path])
    assert browser_window.layout_panes.primary.image.path == cr_file


def test_a_blinded_read_refuses_it(window, cr_file, tmp_path):
    path = _gsps(cr_file, tmp_path)
    window.hold.set_metadata_hidden(True)
    assert not window.open_paths([path])
    assert window.layout_panes.primary.image is None
    assert "not opened during a blinded read" in _status(window)


def test_the_frame_it_names_is_shown_with_its_marks(window, tmp_path):
    film = make_multiframe(tmp_path / "mf.dcm", frames=3, rows=64, cols=64)
    source = pydicom.dcmread(film, stop_before_pixels=True)
    write_whole(build_gsps(source, [annotation((5.5, 5.5, 30.5, 5.5), "x")], Window(100.0, 200.0), 2),
                tmp_path / "mf_gsps.dcm")
    assert window.open_paths([tmp_path / "mf_gsps.dcm"])
    pane = window.layout_panes.primary
    assert pane.image.frame_index == 1 and [m.mark for m in pane.measure.measurements] == [(5.5, 5.5, 30.5, 5.5)]

"""A measurement's points dragged by their handles after drawing, like a reader nudging a caliper end: a real window
offscreen, real presses, moves and releases, on a CR written with pydicom at 0.2 mm (Rescale Slope 2, Intercept
-100: stored 600 in a square, modality 1100, and -100 round it). At 1:1 a screen pixel is a film pixel, so a handle is
taken by pressing on the image point it names and the figures after a drag are worked out by hand."""

from __future__ import annotations

import numpy as np
import pydicom
import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.gsps_read import read_presentation_state
from cxr_viewer.gui import gsps_save
from cxr_viewer.gui.measure_memory import image_key
from tests import dicom_factory
from tests.gui.conftest import drag, open_at_one_to_one, send_mouse_move, widget_point

pytestmark = pytest.mark.gui

Key = QtCore.Qt.Key
LEFT = QtCore.Qt.MouseButton.LeftButton
NONE = QtCore.Qt.MouseButton.NoButton
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
UNKNOWN = "(Pixel Spacing, calibration unknown)"
NOTHING_TO_UNDO = "Nothing to undo on this image: no measurement deleted or adjusted"


@pytest.fixture
def films(tmp_path):
    pixels = np.zeros((300, 400), np.uint16)
    pixels[:, 50:] = 600  # modality 1100 from column 50 on, -100 left of it
    return [dicom_factory.make_cr(tmp_path / f"{name}.dcm", rows=300, cols=400, spacing=0.2, pixels=pixels,
                                  RescaleSlope=2, RescaleIntercept=-100) for name in "ab"]


def _wait(qtbot) -> None:
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # else the press ends a double click


def _drag(qtbot, pane, start, end) -> None:
    _wait(qtbot)
    drag(qtbot, pane.viewport(), widget_point(pane, *start), widget_point(pane, *end), LEFT)


def _move(qtbot, pane, x, y) -> None:
    """A move with the left button held, after pyqtgraph's 10 ms between moves (it drops faster ones)."""
    qtbot.wait(20)
    send_mouse_move(pane.viewport(), widget_point(pane, x, y), LEFT)


def _tool(window, qtbot, pane, key, command) -> None:
    if not window.actions[command].isChecked():
        qtbot.keyClick(pane, key)


def _kept(window, pane) -> list:
    """What the session's memory keeps for the film shown, each mark's numbers rounded off the view's float noise."""
    return [_rounded(mark) for mark in window.layout_panes.measurement_memory.recall(image_key(pane.image))]


def _rounded(mark):
    if isinstance(mark, tuple):
        return tuple(_rounded(value) for value in mark)
    return round(mark, 6) if isinstance(mark, float) else mark


def _handles(pane) -> list[tuple[float, float]]:
    """Where the shown handles are, in film pixels, read from the scene (the squares themselves)."""
    items = [item for item in pane.scene().items()
             if isinstance(item, QtWidgets.QGraphicsRectItem) and item.cursor().shape() == QtCore.Qt.CursorShape.SizeAllCursor]
    points = [pane.image_item.mapFromScene(item.scenePos()) for item in items]
    return sorted((round(p.x(), 3), round(p.y(), 3)) for p in points)


def _distance(window, qtbot, pane, start=(100, 100), end=(200, 100)) -> None:
    _tool(window, qtbot, pane, Key.Key_M, "measure")
    _drag(qtbot, pane, start, end)


def test_a_distance_end_dragged_measures_again_as_it_moves_and_is_kept(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _distance(window, qtbot, pane)
    (distance,) = pane.measure.measurements
    assert distance.text == f"20.0 mm {UNKNOWN}"
    assert _handles(pane) == [(100, 100), (200, 100)]  # the one just drawn is selected: its two ends
    _wait(qtbot)
    viewport = pane.viewport()
    qtbot.mousePress(viewport, LEFT, pos=widget_point(pane, 200, 100))  # on the end handle, the M tool still on
    for x in (210, 220, 230, 240):
        _move(qtbot, pane, x, 100)
    assert distance.text == f"28.0 mm {UNKNOWN}"  # live, before the release
    assert _handles(pane) == [(100, 100), (240, 100)]
    assert _kept(window, pane) == [(100, 100, 200, 100)]  # kept on release only
    _move(qtbot, pane, 250, 100)
    qtbot.mouseRelease(viewport, LEFT, pos=widget_point(pane, 250, 100))
    assert pane.measure.measurements == [distance]  # moved, not a second distance drawn
    assert distance.text == f"30.0 mm {UNKNOWN}"
    assert _kept(window, pane) == [(100, 100, 250, 100)]
    assert window.statusBar().currentMessage() == f"Distance 30.0 mm {UNKNOWN}"
    assert distance.label.pos() == QtCore.QPointF(250, 100)  # the label went with its end

    _drag(qtbot, pane, (101, 99), (101, 149))  # a press 1 px off the start's centre still takes it, keeping the offset
    assert _kept(window, pane) == [(100, 150, 250, 100)]
    _drag(qtbot, pane, (50, 250), (150, 250))  # a press off the handles draws, as before
    assert [m.text for m in pane.measure.measurements][1] == f"20.0 mm {UNKNOWN}"


def test_a_ratio_an_angle_an_roi_and_an_arrow_follow_their_dragged_points(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _tool(window, qtbot, pane, Key.Key_C, "ctr")
    _drag(qtbot, pane, (100, 150), (200, 160))  # heart 100 px = 20 mm
    _drag(qtbot, pane, (50, 200), (350, 200))  # chest 300 px = 60 mm
    assert pane.measure.measurements[0].text.startswith("CTR 0.33 (heart 20 mm / chest 60 mm)")
    assert _handles(pane) == [(50, 200), (100, 150), (200, 160), (350, 200)]
    _drag(qtbot, pane, (350, 200), (250, 230))  # the chest's second end: 200 px = 40 mm
    assert pane.measure.measurements[0].text.startswith("CTR 0.50 (heart 20 mm / chest 40 mm)")
    assert _kept(window, pane)[0] == ((100, 150, 200, 160), (50, 200, 250, 230))

    _tool(window, qtbot, pane, Key.Key_G, "angle")
    _drag(qtbot, pane, (330, 60), (280, 60))  # first arm to the vertex (280, 60)
    _drag(qtbot, pane, (280, 60), (330, 10))  # 45°
    assert pane.measure.measurements[1].text == "Angle 45.0°"
    assert _handles(pane) == [(280, 60), (330, 10), (330, 60)]
    _drag(qtbot, pane, (330, 10), (280, 10))  # the second arm's end straight above the vertex: 90°
    assert pane.measure.measurements[1].text == "Angle 90.0°"
    assert _kept(window, pane)[1] == ("angle", 330, 60, 280, 60, 280, 10)

    _tool(window, qtbot, pane, Key.Key_E, "roi")
    _drag(qtbot, pane, (100, 100), (200, 140))  # all inside the 1100 part
    roi = pane.measure.measurements[2]
    assert "mean 1100.0 SD 0.0" in roi.text
    assert _handles(pane) == [(100, 120), (150, 100), (150, 140), (200, 120)]  # the sides' middles, on the ellipse
    _drag(qtbot, pane, (100, 120), (20, 125))  # the left side only, past column 50: into the -100 part
    assert _kept(window, pane)[2] == ("roi", 20, 100, 200, 140)  # the other sides stay
    area = np.pi * (90 * 0.2) * (20 * 0.2) / 100  # cm²: half-axes 90 and 20 px
    rows, cols = np.mgrid[0:300, 0:400] + 0.5
    inside = ((cols - 110) / 90) ** 2 + ((rows - 120) / 20) ** 2 <= 1
    values = np.where(cols < 50, -100.0, 1100.0)[inside]
    first, second = roi.text.split("\n")
    assert first == f"ROI area {area:.2f} cm² {UNKNOWN}"
    assert second == f"mean {values.mean():.1f} SD {values.std():.1f} min -100 max 1100 n={inside.sum()}"

    _tool(window, qtbot, pane, Key.Key_N, "arrow")
    _drag(qtbot, pane, (300, 250), (360, 280))
    qtbot.keyClicks(QtWidgets.QApplication.focusWidget(), "nodule?")
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), Key.Key_Return)
    pane.measure.select(pane.measure.measurements[3])
    assert _handles(pane) == [(300, 250), (360, 280)]
    _drag(qtbot, pane, (300, 250), (250, 220))  # the tip
    assert _kept(window, pane)[3] == ("arrow", 250, 220, 360, 280, "nodule?")
    shaft = pane.measure.measurements[3].shaft.line()  # from the tail to the tip
    assert _rounded((shaft.x1(), shaft.y1(), shaft.x2(), shaft.y2())) == (360, 280, 250, 220)


def test_ctrl_z_undoes_adjustments_and_deletions_in_turn(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _distance(window, qtbot, pane)
    _drag(qtbot, pane, (200, 100), (200, 150))
    _drag(qtbot, pane, (200, 150), (300, 150))
    qtbot.keyClick(pane, Key.Key_Delete)
    assert pane.measure.measurements == []
    qtbot.keyClick(pane, Key.Key_Z, modifier=CTRL)  # the deletion
    assert _kept(window, pane) == [(100, 100, 300, 150)]
    qtbot.keyClick(pane, Key.Key_Z, modifier=CTRL)  # the second drag
    assert _kept(window, pane) == [(100, 100, 200, 150)]
    assert [_rounded(m.mark) for m in pane.measure.measurements] == [(100, 100, 200, 150)]
    qtbot.keyClick(pane, Key.Key_Z, modifier=CTRL)  # the first
    (distance,) = pane.measure.measurements
    assert _rounded(distance.mark) == (100, 100, 200, 100) and distance.text == f"20.0 mm {UNKNOWN}"
    assert window.statusBar().currentMessage() == f"Distance 20.0 mm {UNKNOWN}"
    assert _handles(pane) == [(100, 100), (200, 100)]  # selected again, its handles where it is
    qtbot.keyClick(pane, Key.Key_Z, modifier=CTRL)
    assert window.statusBar().currentMessage() == NOTHING_TO_UNDO
    assert _kept(window, pane) == [(100, 100, 200, 100)]


def test_escape_during_a_drag_puts_it_back(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _tool(window, qtbot, pane, Key.Key_E, "roi")
    _drag(qtbot, pane, (100, 100), (200, 140))
    (roi,) = pane.measure.measurements
    before = roi.text
    _wait(qtbot)
    viewport = pane.viewport()
    qtbot.mousePress(viewport, LEFT, pos=widget_point(pane, 200, 120))
    for x in (210, 230, 260):
        _move(qtbot, pane, x, 120)
    assert _rounded(roi.mark) == ("roi", 100, 100, 260, 140) and roi.text != before
    qtbot.keyClick(pane, Key.Key_Escape)
    assert _rounded(roi.mark) == ("roi", 100, 100, 200, 140) and roi.text == before
    _move(qtbot, pane, 300, 120)  # the rest of that drag does nothing
    qtbot.mouseRelease(viewport, LEFT, pos=widget_point(pane, 300, 120))
    assert _rounded(roi.mark) == ("roi", 100, 100, 200, 140) and pane.measure.measurements == [roi]
    assert _kept(window, pane) == [("roi", 100, 100, 200, 140)]
    qtbot.keyClick(pane, Key.Key_Z, modifier=CTRL)  # nothing was changed, so nothing to undo
    assert window.statusBar().currentMessage() == NOTHING_TO_UNDO


def test_the_adjusted_geometry_stays_with_the_film_and_is_saved(window, films, qtbot, tmp_path):
    pane = open_at_one_to_one(window, qtbot, films)
    _distance(window, qtbot, pane)
    _drag(qtbot, pane, (100, 100), (120, 60))
    qtbot.keyClick(pane, Key.Key_PageDown)
    assert pane.measure.measurements == []
    qtbot.keyClick(pane, Key.Key_PageUp)
    assert [_rounded(m.mark) for m in pane.measure.measurements] == [(120, 60, 200, 100)]
    out = tmp_path / "gsps.dcm"
    assert gsps_save.write(window, out)
    (saved,) = read_presentation_state(pydicom.dcmread(out)).marks
    assert saved.mark == pytest.approx((120, 60, 200, 100))
    assert saved.text == pane.measure.measurements[0].text == f"{np.hypot(80, 40) * 0.2:.1f} mm {UNKNOWN}"


def test_a_press_off_the_handles_pans_and_the_cursor_shows_them(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _distance(window, qtbot, pane)
    window.actions["measure"].trigger()  # the tool off: a left-drag pans
    viewport = pane.viewport()
    send_mouse_move(viewport, widget_point(pane, 200, 100), NONE)
    assert viewport.cursor().shape() == QtCore.Qt.CursorShape.SizeAllCursor
    send_mouse_move(viewport, widget_point(pane, 150, 200), NONE)
    assert viewport.cursor().shape() != QtCore.Qt.CursorShape.SizeAllCursor
    shown = pane.viewbox.viewRect()
    start = widget_point(pane, 210, 110)  # just beside the end's handle (8 screen pixels across)
    _wait(qtbot)
    drag(qtbot, viewport, start, start + QtCore.QPoint(40, 30), LEFT)
    moved = pane.viewbox.viewRect()
    assert (shown.left() - moved.left(), shown.top() - moved.top()) == pytest.approx((40, 30), abs=1)
    assert _kept(window, pane) == [(100, 100, 200, 100)]
    pane.measure.select(None)
    assert _handles(pane) == []  # only the selected one shows them


def test_no_handles_in_a_blinded_read(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _distance(window, qtbot, pane)
    assert _handles(pane) == [(100, 100), (200, 100)]
    window.host.set_metadata_hidden(True)
    assert pane.measure.measurements == [] and _handles(pane) == []
    window.host.set_metadata_hidden(False)

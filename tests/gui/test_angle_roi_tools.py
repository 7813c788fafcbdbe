"""The angle (G) and ellipse ROI (E) tools driven like a reader, in a real window offscreen with real mouse drags.

The film is a CR written with pydicom at 0.2 mm, Rescale Slope 2 and Intercept -100, stored 600 in a square (modality
1100) and 0 around it (modality -100), so an ROI's figures are known by hand. At 1:1 a screen pixel is an image pixel.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.settings import DEFAULT_SHORTCUTS, Settings
from tests import dicom_factory
from tests.gui.conftest import drag, open_at_one_to_one, widget_point

pytestmark = pytest.mark.gui

Key = QtCore.Qt.Key
LEFT = QtCore.Qt.MouseButton.LeftButton
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
BOX = ((100, 100), (200, 160))  # 20 mm × 12 mm: π·10·6 = 188.5 mm² = 1.88 cm², inside the square
ROI_AREA = "ROI area 1.88 cm² (Pixel Spacing, calibration unknown)"


def _centres_inside(x0, y0, x1, y1) -> int:
    """Pixels whose centre is inside the ellipse of the box, counted one by one."""
    cx, cy, a, b = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    return sum(((c + 0.5 - cx) / a) ** 2 + ((r + 0.5 - cy) / b) ** 2 <= 1 for r in range(300) for c in range(400))


@pytest.fixture
def films(tmp_path):
    pixels = np.zeros((300, 400), np.uint16)
    pixels[50:250, 50:350] = 600
    return [dicom_factory.make_cr(tmp_path / f"{name}.dcm", rows=300, cols=400, spacing=0.2, pixels=pixels,
                                  RescaleSlope=2, RescaleIntercept=-100) for name in "ab"]


def _drag(qtbot, pane, start, end) -> None:
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # else the press ends a double click
    drag(qtbot, pane.viewport(), widget_point(pane, *start), widget_point(pane, *end), LEFT)



def _draw_angle(window, qtbot, pane) -> None:
    if not window.actions["angle"].isChecked():
        qtbot.keyClick(pane, Key.Key_G)
    _drag(qtbot, pane, (250, 220), (150, 220))  # the first arm, ending at the vertex (150, 220)
    _drag(qtbot, pane, (152, 218), (200, 170))  # the second arm leaves the vertex wherever the drag starts: 45°


def _draw_roi(window, qtbot, pane) -> None:
    if not window.actions["roi"].isChecked():
        qtbot.keyClick(pane, Key.Key_E)
    _drag(qtbot, pane, *BOX)


def _texts(pane) -> list[str]:
    return [m.text for m in pane.measure.measurements]


def test_an_angle_takes_two_drags_and_reads_degrees(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    qtbot.keyClick(pane, Key.Key_G)
    assert window.actions["angle"].isChecked() and pane.measure.mode == "angle"
    _drag(qtbot, pane, (250, 220), (150, 220))
    assert _texts(pane) == ["Angle: now drag the second arm out of the vertex"]
    assert len(window.layout_panes.measurement_memory) == 0  # one arm is not kept
    _drag(qtbot, pane, (152, 218), (200, 170))
    assert _texts(pane) == ["Angle 45.0°"]
    assert window.statusBar().currentMessage() == "Angle 45.0°"
    tag, *points = pane.measure.measurements[0].mark
    assert tag == "angle" and points == pytest.approx([250, 220, 150, 220, 200, 170])  # the second arm from the vertex


def test_an_angle_on_non_square_pixels_is_the_patients(window, tmp_path, qtbot):
    path = dicom_factory.make_cr(tmp_path / "aniso.dcm", rows=300, cols=300, spacing=None, PixelSpacing=[0.2, 0.1])
    pane = open_at_one_to_one(window, qtbot, [path])
    qtbot.keyClick(pane, Key.Key_G)
    _drag(qtbot, pane, (200, 200), (100, 200))
    _drag(qtbot, pane, (100, 200), (150, 150))  # the pixels' diagonal: 5 mm across, 10 mm up, atan(2) = 63.4°
    assert _texts(pane) == ["Angle 63.4°"]


def test_an_roi_reads_area_and_the_rescaled_values(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    qtbot.keyClick(pane, Key.Key_E)
    assert window.actions["roi"].isChecked() and pane.measure.mode == "roi"
    _drag(qtbot, pane, *BOX)
    n = _centres_inside(100, 100, 200, 160)
    expected = f"{ROI_AREA}\nmean 1100.0 SD 0.0 min 1100 max 1100 n={n}"
    assert _texts(pane) == [expected]
    assert window.statusBar().currentMessage() == expected.replace("\n", " ")


def test_an_roi_across_an_edge_has_both_values(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    qtbot.keyClick(pane, Key.Key_E)
    _drag(qtbot, pane, (10, 100), (90, 200))  # columns 10–90: left of 50 is -100, right of it 1100
    (text,) = _texts(pane)
    assert "min -100 max 1100" in text


def test_select_delete_undo_and_copy(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _draw_angle(window, qtbot, pane)
    _draw_roi(window, qtbot, pane)
    angle_text, roi_text = _texts(pane)
    pane.measure.select(None)
    QtWidgets.QApplication.clipboard().clear()
    qtbot.keyClick(pane, Key.Key_C, modifier=CTRL)  # nothing selected: every line
    assert QtWidgets.QApplication.clipboard().text().splitlines() == ["Angle 45.0°", roi_text.replace("\n", " ")]
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(pane.viewport(), LEFT, pos=widget_point(pane, 200, 220))  # on the angle's first arm
    assert [m.selected for m in pane.measure.measurements] == [True, False]
    qtbot.keyClick(pane, Key.Key_C, modifier=CTRL)
    assert QtWidgets.QApplication.clipboard().text() == "Angle 45.0°"
    qtbot.keyClick(pane, Key.Key_Delete)
    assert _texts(pane) == [roi_text]
    qtbot.keyClick(pane, Key.Key_Z, modifier=CTRL)
    assert _texts(pane) == [roi_text, angle_text]
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(pane.viewport(), LEFT, pos=widget_point(pane, 150, 100))  # on the ellipse's top
    assert [m.selected for m in pane.measure.measurements] == [True, False]
    qtbot.keyClick(pane, Key.Key_Delete, modifier=QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert _texts(pane) == []
    qtbot.keyClick(pane, Key.Key_Z, modifier=CTRL)
    assert sorted(_texts(pane)) == sorted([roi_text, angle_text])


def test_they_stay_with_their_film_and_not_into_a_blinded_read(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films)
    _draw_angle(window, qtbot, pane)
    _draw_roi(window, qtbot, pane)
    drawn = _texts(pane)
    marks = [m.mark for m in pane.measure.measurements]
    qtbot.keyClick(pane, Key.Key_PageDown)
    assert pane.image.path == films[1] and _texts(pane) == []
    qtbot.keyClick(pane, Key.Key_PageUp)
    assert _texts(pane) == drawn and [m.mark for m in pane.measure.measurements] == marks
    window.host.set_metadata_hidden(True)
    assert _texts(pane) == []
    window.host.set_metadata_hidden(False)
    assert _texts(pane) == drawn


def test_one_tool_at_a_time_in_both_panes(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films)
    window.set_layout("1x2")
    for key, command, mode in [(Key.Key_M, "measure", "distance"), (Key.Key_G, "angle", "angle"),
                               (Key.Key_E, "roi", "roi"), (Key.Key_C, "ctr", "ctr"), (Key.Key_G, "angle", "angle")]:
        qtbot.keyClick(pane, key)
        checked = [c for c in ("measure", "ctr", "angle", "roi") if window.actions[c].isChecked()]
        assert checked == [command]
        assert [p.measure.mode for p in window.layout_panes.panes] == [mode, mode]
    qtbot.keyClick(pane, Key.Key_G)
    assert [p.measure.mode for p in window.layout_panes.panes] == ["", ""]


def test_the_angle_half_drawn_is_dropped_when_the_tool_changes(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    qtbot.keyClick(pane, Key.Key_G)
    _drag(qtbot, pane, (250, 220), (150, 220))
    assert _texts(pane) == ["Angle: now drag the second arm out of the vertex"]
    qtbot.keyClick(pane, Key.Key_E)
    assert _texts(pane) == [] and pane.measure.mode == "roi"


def test_the_keys_are_in_the_tools_menu_and_rebindable(make_window):
    window = make_window(settings=Settings(shortcuts=DEFAULT_SHORTCUTS | {"angle": "K", "roi": ""}))
    assert window.actions["angle"].shortcut().toString() == "K" and window.actions["roi"].shortcut().isEmpty()
    tools = [a.text() for a in window.menu_named("&Tools").actions()]
    assert "Angle (first arm, then second)" in tools and "Ellipse ROI (area and values)" in tools
    default = make_window()
    assert (default.actions["angle"].shortcut().toString(), default.actions["roi"].shortcut().toString()) == ("G", "E")

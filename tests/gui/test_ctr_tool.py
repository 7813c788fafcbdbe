"""The cardiothoracic ratio tool driven like a reader: C, drag the heart's width, drag the chest's width.

Real window offscreen, real mouse drags, CRs written with pydicom at 0.35 mm. The widths are the drags' horizontal
extents in the image frame, so the figures are worked out by hand from image columns; at 1:1 a screen pixel is an
image pixel, so the drags land on whole columns.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from tests import dicom_factory
from tests.gui.conftest import drag, widget_point

pytestmark = pytest.mark.gui

Key = QtCore.Qt.Key
LEFT = QtCore.Qt.MouseButton.LeftButton
HEART = ((130, 150), (270, 170))  # 140 columns (the rows differ, as the heart's borders often do): 49 mm
CHEST = ((60, 200), (340, 200))  # 280 columns: 98 mm
EXPECTED = "CTR 0.50 (heart 49 mm / chest 98 mm)"


@pytest.fixture
def films(tmp_path):
    """Two PA chest CRs at 0.35 mm, each its own study."""
    return [dicom_factory.make_cr(tmp_path / f"{name}.dcm", rows=300, cols=400, spacing=0.35) for name in "ab"]


def _drag_width(qtbot, pane, ends) -> None:
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # else the press ends a double click
    drag(qtbot, pane.viewport(), widget_point(pane, *ends[0]), widget_point(pane, *ends[1]), LEFT)


def _draw_ctr(window, qtbot, pane=None):
    pane = pane or window.layout_panes.primary
    if not window.actions["ctr"].isChecked():
        qtbot.keyClick(pane, Key.Key_C)
    _drag_width(qtbot, pane, HEART)
    _drag_width(qtbot, pane, CHEST)


def _shown(pane):
    return [(m.text, getattr(m, "widths", None)) for m in pane.measure.measurements]


def test_two_drags_give_the_ratio_with_both_widths(window, films, qtbot):
    window.open_paths(films[:1])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)
    qtbot.keyClick(pane, Key.Key_C)
    assert window.actions["ctr"].isChecked() and pane.measure.mode == "ctr"
    assert window.statusBar().currentMessage().startswith("CTR: drag the heart")
    _drag_width(qtbot, pane, HEART)
    assert [m.text for m in pane.measure.measurements] == [
        "CTR heart 49 mm\nnow drag the chest width (inner rib margins)"]
    assert len(window.layout_panes.measurement_memory) == 0  # half a ratio is not kept
    _drag_width(qtbot, pane, CHEST)
    (ctr,) = pane.measure.measurements
    assert ctr.text == EXPECTED  # a PA film: no caveat
    assert np.allclose(ctr.widths, [(130, 150, 270, 170), (60, 200, 340, 200)], atol=0.01)
    assert window.statusBar().currentMessage() == EXPECTED
    assert ctr.label in pane.labels() and ctr.label.opacity() == 1.0  # placed in view, like a distance's label
    heart_line = ctr.lines[0]
    assert heart_line[0].y() == heart_line[1].y() == pytest.approx(150)  # drawn as measured: along the image's rows


def test_the_ratio_stays_with_its_film_and_leaves_a_blinded_read(window, films, qtbot):
    window.open_paths(films)
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)
    _draw_ctr(window, qtbot)
    drawn = _shown(pane)
    assert drawn[0][0] == EXPECTED
    qtbot.keyClick(pane, Key.Key_PageDown)
    assert pane.measure.measurements == []
    _drag_width(qtbot, pane, HEART)  # a heart without its chest on the second film …
    qtbot.keyClick(pane, Key.Key_PageUp)
    assert _shown(pane) == drawn
    qtbot.keyClick(pane, Key.Key_PageDown)
    assert pane.measure.measurements == []  # … is not kept
    qtbot.keyClick(pane, Key.Key_PageUp)
    window.host.set_metadata_hidden(True)
    assert pane.measure.measurements == []
    window.host.set_metadata_hidden(False)
    assert _shown(pane) == drawn


@pytest.mark.parametrize(("tags", "expected"), [
    ({"ViewPosition": "AP"}, f"{EXPECTED}\nAP film: heart magnified, 0.50 is a PA cut-off"),
    ({"ViewPosition": ""}, f"{EXPECTED}\nview not stated: 0.50 is a PA cut-off"),
    ({"spacing": None}, "CTR 0.50 (heart 140 px / chest 280 px)"),
    ({"spacing": None, "PixelAspectRatio": [1, 2]},  # wide pixels: a column is two of the short side
     "CTR 0.50 (heart 280 px / chest 560 px)\nuncalibrated, non-square pixels: px = short side"),
])
def test_the_label_says_the_view_and_pixels_without_calibration(window, tmp_path, qtbot, tags, expected):
    spacing = tags.pop("spacing", 0.35)
    window.open_paths([dicom_factory.make_cr(tmp_path / "f.dcm", rows=300, cols=400, spacing=spacing, **tags)])
    qtbot.keyClick(window.layout_panes.primary, Key.Key_0)
    _draw_ctr(window, qtbot)
    assert [m.text for m in window.layout_panes.primary.measure.measurements] == [expected]
    assert window.statusBar().currentMessage() == expected.replace("\n", " · ")


@pytest.mark.parametrize("keys", [[Key.Key_T], [Key.Key_T, Key.Key_H], [Key.Key_V]])
def test_a_turned_or_mirrored_display_measures_in_the_image_frame(window, films, qtbot, keys):
    window.open_paths(films[:1])
    pane = window.layout_panes.primary
    for key in [*keys, Key.Key_0]:
        qtbot.keyClick(pane, key)
    _draw_ctr(window, qtbot)  # the same image points, reached by screen drags that now run vertically or mirrored
    (ctr,) = pane.measure.measurements
    assert ctr.text == EXPECTED
    assert np.allclose(ctr.widths, [(130, 150, 270, 170), (60, 200, 340, 200)], atol=0.6)  # screen px quantise


def test_selected_and_deleted_like_a_distance(window, films, qtbot):
    window.open_paths(films[:1])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)
    _draw_ctr(window, qtbot)
    pane.measure.select(None)
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(pane.viewport(), LEFT, pos=widget_point(pane, 200, 200))  # on the chest's line
    assert pane.measure.measurements[0].selected
    qtbot.keyClick(pane, Key.Key_Delete)
    assert pane.measure.measurements == [] and len(window.layout_panes.measurement_memory) == 0
    assert window.statusBar().currentMessage() == ""  # the gone ratio is not left in the status bar
    _draw_ctr(window, qtbot)
    qtbot.keyClick(pane, Key.Key_Delete, modifier=QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert pane.measure.measurements == [] and len(window.layout_panes.measurement_memory) == 0


def test_a_ratio_waiting_for_its_chest_is_not_kept_when_the_memory_is_rewritten(window, films, qtbot):
    """Deleting a distance rewrites the film's kept marks while a ratio still waits for its chest: that half ratio
    (the tool's ratio in progress) must stay out, and the other distance stay in."""
    window.open_paths(films[:1])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)
    qtbot.keyClick(pane, Key.Key_M)
    _drag_width(qtbot, pane, ((50, 50), (150, 50)))
    _drag_width(qtbot, pane, ((50, 100), (150, 100)))
    qtbot.keyClick(pane, Key.Key_C)
    _drag_width(qtbot, pane, HEART)
    assert len(pane.measure.measurements) == 3
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(pane.viewport(), LEFT, pos=widget_point(pane, 100, 50))  # on the first distance
    qtbot.keyClick(pane, Key.Key_Delete)
    kept = window.layout_panes.measurement_memory.recall(pane.measure.key)
    assert np.allclose(kept, [(50, 100, 150, 100)], atol=0.6)  # the second distance only, no half ratio
    assert [len(getattr(m, "widths", ())) for m in pane.measure.measurements] == [0, 1]  # the half ratio still drawn


def test_one_tool_at_a_time_in_both_panes_of_1x2(window, films, qtbot):
    window.open_paths(films)
    window.set_layout("1x2")
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, Key.Key_C)
    assert [p.measure.mode for p in (first, second)] == ["ctr", "ctr"]
    qtbot.keyClick(first, Key.Key_M)
    assert not window.actions["ctr"].isChecked() and [p.measure.mode for p in (first, second)] == ["distance"] * 2
    qtbot.keyClick(first, Key.Key_C)
    assert not window.actions["measure"].isChecked()
    qtbot.keyClick(second, Key.Key_0)
    _draw_ctr(window, qtbot, second)  # on the prior
    assert [m.text for m in second.measure.measurements] == [EXPECTED] and first.measure.measurements == []


def _coloured(path) -> tuple[int, int]:
    """Pixels of the heart's orange and the chest's cyan in an exported PNG (the film itself is grey)."""
    image = QtGui.QImage(str(path)).convertToFormat(QtGui.QImage.Format.Format_RGB888)
    ptr = image.constBits()
    rgb = np.frombuffer(ptr, np.uint8, image.sizeInBytes()).reshape(image.height(), image.bytesPerLine())
    rgb = rgb[:, : image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    orange = (r > 220) & (g > 130) & (g < 190) & (b < 110)
    cyan = (r < 120) & (g > 180) & (b > 220)
    return int(orange.sum()), int(cyan.sum())


def test_the_export_carries_the_marks(window, films, qtbot, tmp_path):
    window.open_paths(films[:1])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)
    pane.export_png(tmp_path / "before.png")
    _draw_ctr(window, qtbot)
    pane.measure.select(None)  # a finished ratio is selected (red), like a finished distance
    pane.export_png(tmp_path / "after.png")
    assert _coloured(tmp_path / "before.png") == (0, 0)
    orange, cyan = _coloured(tmp_path / "after.png")
    assert orange > 140 and cyan > 280  # at least each width's line, 2 screen pixels thick

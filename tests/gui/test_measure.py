"""Distance measurements drawn with the mouse: mm on calibrated files, px on uncalibrated ones; deletable."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from tests import dicom_factory
from tests.gui.conftest import drag, widget_point

pytestmark = pytest.mark.gui

Key = QtCore.Qt.Key


def _measure_100_px(window, qtbot) -> str:
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)  # 1:1, so 100 screen pixels are exactly 100 image pixels
    qtbot.keyClick(pane, Key.Key_M)
    start = widget_point(pane, 100, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(100, 0), QtCore.Qt.MouseButton.LeftButton)
    assert len(pane.measure.measurements) == 1
    return pane.measure.measurements[0].text


def test_measurement_on_calibrated_file_reads_mm(window, cr_file, qtbot):
    window.open_paths([cr_file])  # a CR with PixelSpacing 0.2 mm alone: nothing says whether it was calibrated
    assert _measure_100_px(window, qtbot) == "20.0 mm (Pixel Spacing, calibration unknown)"
    assert "20.0 mm (Pixel Spacing, calibration unknown)" in window.statusBar().currentMessage()


@pytest.mark.parametrize(("tags", "label"), [
    ({"ImagerPixelSpacing": [0.2, 0.2]}, "20.0 mm (at detector, magnified)"),
    # Pixel Spacing equal to Imager Pixel Spacing was not corrected (PS3.3 10.7.1.1): 0.2 / 1.25 = 0.16 mm
    ({"PixelSpacing": [0.2, 0.2], "ImagerPixelSpacing": [0.2, 0.2], "EstimatedRadiographicMagnificationFactor": 1.25},
     "16.0 mm (corrected for est. magnification 1.25)"),
    ({"PixelSpacing": [0.18, 0.18], "ImagerPixelSpacing": [0.2, 0.2], "PixelSpacingCalibrationType": "GEOMETRY"},
     "18.0 mm (calibrated: GEOMETRY)"),
    ({"PixelSpacing": [0.2, 0.2], "Modality": "CT"}, "20.0 mm"),
])
def test_the_label_says_what_the_mm_rest_on(window, tmp_path, qtbot, tags, label):
    path = dicom_factory.make_cr(tmp_path / "film.dcm", rows=200, cols=300, spacing=None, **tags)
    window.open_paths([path])
    assert _measure_100_px(window, qtbot) == label
    assert window.statusBar().currentMessage() == f"Distance {label}"


def test_measurement_on_uncalibrated_file_reads_pixels(window, tmp_path, qtbot):
    path = dicom_factory.make_cr(tmp_path / "nocal.dcm", rows=200, cols=300, spacing=None)
    window.open_paths([path])
    assert _measure_100_px(window, qtbot) == "100.0 px (uncalibrated)"


def test_measurement_is_selected_by_click_and_deleted(window, cr_file, qtbot):
    window.open_paths([cr_file])
    _measure_100_px(window, qtbot)
    pane = window.layout_panes.primary
    pane.measure.select(None)
    qtbot.mouseClick(pane.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=widget_point(pane, 150, 100))
    assert pane.measure.measurements[0].selected
    qtbot.keyClick(pane, Key.Key_Delete)
    assert pane.measure.measurements == []


def test_clear_all_measurements(window, cr_file, qtbot):
    window.open_paths([cr_file])
    _measure_100_px(window, qtbot)
    pane = window.layout_panes.primary
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # else the next press counts as a double click
    start = widget_point(pane, 100, 150)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(0, 40), QtCore.Qt.MouseButton.LeftButton)
    assert len(pane.measure.measurements) == 2
    qtbot.keyClick(pane, Key.Key_Delete, modifier=QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert pane.measure.measurements == []


@pytest.mark.parametrize("turns", [0, 1])
def test_non_square_pixels_keep_the_anatomys_proportions_and_their_mm(window, tmp_path, qtbot, turns):
    path = dicom_factory.make_cr(tmp_path / "aniso.dcm", rows=300, cols=300, spacing=None, PixelSpacing=[0.2, 0.1])
    window.open_paths([path])  # 60 mm tall, 30 mm wide
    pane = window.layout_panes.primary
    for _ in range(turns):
        qtbot.keyClick(pane, Key.Key_T)
    rect = pane.image_rect_in_view()
    assert rect.height() / rect.width() == pytest.approx(2.0 if turns == 0 else 0.5)
    start, end = widget_point(pane, 50, 150), widget_point(pane, 250, 150)  # 200 columns: 20 mm
    qtbot.keyClick(pane, Key.Key_M)
    drag(qtbot, pane.viewport(), start, end, QtCore.Qt.MouseButton.LeftButton)
    value, unit = pane.measure.measurements[0].text.split()[:2]
    assert unit == "mm" and float(value) == pytest.approx(20.0, abs=0.2)  # screen pixels quantise the ends

"""Distances on films whose pixels are not square (row spacing ≠ column spacing), drawn with the real mouse.

Calibrated, each axis scales by its own spacing: mm only. Uncalibrated, a length "in pixels" is ambiguous when a
pixel is twice as tall as it is wide; it counted rows and columns alike, so two lines of one length on screen
read 100 px and 50 px. The length is now counted in the pixel's shorter side (as Weasis does), so it is in
proportion to what the screen shows, and the label says so.
"""

from __future__ import annotations

import re

import pytest
from PySide6 import QtCore, QtWidgets

from tests import dicom_factory
from tests.gui.conftest import drag, widget_point

pytestmark = pytest.mark.gui


def _measure(window, qtbot, start: tuple[float, float], end: tuple[float, float]) -> str:
    """Draw one line between two image points (column, row) and return its label."""
    pane = window.layout_panes.primary
    if not window.actions["measure"].isChecked():
        window.actions["measure"].trigger()
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # else the press ends a double click
    before = len(pane.measure.measurements)
    drag(qtbot, pane.viewport(), widget_point(pane, *start), widget_point(pane, *end),
         QtCore.Qt.MouseButton.LeftButton)
    assert len(pane.measure.measurements) == before + 1
    return pane.measure.measurements[-1].text


def _value(label: str) -> float:
    return float(re.match(r"([\d.]+) ", label).group(1))


def test_calibrated_non_square_pixels_measure_each_axis_with_its_own_spacing(window, tmp_path, qtbot):
    # rows 0.2 mm apart, columns 0.1 mm apart: the film is drawn half as wide as its column count
    path = dicom_factory.make_cr(tmp_path / "ns.dcm", rows=300, cols=400, spacing=None, PixelSpacing=[0.2, 0.1],
                                 Modality="CT")  # CT: plain mm, no calibration caveat in the label
    window.open_paths([path])
    across = _measure(window, qtbot, (100, 100), (200, 100))  # 100 columns
    down = _measure(window, qtbot, (100, 150), (100, 200))  # 50 rows
    slanted = _measure(window, qtbot, (200, 150), (260, 190))  # 60 columns and 40 rows: 6 and 8 mm
    for label in (across, down, slanted):
        assert label.endswith(" mm") and "px" not in label
        assert _value(label) == pytest.approx(10.0, rel=0.03)


def test_uncalibrated_non_square_pixels_count_the_shorter_side_and_say_so(window, tmp_path, qtbot):
    # Pixel Aspect Ratio 2\1 (vertical\horizontal): each pixel twice as tall as wide, no spacing at all
    path = dicom_factory.make_cr(tmp_path / "ns.dcm", rows=300, cols=400, spacing=None, PixelAspectRatio=[2, 1])
    window.open_paths([path])
    across = _measure(window, qtbot, (100, 100), (200, 100))  # 100 columns: 100 short sides
    down = _measure(window, qtbot, (100, 150), (100, 200))  # 50 rows of two short sides each
    for label in (across, down):
        assert _value(label) == pytest.approx(100.0, rel=0.03)
        assert label.endswith(" px (uncalibrated, non-square pixels: px = short side)")


def test_square_uncalibrated_pixels_keep_the_plain_label(window, tmp_path, qtbot):
    path = dicom_factory.make_cr(tmp_path / "sq.dcm", rows=300, cols=400, spacing=None, PixelAspectRatio=[1, 1])
    window.open_paths([path])
    assert _measure(window, qtbot, (100, 100), (200, 100)).endswith(" px (uncalibrated)")

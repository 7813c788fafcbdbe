"""Measure mode (M) in 1×2 works on the prior as on the current film, so a nodule can be measured then and now;
switched on in 1×1 it is on for the prior shown later, and off it is off in both."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from tests import dicom_factory
from tests.gui.conftest import drag, widget_point

pytestmark = pytest.mark.gui
Key = QtCore.Qt.Key
LEFT = QtCore.Qt.MouseButton.LeftButton


@pytest.fixture
def films(window, tmp_path):
    """Ann's film (0.2 mm pixels) and her prior (0.1 mm pixels, so each pane's figure is its own film's)."""
    current = dicom_factory.make_cr(tmp_path / "a.dcm", rows=200, cols=300, spacing=0.2, PatientID="A1",
                                    StudyDate="20240301", StudyInstanceUID="1.2.3.1")
    prior = dicom_factory.make_cr(tmp_path / "b.dcm", rows=200, cols=300, spacing=0.1, PatientID="A1",
                                  StudyDate="20230105", StudyInstanceUID="1.2.3.2", seed=3)
    window.open_paths([current, prior])
    return window


def _measure(qtbot, pane) -> None:
    """Make the pane 1:1 (100 screen pixels = 100 image pixels) and drag a 100-pixel line on it."""
    qtbot.mouseClick(pane.viewport(), LEFT, pos=pane.viewport().rect().center())  # the pane becomes active
    qtbot.keyClick(pane, Key.Key_0)
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # else the press ends a double click
    start = widget_point(pane, 100, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(100, 0), LEFT)


def _millimetres(pane) -> list[float]:
    texts = [m.text.split()[:2] for m in pane.measure.measurements]  # the value, the unit, then what the mm rest on
    assert all(unit == "mm" for _value, unit in texts)
    return [float(value) for value, _unit in texts]


def test_measure_mode_switched_on_in_1x1_measures_the_prior_shown_later(films, qtbot):
    first, second = films.layout_panes.panes
    qtbot.keyClick(first, Key.Key_M)
    qtbot.keyClick(first, Key.Key_2, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert second.image.metadata["StudyDate"] == "20230105"
    _measure(qtbot, second)
    assert _millimetres(second) == [pytest.approx(10.0, abs=0.2)]  # the prior's 0.1 mm pixels
    assert films.statusBar().currentMessage() == f"Distance {second.measure.measurements[0].text}"
    _measure(qtbot, first)
    assert _millimetres(first) == [pytest.approx(20.0, abs=0.4)]  # screen pixels quantise the ends
    assert len(second.measure.measurements) == 1


def test_measure_mode_off_is_off_in_both_panes(films, qtbot):
    first, second = films.layout_panes.panes
    qtbot.keyClick(first, Key.Key_2, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(first, Key.Key_M)  # on, in 1×2
    _measure(qtbot, second)
    assert len(second.measure.measurements) == 1
    qtbot.keyClick(second, Key.Key_M)  # off, from the prior
    _measure(qtbot, second)
    _measure(qtbot, first)
    assert len(second.measure.measurements) == 1 and first.measure.measurements == []

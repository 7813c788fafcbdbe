"""Ctrl+C on a film of several frames names the frame of each measurement copied.

Measurements belong to the frame they were drawn on (``measure_memory``), but Ctrl+C copied "Distance 35 px" alone,
so a figure pasted into a report from slice 2 of a tomosynthesis did not say which slice to look at. Found in an
acceptance run of frame stepping with Ctrl+C; the real viewer (offscreen) and a multi-frame file written with pydicom.
"""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from tests import dicom_factory
from tests.gui.conftest import drag, widget_point

Key = QtCore.Qt.Key
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
pytestmark = pytest.mark.gui


def test_the_copied_figures_name_their_frame(window, tmp_path, qtbot):
    window.open_paths([dicom_factory.make_multiframe(tmp_path / "tomo.dcm", frames=4, rows=48, cols=64)])
    pane = window.layout_panes.primary
    pane.setFocus()
    qtbot.keyClick(pane, Key.Key_Period)
    window.actions["measure"].trigger()
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # else the press ends a double click
    drag(qtbot, pane.viewport(), widget_point(pane, 5, 10), widget_point(pane, 40, 10), QtCore.Qt.MouseButton.LeftButton)
    QtWidgets.QApplication.clipboard().clear()
    qtbot.keyClick(pane, Key.Key_C, modifier=CTRL)
    (copied,) = QtWidgets.QApplication.clipboard().text().splitlines()
    assert copied.startswith("Distance ") and copied.endswith(" (frame 2 of 4)")
    assert window.statusBar().currentMessage() == f"Copied {copied}"

"""Fixtures for driving the real viewer offscreen: a shown main window and DICOM files written by pydicom."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from cxr_viewer.index.db import StudyIndex
from tests import dicom_factory


@pytest.fixture
def config(tmp_path, monkeypatch) -> Path:
    """An empty config folder the viewer reads and writes viewer.json in (``CXR_VIEWER_CONFIG_DIR``), for tests of
    what is kept across starts. A test module that needs a viewer.json already there overrides it, asking for this
    one by the same name."""
    folder = tmp_path / "cfg"
    folder.mkdir()
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def browser_window(make_window, tmp_path):
    window = make_window(with_browser=True)
    window.browser.index = StudyIndex(tmp_path / "index.sqlite")
    return window


@pytest.fixture
def cr_file(tmp_path) -> Path:
    """A 12-bit CR, 200×300, PixelSpacing 0.2 mm, a horizontal ramp (so every column has its own value)."""
    pixels = np.tile(np.arange(300, dtype=np.uint16) * 10, (200, 1))
    return dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, spacing=0.2, pixels=pixels)


def open_at_one_to_one(window, qtbot, paths) -> object:
    """Open ``paths`` and show the first at one screen pixel per film pixel (0), the keyboard on its pane: drawn
    marks then land on whole film pixels."""
    window.open_paths(paths)
    pane = window.layout_panes.primary
    pane.setFocus()
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_0)
    return pane


def widget_point(pane, x: float, y: float) -> QtCore.QPoint:
    """The viewport pixel showing image point (x, y)."""
    pane.viewbox.updateMatrix()  # pyqtgraph defers the view transform until the next paint
    scene = pane.image_item.mapToScene(QtCore.QPointF(x, y))
    return pane.mapFromScene(scene)


def draw_distance(window, qtbot, start: tuple[float, float], end: tuple[float, float]) -> None:
    """A distance drawn in the primary pane by a real left-drag between image points, the M tool turned on first."""
    pane = window.layout_panes.primary
    if not window.actions["measure"].isChecked():
        window.actions["measure"].trigger()
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # else the press ends a double click
    drag(qtbot, pane.viewport(), widget_point(pane, *start), widget_point(pane, *end), QtCore.Qt.MouseButton.LeftButton)


def drag(qtbot, widget: QtWidgets.QWidget, start: QtCore.QPoint, end: QtCore.QPoint, button, steps: int = 5) -> None:
    """A real press–move–release sequence, with intermediate moves so pyqtgraph sees a drag."""
    qtbot.mousePress(widget, button, pos=start)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        send_mouse_move(widget, point, button)
    qtbot.mouseRelease(widget, button, pos=end)


def send_mouse_move(widget: QtWidgets.QWidget, pos: QtCore.QPoint, buttons) -> None:
    """A mouse move with buttons held (QTest's mouseMove does not carry the pressed buttons)."""
    local = QtCore.QPointF(pos)
    event = QtGui.QMouseEvent(
        QtCore.QEvent.Type.MouseMove, local, QtCore.QPointF(widget.mapToGlobal(pos)),
        QtCore.Qt.MouseButton.NoButton, buttons, QtCore.Qt.KeyboardModifier.NoModifier,
    )
    QtWidgets.QApplication.sendEvent(widget, event)


def send_wheel(widget: QtWidgets.QWidget, pos: QtCore.QPoint, steps: int) -> None:
    """``steps`` notches of the wheel at ``pos`` (positive = away from the user = zoom in)."""
    event = QtGui.QWheelEvent(
        QtCore.QPointF(pos), QtCore.QPointF(widget.mapToGlobal(pos)), QtCore.QPoint(0, 0), QtCore.QPoint(0, 120 * steps),
        QtCore.Qt.MouseButton.NoButton, QtCore.Qt.KeyboardModifier.NoModifier, QtCore.Qt.ScrollPhase.NoScrollPhase, False,
    )
    QtWidgets.QApplication.sendEvent(widget, event)

"""Stepping through the frames of a multi-frame film in the real viewer: each frame's own pixels on screen, decoded
only when shown, the reader's window and zoom kept, the ends said in the status bar, the keys in F1."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from PySide6 import QtCore, QtWidgets
from pydicom.uid import RLELossless

from cxr_viewer.gui import shortcut_help
from tests import dicom_factory
from tests.gui.conftest import drag, widget_point

Key = QtCore.Qt.Key
LEFT = QtCore.Qt.MouseButton.LeftButton
pytestmark = pytest.mark.gui
FRAMES = 4


def _frames(rows: int = 48, cols: int = 64) -> np.ndarray:
    """Frame k: 1000·(k+1) plus the column, so every frame and every column has its own value."""
    ramp = np.tile(np.arange(cols, dtype=np.uint16), (rows, 1))
    return np.stack([ramp + 1000 * (k + 1) for k in range(FRAMES)])


def _write(path: Path, rle: bool = False) -> Path:
    ds = dicom_factory.new_dataset("1.2.840.10008.5.1.4.1.1.7.3", "OT")
    dicom_factory.set_pixels(ds, _frames(), 14, "MONOCHROME2")
    ds.NumberOfFrames = FRAMES
    dicom_factory.save(ds, path)
    if rle:
        ds = pydicom.dcmread(path)
        ds.compress(RLELossless)
        ds.save_as(path)
    return path


def _corner(pane) -> str:
    return pane.corners.labels["top_right"].text()


def _press(qtbot, pane, key) -> None:
    qtbot.keyClick(pane, key)


@pytest.mark.parametrize("rle", [False, True], ids=["native", "rle"])
def test_stepping_shows_each_frame_and_decodes_only_those(window, tmp_path, qtbot, rle):
    path = _write(tmp_path / "tomo.dcm", rle)
    window.open_paths([path])
    pane = window.layout_panes.primary
    pane.setFocus()
    decodes = pane.image.frame_source.decodes  # the opened file's count, shared by its frames
    assert np.array_equal(pane.image.stored, _frames()[0])
    assert "Frame 1 of 4" in _corner(pane) and "only the first" not in _corner(pane)
    assert decodes == {0: 1}  # opening decodes one frame
    for index in (1, 2):
        _press(qtbot, pane, Key.Key_Period)
        assert np.array_equal(pane.image.stored, _frames()[index])
        assert f"Frame {index + 1} of 4" in _corner(pane)
    _press(qtbot, pane, Key.Key_Comma)
    _press(qtbot, pane, Key.Key_Comma)
    assert np.array_equal(pane.image.stored, _frames()[0])
    # frame 4 never shown, never decoded; going back decoded nothing again
    assert decodes == {0: 1, 1: 1, 2: 1} and pane.image.frame_source.decodes is decodes


def test_ends_of_the_range_are_said_and_window_and_zoom_kept(window, tmp_path, qtbot):
    window.open_paths([_write(tmp_path / "tomo.dcm")])
    pane = window.layout_panes.primary
    pane.setFocus()
    _press(qtbot, pane, Key.Key_Comma)
    assert window.statusBar().currentMessage().startswith("First frame of the film")
    pane.set_window(2020.0, 40.0)
    pane.center_on(20.0, 10.0, zoom=pane.zoom * 3)
    view = pane.viewbox.viewRange()
    shown = pane.image_item.image.copy()
    for _ in range(FRAMES - 1):
        _press(qtbot, pane, Key.Key_Period)
    assert (pane.state.center, pane.state.width) == (2020.0, 40.0)
    assert np.allclose(pane.viewbox.viewRange(), view)
    assert not np.array_equal(pane.image_item.image, shown)  # frame 4's values are above that window: all white
    assert (pane.image_item.image == 255).all()
    _press(qtbot, pane, Key.Key_Period)
    assert window.statusBar().currentMessage().startswith("Last frame of the film")
    assert "Frame 4 of 4" in _corner(pane)


def test_measurements_belong_to_their_frame(window, tmp_path, qtbot):
    window.open_paths([_write(tmp_path / "tomo.dcm")])
    pane = window.layout_panes.primary
    pane.setFocus()
    _press(qtbot, pane, Key.Key_Period)
    window.actions["measure"].trigger()
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # else the press ends a double click
    drag(qtbot, pane.viewport(), widget_point(pane, 5, 10), widget_point(pane, 40, 10), LEFT)
    assert len(pane.measure.measurements) == 1  # drawn on frame 2
    _press(qtbot, pane, Key.Key_Period)
    assert pane.measure.measurements == []
    _press(qtbot, pane, Key.Key_Comma)
    assert len(pane.measure.measurements) == 1


def test_f1_lists_the_frame_keys(window):
    dialog = shortcut_help.show(window)
    table = dialog.findChild(QtWidgets.QTableWidget)
    rows = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    assert rows.get("Next frame (multi-frame film)") == "."
    assert rows.get("Previous frame (multi-frame film)") == ","


def test_frames_do_not_step_while_a_plugin_holds_the_view(window, tmp_path, qtbot):
    """A step takes plugin layers off (they were made from another frame): during a reader study's hold that would
    have taken off its pause cover and the reader's marks, so the frame keys are off with the other view changes."""
    window.open_paths([_write(tmp_path / "tomo.dcm")])
    pane = window.layout_panes.primary
    pane.setFocus()
    window.host.set_exclusive("study")
    assert not window.actions["next_frame"].isEnabled() and not window.actions["prev_frame"].isEnabled()
    _press(qtbot, pane, Key.Key_Period)
    assert pane.image.frame_index == 0
    window.host.set_exclusive(None)
    _press(qtbot, pane, Key.Key_Period)
    assert pane.image.frame_index == 1


def test_the_frames_of_a_film_replaced_are_let_go(window, tmp_path, qtbot):
    """The stepper kept a replaced film's last frames (4 × 18 MB for 3000×3000 slices) until another multi-frame film
    was stepped; reading single films after a tomosynthesis held them all the while."""
    import gc
    import weakref

    window.open_paths([_write(tmp_path / "tomo.dcm"), dicom_factory.make_cr(tmp_path / "next.dcm", rows=64, cols=64)])
    pane = window.layout_panes.primary
    pane.setFocus()
    _press(qtbot, pane, Key.Key_Period)
    _press(qtbot, pane, Key.Key_Period)
    third = weakref.ref(pane.image)
    assert third().frame_index == 2
    _press(qtbot, pane, Key.Key_PageDown)  # the next film of the list
    assert pane.image.path.name == "next.dcm"
    gc.collect()
    assert third() is None

"""Reading a list from the keyboard: the window kept through a series, the ends of the list said, stale messages gone."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore

from tests import dicom_factory
from tests.gui.conftest import drag, widget_point

pytestmark = pytest.mark.gui

Key = QtCore.Qt.Key


def _cr(path, seed: int, study: str, series: str | None = None, number: int = 1):
    y, x = np.mgrid[0:60, 0:80]
    tags = {"SeriesInstanceUID": series} if series else {}
    return dicom_factory.make_cr(path, rows=60, cols=80, pixels=((x * 7 + y * 3 + seed * 500) % 4000).astype(np.uint16),
                                 PatientID="A1", PatientName="Alpha^Ann", StudyInstanceUID=study,
                                 InstanceNumber=number, **tags)


def test_the_window_chosen_on_an_image_is_kept_through_its_series_and_not_beyond(window, tmp_path, qtbot):
    """Preset 3 and I on the first image of a two-image series: Right opens the second image with that window,
    inverted; the next study (another series) opens with its own window, and so does the way back into the series
    after the window was left alone there."""
    _cr(tmp_path / "a1.dcm", 1, "1.2.3.1", "1.2.3.1.9", 1)
    _cr(tmp_path / "a2.dcm", 2, "1.2.3.1", "1.2.3.1.9", 2)
    _cr(tmp_path / "b1.dcm", 3, "1.2.3.2")
    window.open_paths([tmp_path])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_3)
    qtbot.keyClick(pane, Key.Key_I)
    chosen = pane.state
    assert chosen != pane.start_state and chosen.invert
    qtbot.keyClick(pane, Key.Key_Right)
    assert pane.image.metadata["InstanceNumber"] == 2
    assert (pane.state.center, pane.state.width, pane.state.invert) == (chosen.center, chosen.width, True)
    assert pane.window_text() != ""
    qtbot.keyClick(pane, Key.Key_Down)  # another study and series: its own window
    assert pane.image.metadata["StudyInstanceUID"] == "1.2.3.2"
    assert pane.state == pane.start_state and not pane.state.invert
    qtbot.keyClick(pane, Key.Key_Up)  # back into the series from a window left alone: the file's own again
    assert pane.image.metadata["InstanceNumber"] == 1
    assert pane.state == pane.start_state and not pane.state.invert


def test_a_linked_comparison_follows_the_window_kept_through_the_series(window, tmp_path, qtbot):
    """1×2 with linked W/L beside Ann's prior: the kept window on the next image of the series still drives the
    prior, which would otherwise fall back to its own window while the main film keeps the chosen one."""
    _cr(tmp_path / "a1.dcm", 1, "1.2.3.1", "1.2.3.1.9", 1)
    _cr(tmp_path / "a2.dcm", 2, "1.2.3.1", "1.2.3.1.9", 2)
    _cr(tmp_path / "c1.dcm", 4, "1.2.3.3")
    window.open_paths([tmp_path])
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, Key.Key_2, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    window.actions["link_window"].trigger()
    qtbot.keyClick(first, Key.Key_3)
    followed = second.state
    assert second.image.metadata["StudyInstanceUID"] == "1.2.3.3" and followed != second.start_state
    qtbot.keyClick(first, Key.Key_Right)
    assert first.image.metadata["InstanceNumber"] == 2 and first.state != first.start_state
    # followed in proportion to each film's opening window (a2's differs from a1's), so not equal to before: but
    # never the prior's own window while the main film shows a chosen one
    assert second.state != second.start_state
    assert second.state.width == pytest.approx(followed.width, rel=0.5)


def test_a_different_series_of_the_same_study_opens_with_its_own_window(window, tmp_path, qtbot):
    _cr(tmp_path / "a1.dcm", 1, "1.2.3.1", "1.2.3.1.8", 1)
    _cr(tmp_path / "a2.dcm", 2, "1.2.3.1", "1.2.3.1.9", 2)
    window.open_paths([tmp_path])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_3)
    assert pane.state != pane.start_state
    qtbot.keyClick(pane, Key.Key_Right)
    assert pane.image.metadata["InstanceNumber"] == 2
    assert pane.state == pane.start_state


def test_a_step_past_either_end_of_the_list_says_so_in_the_status_bar(window, tmp_path, qtbot):
    _cr(tmp_path / "a1.dcm", 1, "1.2.3.1")
    _cr(tmp_path / "b1.dcm", 2, "1.2.3.2")
    window.open_paths([tmp_path])
    pane = window.layout_panes.primary
    status = window.statusBar()
    qtbot.keyClick(pane, Key.Key_Up)
    assert status.currentMessage() == "First study of the list"
    qtbot.keyClick(pane, Key.Key_Left)
    assert status.currentMessage() == "First image of the list"
    qtbot.keyClick(pane, Key.Key_Down)
    assert pane.image.metadata["StudyInstanceUID"] == "1.2.3.2"
    qtbot.keyClick(pane, Key.Key_Down)
    assert status.currentMessage() == "Last study of the list"
    qtbot.keyClick(pane, Key.Key_Right)
    assert status.currentMessage() == "Last image of the list"
    assert window.opener.navigator.position_text() == "Image 1/1  Study 2/2"


def test_deleting_the_measurement_clears_its_distance_from_the_status_bar(window, cr_file, qtbot):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)
    qtbot.keyClick(pane, Key.Key_M)
    start = widget_point(pane, 100, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(100, 0), QtCore.Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == "Distance 20.0 mm (Pixel Spacing, calibration unknown)"
    assert pane.measure.measurements[0].selected
    qtbot.keyClick(pane, Key.Key_Delete)
    assert pane.measure.measurements == []
    assert "20.0 mm" not in window.statusBar().currentMessage()


def test_a_status_message_about_something_else_survives_a_delete(window, cr_file, qtbot):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_M)
    start = widget_point(pane, 100, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(60, 0), QtCore.Qt.MouseButton.LeftButton)
    window.statusBar().showMessage("Exported 10×10 to x.png")
    qtbot.keyClick(pane, Key.Key_Delete)
    assert pane.measure.measurements == []
    assert window.statusBar().currentMessage() == "Exported 10×10 to x.png"

"""The active pane of the 1×2 layout: display keys and the export act on the pane the reader clicked or focused;
navigation and plugins stay on the current film; the left pane is active again after 1×2 and on a new film."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from tests import dicom_factory

pytestmark = pytest.mark.gui
Key = QtCore.Qt.Key


@pytest.fixture
def compared(window, tmp_path, qtbot):
    """Ann's current film on the left and her prior (another ramp, so the two pictures differ) on the right."""
    dicom_factory.make_cr(tmp_path / "a_current.dcm", rows=200, cols=300, PatientID="A1", StudyDate="20240301",
                          StudyInstanceUID="1.2.3.1")
    dicom_factory.make_cr(tmp_path / "b_prior.dcm", rows=200, cols=300, PatientID="A1", StudyDate="20230105",
                          StudyInstanceUID="1.2.3.2", seed=3)
    window.open_paths([tmp_path])
    qtbot.keyClick(window.layout_panes.primary, Key.Key_2, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    first, second = window.layout_panes.panes
    assert second.isVisible() and second.image.metadata["StudyDate"] == "20230105"
    return window


def _click(qtbot, pane) -> None:
    qtbot.mouseClick(pane.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=pane.viewport().rect().center())


def test_keys_act_on_the_pane_the_reader_clicked(compared, qtbot):
    first, second = compared.layout_panes.panes
    first_start, second_start = first.state, second.state
    _click(qtbot, second)
    qtbot.keyClick(second, Key.Key_I)
    qtbot.keyClick(second, Key.Key_2)  # the second preset: the prior's own window changes, the film's does not
    assert second.state.invert != second_start.invert
    assert (second.state.center, second.state.width) != (second_start.center, second_start.width)
    assert first.state == first_start
    qtbot.keyClick(second, Key.Key_T)
    assert (first.rotation, second.rotation) == (0, 1)
    _click(qtbot, first)
    qtbot.keyClick(first, Key.Key_I)
    assert first.state.invert != first_start.invert and second.state.invert != second_start.invert


def test_the_active_pane_is_outlined_without_moving_either_film(compared, qtbot):
    layout = compared.layout_panes
    first, second = layout.panes
    assert layout.active is first and [frame.highlighted for frame in layout.frames] == [True, False]
    sizes = first.size(), second.size()
    _click(qtbot, second)
    assert layout.active is second and [frame.highlighted for frame in layout.frames] == [False, True]
    assert (first.size(), second.size()) == sizes  # only the colour moved: no film was refitted
    outline = layout.frames[1].grab().toImage().pixelColor(0, 0)
    assert outline == layout.frames[1].outline_colour() != layout.frames[0].grab().toImage().pixelColor(0, 0)


def test_focus_by_keyboard_makes_a_pane_active_and_escape_returns_to_it(compared, qtbot):
    layout = compared.layout_panes
    second = layout.panes[1]
    second.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(second.hasFocus)
    search = compared.tag_panel.findChild(QtWidgets.QLineEdit)
    search.setFocus()  # a dock takes the keyboard; the reader's choice of pane stays
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClick(search, Key.Key_Escape)
    assert second.hasFocus() and layout.active is second
    start = second.state
    qtbot.keyClick(second, Key.Key_I)
    assert second.state.invert != start.invert


def test_export_writes_the_active_pane(compared, qtbot, tmp_path):
    second = compared.layout_panes.panes[1]
    _click(qtbot, second)
    qtbot.keyClick(second, Key.Key_I)
    assert compared.export_view(str(tmp_path / "prior.png"))
    saved = QtGui.QImage(str(tmp_path / "prior.png")).convertToFormat(QtGui.QImage.Format.Format_RGB32)
    assert saved == second.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGB32)


def test_navigation_and_plugins_stay_on_the_current_film(compared, qtbot, tmp_path):
    """With the prior active, an arrow key still steps the study list and the plugins still see the current film;
    the new film makes the left pane active again (the prior beside it was reloaded with its own window)."""
    dicom_factory.make_cr(tmp_path / "c_next.dcm", rows=200, cols=300, PatientID="A1", StudyDate="20240302",
                          StudyInstanceUID="1.2.3.3")
    compared.open_paths([tmp_path / "a_current.dcm", tmp_path / "b_prior.dcm", tmp_path / "c_next.dcm"])
    layout = compared.layout_panes
    first, second = layout.panes
    _click(qtbot, second)
    assert compared.host.current_image() is first.image
    qtbot.keyClick(second, Key.Key_Down)
    assert compared.opener.navigator.study == 1 and first.image.metadata["StudyInstanceUID"] == "1.2.3.2"
    assert layout.active is first and first.hasFocus()


def test_leaving_one_by_two_makes_the_left_pane_active(compared, qtbot):
    layout = compared.layout_panes
    first, second = layout.panes
    _click(qtbot, second)
    qtbot.keyClick(second, Key.Key_1, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert not second.isVisible() and layout.active is first and first.hasFocus()
    qtbot.waitUntil(lambda: first.geometry() == layout.frames[0].rect() == layout.rect())  # no outline in 1×1
    start = first.state
    qtbot.keyClick(first, Key.Key_I)
    assert first.state.invert != start.invert
    layout.set_active(second)  # the hidden pane cannot be made active
    assert layout.active is first

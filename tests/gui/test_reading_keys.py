"""Keys a radiologist presses all day: which window a number key chose, and Ctrl+Z after a Delete by mistake."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui import shortcut_help
from tests import dicom_factory
from tests.gui.conftest import drag, widget_point

pytestmark = pytest.mark.gui
Key = QtCore.Qt.Key
LEFT = QtCore.Qt.MouseButton.LeftButton


def test_a_number_key_says_which_window_it_chose_on_this_film(window, tmp_path, qtbot):
    """The keys' presets shift with the file's own windows: 2 is Lung on a film without windows, but the file's second
    window on one with two, where Lung is 4. The status bar names what the key gave."""
    plain = dicom_factory.make_cr(tmp_path / "plain.dcm", rows=80, cols=60, StudyInstanceUID="1.2.3.1")
    windowed = dicom_factory.make_cr(tmp_path / "windowed.dcm", rows=80, cols=60, StudyInstanceUID="1.2.3.2",
                                     WindowCenter=[1500, 2000], WindowWidth=[3000, 1000],
                                     WindowCenterWidthExplanation=["STANDARD", "BONE SHARP"])
    window.open_paths([plain, windowed])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_2)
    assert window.statusBar().currentMessage() == "Window preset 2: Lung"
    qtbot.keyClick(pane, Key.Key_Down)
    qtbot.keyClick(pane, Key.Key_2)
    assert window.statusBar().currentMessage() == "Window preset 2: BONE SHARP"
    qtbot.keyClick(pane, Key.Key_4)
    assert window.statusBar().currentMessage() == "Window preset 4: Lung"


def _draw(window, qtbot, start, end) -> None:
    pane = window.layout_panes.primary
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # else the press ends a double click
    drag(qtbot, pane.viewport(), widget_point(pane, *start), widget_point(pane, *end), LEFT)


def test_ctrl_z_brings_back_measurements_deleted_by_mistake(window, tmp_path, qtbot):
    """Shift+Delete wipes a film's ratio and distances at once, and nothing brought them back. Ctrl+Z (in the Tools
    menu and F1) returns the last deletion of this film, with its figures; it brings nothing onto another film."""
    films = [dicom_factory.make_cr(tmp_path / f"{name}.dcm", rows=200, cols=300, spacing=0.2,
                                   StudyInstanceUID=f"1.2.3.{number}") for number, name in enumerate("ab")]
    window.open_paths(films)
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)
    window.actions["measure"].trigger()
    _draw(window, qtbot, (100, 100), (200, 100))
    _draw(window, qtbot, (100, 150), (150, 150))
    drawn = sorted(m.text for m in pane.measure.measurements)
    assert len(drawn) == 2

    qtbot.keyClick(pane, Key.Key_Delete, modifier=QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert pane.measure.measurements == []
    qtbot.keyClick(pane, Key.Key_Down)  # the other film has nothing to bring back
    qtbot.keyClick(pane, Key.Key_Z, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert pane.measure.measurements == []
    assert window.statusBar().currentMessage() == "Nothing to undo on this image: no measurement deleted or adjusted"
    qtbot.keyClick(pane, Key.Key_Up)
    qtbot.keyClick(pane, Key.Key_Z, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert sorted(m.text for m in pane.measure.measurements) == drawn
    assert window.statusBar().currentMessage() == "Undo: 2 measurements back"

    qtbot.keyClick(pane, Key.Key_Delete)  # the one restored last is selected: Delete takes it, Ctrl+Z returns it
    assert len(pane.measure.measurements) == 1
    qtbot.keyClick(pane, Key.Key_Z, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert sorted(m.text for m in pane.measure.measurements) == drawn
    qtbot.keyClick(pane, Key.Key_Down)
    qtbot.keyClick(pane, Key.Key_Up)  # and they are kept with the film again
    assert sorted(m.text for m in pane.measure.measurements) == drawn
    table = shortcut_help.show(window).findChild(QtWidgets.QTableWidget)  # F1 lists it
    listed = [(table.item(row, 0).text(), table.item(row, 1).text()) for row in range(table.rowCount())]
    assert ("Ctrl+Z", "Undo measurement deletion or adjustment") in listed


def test_ctrl_c_on_the_image_copies_the_measurements_for_the_report(window, tmp_path, qtbot):
    """The figures were only in the labels and the status bar, neither of which can be selected: a reader retyped
    them into the report. Ctrl+C on the image copies the selected measurement, else all of the film's."""
    film = dicom_factory.make_cr(tmp_path / "film.dcm", rows=200, cols=300, spacing=0.2)
    window.open_paths([film])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)
    QtWidgets.QApplication.clipboard().clear()
    qtbot.keyClick(pane, Key.Key_C, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "No measurement on this image to copy"
    window.actions["measure"].trigger()
    _draw(window, qtbot, (100, 100), (200, 100))
    _draw(window, qtbot, (100, 150), (150, 150))  # selected, as just drawn
    qtbot.keyClick(pane, Key.Key_C, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert QtWidgets.QApplication.clipboard().text() == "Distance 10.0 mm (Pixel Spacing, calibration unknown)"
    window.actions["measure"].trigger()
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(pane.viewport(), LEFT, pos=widget_point(pane, 250, 30))  # a click away selects none
    qtbot.keyClick(pane, Key.Key_C, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert QtWidgets.QApplication.clipboard().text().splitlines() == [
        "Distance 20.0 mm (Pixel Spacing, calibration unknown)", "Distance 10.0 mm (Pixel Spacing, calibration unknown)"]
    assert window.statusBar().currentMessage() == "Copied 2 measurements"

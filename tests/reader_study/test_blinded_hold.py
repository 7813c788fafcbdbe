"""What a reading session's hold on the viewer shows and allows, found in a review of a scripted session.

The case's corner went on showing the position in the list the coordinator had open ("Image 1/1  Study 1/2"); an
FROC mark was picked within 8 image pixels, 256 screen pixels at 32× and less than the ring at a large film's fit;
Export view as PNG (a file dialog onto the study folder and its truth table), a Query/Retrieve window left open and
the plugin's own Open dialog stayed at hand; and the reading dock could be closed mid-case, taking Log out and every
hint with it while the number keys still rated.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget

from cxr_viewer.index.db import StudyIndex
from tests import dicom_factory
from tests.reader_study.test_reading_panel import _log_in, _open

pytestmark = pytest.mark.gui


def _two_studies(tmp_path):
    """The coordinator's list: two patients' films, one study each."""
    return [dicom_factory.make_cr(tmp_path / f"film{n}.dcm", rows=40, cols=40, PatientID=f"P{n}") for n in (1, 2)]


def _corner(window) -> str:
    """The main pane's bottom-right corner text (file name and list position), whether or not O hides it."""
    return window.layout_panes.primary.corners.texts["bottom_right"]


def _screen(pane, x: float, y: float) -> QPoint:
    pane.viewbox.updateMatrix()  # pyqtgraph defers the view transform until the next paint
    return pane.mapFromScene(pane.image_item.mapToScene(QPointF(x, y)))


def test_a_blinded_case_shows_no_list_position_and_the_list_gets_it_back(qtbot, viewer, roc_study_file, tmp_path):
    assert viewer.open_paths(_two_studies(tmp_path))
    assert "Image 1/1  Study 1/2" in _corner(viewer)
    panel = _open(viewer, roc_study_file)
    _log_in(qtbot, panel, "R1")
    assert viewer.host.current_image().path is None  # the blinded case is on screen
    assert _corner(viewer) == ""  # no file name (blinded) and no place in a list the case is not in
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    panel.close_study()
    viewer.actions["next_study"].trigger()
    assert "film2.dcm" in _corner(viewer) and "Image 1/1  Study 2/2" in _corner(viewer)


def test_the_list_position_goes_with_a_hold_or_a_plugins_image_and_comes_back(viewer, tmp_path):
    assert viewer.open_paths(_two_studies(tmp_path))
    listed = viewer.host.current_image()
    viewer.host.set_exclusive("reader_study")
    assert "Study 1/2" not in _corner(viewer) and "film1.dcm" in _corner(viewer)
    viewer.host.set_exclusive(None)
    assert "Image 1/1  Study 1/2" in _corner(viewer)  # the list's film is still on screen: its place is back
    viewer.host.open_image_object(replace(listed, path=None))  # a plugin's own image, no hold
    assert "Study" not in _corner(viewer)
    viewer.actions["next_study"].trigger()
    assert "Image 1/1  Study 2/2" in _corner(viewer)


def test_a_mark_is_picked_within_a_few_screen_pixels_at_any_zoom(qtbot, viewer, froc_study_file):
    panel = _open(viewer, froc_study_file)
    pane = viewer.layout_panes.primary
    _log_in(qtbot, panel, "R1")
    marks = panel.session.answer.marks

    def click(point: QPoint) -> None:
        qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)

    viewer.host.center_on(96, 96, zoom=pane.viewbox.zoom_range()[0] * 1.01)  # zoomed out as far as it goes
    assert pane.zoom < 1.1  # 9 screen pixels are more than 8 image pixels
    click(_screen(pane, 60, 96))
    click(_screen(pane, 130, 96))  # a second mark, now the selected one: the first one's ring is the small one
    assert len(marks) == 2 and panel.session.answer.selected_mark == 1
    click(_screen(pane, marks[0].x, marks[0].y) - QPoint(9, 0))  # just off the 14-pixel ring, beside it on screen
    assert len(marks) == 2 and panel.session.answer.selected_mark == 0  # picked, not a third mark on top of it

    viewer.host.center_on(60, 96, zoom=16.0)
    assert pane.zoom == pytest.approx(16.0)
    click(_screen(pane, marks[0].x, marks[0].y) - QPoint(40, 0))  # 2.5 image pixels away, far off the ring on screen
    assert len(marks) == 3 and panel.session.answer.selected_mark == 2  # a new mark, placed where clicked
    assert marks[2].x == pytest.approx(marks[0].x - 2.5, abs=0.1)


def test_view_zoom_is_the_main_panes_zoom_in_screen_pixels_per_image_pixel(viewer, tmp_path):
    assert viewer.open_paths(_two_studies(tmp_path))
    viewer.host.center_on(20, 20, zoom=5.0)
    assert viewer.host.view_zoom() == pytest.approx(5.0) == pytest.approx(viewer.layout_panes.primary.zoom)


def test_a_blinded_read_offers_no_way_off_the_case(qtbot, make_window, roc_study_file, tmp_path):
    window = make_window(with_browser=True)
    window.browser.index = StudyIndex(tmp_path / "index.sqlite")
    assert window.open_paths(_two_studies(tmp_path))
    window.open_pacs()
    assert window.pacs.dialog.isVisible() and window.actions["export_png"].isEnabled()
    panel = _open(window, roc_study_file)
    _log_in(qtbot, panel, "R1")
    case = window.host.current_image()
    assert not window.actions["export_png"].isEnabled()  # its dialog browses to the study folder's cases.csv
    assert not window.pacs.dialog.isVisible()  # patient names, and retrievals to open
    assert not window.docks["browser"].isVisible() and not window.docks["browser"].toggleViewAction().isEnabled()
    assert not any(window.actions[c].isEnabled() for c in ("open_files", "open_folder", "pacs", "next_study"))
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_PageDown)
    assert window.host.current_image() is case and window.opener.open_in_background(_two_studies(tmp_path)) is None
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    assert not window.actions["export_png"].isEnabled() and not window.actions["pacs"].isEnabled()  # between readers
    panel.close_study()
    assert window.actions["export_png"].isEnabled() and window.actions["pacs"].isEnabled()


def test_the_plugins_open_dialog_is_not_offered_during_a_read(qtbot, viewer, roc_study_file):
    """The holder's own action stays on; its file dialog would browse to the study folder's truth table."""
    panel = _open(viewer, roc_study_file)
    _log_in(qtbot, panel, "R1")
    dialogs: list[str] = []

    def close_any_dialog() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            dialogs.append(type(modal).__name__)
            modal.reject()

    QTimer.singleShot(300, close_any_dialog)
    viewer.plugin_actions["reader_study.open"].trigger()
    assert dialogs == [] and viewer.statusBar().currentMessage().startswith("A study is already open")


def test_the_reading_dock_cannot_be_closed(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    _log_in(qtbot, panel, "R1")
    dock = panel.parentWidget()
    assert isinstance(dock, QDockWidget)
    qtbot.waitUntil(dock.isVisible)
    assert not dock.features() & QDockWidget.DockWidgetFeature.DockWidgetClosable
    assert not dock.toggleViewAction().isEnabled()  # nor hidden from the View menu
    close_button = dock.findChild(QAbstractButton, "qt_dockwidget_closebutton")
    assert close_button is not None and not close_button.isVisible()
    assert viewer.docks["tags"].features() & QDockWidget.DockWidgetFeature.DockWidgetClosable  # the others still close

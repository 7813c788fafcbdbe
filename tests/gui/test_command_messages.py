"""A refusal in the status bar is the answer to its key only: the next command takes it away (it had stayed 4 s,
read as the answer to W, I, 0, F pressed meanwhile), while a measurement's figure stays."""

from __future__ import annotations

import pytest
from PySide6 import QtCore

from tests import dicom_factory
from tests.gui.conftest import draw_distance

pytestmark = pytest.mark.gui


def _key(window, qtbot, key: QtCore.Qt.Key) -> None:
    pane = window.layout_panes.primary
    pane.setFocus()
    qtbot.keyClick(pane, key)


def test_the_next_command_takes_a_refusal_away(window, qtbot, tmp_path) -> None:
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, spacing=0.2)])
    _key(window, qtbot, QtCore.Qt.Key.Key_9)  # Auto, Lung, Mediastinum, Bone: no ninth preset
    assert window.statusBar().currentMessage() == "No window preset 9 for this image"
    _key(window, qtbot, QtCore.Qt.Key.Key_I)
    assert window.statusBar().currentMessage() == ""
    _key(window, qtbot, QtCore.Qt.Key.Key_2)
    assert window.statusBar().currentMessage().startswith("Window preset 2: ")
    _key(window, qtbot, QtCore.Qt.Key.Key_9)  # one refusal after another: the new one shows
    assert window.statusBar().currentMessage() == "No window preset 9 for this image"


def test_a_measurements_figure_stays_through_view_commands(window, qtbot, tmp_path) -> None:
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=200, cols=300, spacing=0.2)])
    draw_distance(window, qtbot, (100.5, 60.5), (220.5, 140.5))
    figure = window.statusBar().currentMessage()
    assert figure.startswith("Distance ")
    _key(window, qtbot, QtCore.Qt.Key.Key_I)
    assert window.statusBar().currentMessage() == figure

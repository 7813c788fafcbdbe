"""An exported view carries the film's annotation, never the reader's hand tools: the selected measurement's handles
(white squares on its points) and an arrow note's field half typed. Review found both in Export view's PNG; the
screen must be left as it was (still selected with its handles, the field still open, focused and typed in). A real
window offscreen, real drags and keys, a CR written with pydicom, shown at 1:1."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from tests import dicom_factory
from tests.gui.conftest import drag, draw_distance, open_at_one_to_one, widget_point

pytestmark = pytest.mark.gui

Key = QtCore.Qt.Key


@pytest.fixture
def film(tmp_path):
    pixels = np.full((300, 400), 300, np.uint16)
    pixels[:, :2] = 4000  # a window wide enough that the film is mid grey, never white like a handle
    return dicom_factory.make_cr(tmp_path / "dark.dcm", rows=300, cols=400, spacing=0.2, pixels=pixels)


def _pixels(picture: QtGui.QImage) -> np.ndarray:
    picture = picture.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    rows = np.frombuffer(picture.constBits(), np.uint8).reshape(picture.height(), picture.bytesPerLine())
    return rows[:, :picture.width() * 3].reshape(picture.height(), picture.width(), 3).copy()  # outlives the image


def _white_square_at(picture: np.ndarray, pane, point: QtCore.QPoint) -> bool:
    """The middle 4×4 device pixels of a handle's square at the viewport point ``point`` are white."""
    ratio = pane.devicePixelRatioF()
    centre = pane.viewport().mapTo(pane, point)
    x, y = round(centre.x() * ratio), round(centre.y() * ratio)
    return bool((picture[y - 2:y + 2, x - 2:x + 2] >= 250).all())


def test_an_export_leaves_out_the_selected_measurements_handles(window, film, qtbot, tmp_path):
    pane = open_at_one_to_one(window, qtbot, [film])
    draw_distance(window, qtbot, (100, 100), (250, 180))
    (distance,) = pane.measure.measurements
    handles = pane.measure.adjuster.handles.items
    assert distance.selected and len(handles) == 2
    ends = [pane.mapFromScene(item.scenePos()) for item in handles]
    pane.grab()  # the first paint after the drag applies pyqtgraph's deferred view changes; the next ones match
    on_screen = _pixels(pane.grab().toImage())
    assert all(_white_square_at(on_screen, pane, end) for end in ends), "the handles are not seen on screen"
    assert window.export_view(str(tmp_path / "key.png"))
    exported = _pixels(QtGui.QImage(str(tmp_path / "key.png")))
    assert not any(_white_square_at(exported, pane, end) for end in ends), "a handle is in the exported view"
    assert distance.selected and all(item.isVisible() for item in pane.measure.adjuster.handles.items)
    assert (_pixels(pane.grab().toImage()) == on_screen).all(), "the screen changed with the export"


def test_an_export_leaves_out_a_note_field_being_typed(window, film, qtbot, tmp_path):
    pane = open_at_one_to_one(window, qtbot, [film])
    qtbot.keyClick(pane, Key.Key_N)
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    drag(qtbot, pane.viewport(), widget_point(pane, 150, 200), widget_point(pane, 230, 120),
         QtCore.Qt.MouseButton.LeftButton)
    (field,) = pane.viewport().findChildren(QtWidgets.QLineEdit, "arrow note")
    qtbot.keyClicks(field, "nod")
    where = QtCore.QRect(pane.viewport().mapTo(pane, field.pos()), field.size())
    assert window.export_view(str(tmp_path / "typing.png"))
    typing = QtGui.QImage(str(tmp_path / "typing.png")).copy(where)
    assert field.isVisible() and field.hasFocus() and field.text() == "nod"
    qtbot.keyClicks(field, "ule")  # the field goes on taking the note where it was
    assert field.text() == "nodule"
    qtbot.keyClick(field, Key.Key_Escape)  # the arrow without a note: what lies under the field is film only
    assert window.export_view(str(tmp_path / "without.png"))
    without = QtGui.QImage(str(tmp_path / "without.png")).copy(where)
    assert (_pixels(typing) == _pixels(without)).all(), "the note's field is in the exported view"

"""The arrow tool (N) driven like a reader, in a real window offscreen: a real drag from the tip to the tail, the note
typed into the field that opens, Delete, Ctrl+Z, Ctrl+C, a double-click to change the note, kept with its film and
gone from a blinded read; then saved as a presentation state and opened again as an arrow. At 1:1 a screen pixel is
an image pixel, so the ends are checked in image coordinates."""

from __future__ import annotations

import numpy as np
import pydicom
import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.gui import gsps_save
from cxr_viewer.gui.arrow_item import ArrowMeasurement
from tests import dicom_factory
from tests.dicom_validation import dciodvfy_errors
from tests.gui.conftest import drag, open_at_one_to_one, widget_point

pytestmark = pytest.mark.gui

Key = QtCore.Qt.Key
LEFT = QtCore.Qt.MouseButton.LeftButton
CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
TIP, TAIL = (150.0, 120.0), (230.0, 60.0)


@pytest.fixture
def films(tmp_path):
    pixels = np.full((300, 400), 300, np.uint16)
    return [dicom_factory.make_cr(tmp_path / f"{name}.dcm", rows=300, cols=400, spacing=0.2, pixels=pixels)
            for name in "ab"]



def _entry(pane) -> QtWidgets.QLineEdit | None:
    fields = [f for f in pane.viewport().findChildren(QtWidgets.QLineEdit, "arrow note") if f.isVisible()]
    return fields[0] if fields else None


def _draw(window, qtbot, pane, tip=TIP, tail=TAIL, note: str | None = "nodule?") -> None:
    """N on, a drag from the tip to the tail, then the note typed and Enter (None: Escape instead)."""
    if not window.actions["arrow"].isChecked():
        qtbot.keyClick(pane, Key.Key_N)
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # else the press ends a double click
    drag(qtbot, pane.viewport(), widget_point(pane, *tip), widget_point(pane, *tail), LEFT)
    field = _entry(pane)
    assert field is not None and field.hasFocus()
    if note is None:
        qtbot.keyClick(field, Key.Key_Escape)
    else:
        qtbot.keyClicks(field, note)
        qtbot.keyClick(field, Key.Key_Return)
    assert _entry(pane) is None


def _arrows(pane) -> list[ArrowMeasurement]:
    return [m for m in pane.measure.measurements if isinstance(m, ArrowMeasurement)]


def test_an_arrow_is_drawn_tip_first_and_takes_a_typed_note(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _draw(window, qtbot, pane)
    (arrow,) = _arrows(pane)
    assert (arrow.tip.x(), arrow.tip.y()) == pytest.approx(TIP, abs=0.6)
    assert (arrow.tail.x(), arrow.tail.y()) == pytest.approx(TAIL, abs=0.6)
    assert arrow.label.toPlainText() == "nodule?" and arrow.label.isVisible()
    assert arrow.text == "Arrow: nodule?"
    assert window.statusBar().currentMessage() == "Arrow: nodule?"
    assert pane.hasFocus()  # Enter gives the keys back to the image
    tag, *ends, note = pane.measure.memory.recall(pane.measure.key)[0]
    assert tag == "arrow" and note == "nodule?" and ends == pytest.approx([*TIP, *TAIL], abs=0.6)


def test_escape_keeps_the_arrow_without_a_note(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _draw(window, qtbot, pane, note=None)
    (arrow,) = _arrows(pane)
    assert arrow.note == "" and not arrow.label.isVisible() and arrow.text == "Arrow"
    assert len(pane.measure.memory.recall(pane.measure.key)) == 1


def test_letters_that_are_commands_go_into_the_note(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    before = (pane.windowing.state, pane.rotation, pane.flip_h, pane.flip_v)
    _draw(window, qtbot, pane, note="line tip in RA")  # I, T, R, N and E are the viewer's keys
    assert [a.note for a in _arrows(pane)] == ["line tip in RA"]
    assert (pane.windowing.state, pane.rotation, pane.flip_h, pane.flip_v) == before  # not inverted, turned, reset
    assert window.actions["arrow"].isChecked() and pane.measure.mode == "arrow"  # N typed did not switch it off


def test_delete_undo_copy_and_double_click_to_edit(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _draw(window, qtbot, pane)
    _draw(window, qtbot, pane, tip=(100, 220), tail=(40, 260), note="line tip")
    pane.measure.select(None)
    QtWidgets.QApplication.clipboard().clear()
    qtbot.keyClick(pane, Key.Key_C, modifier=CTRL)
    assert QtWidgets.QApplication.clipboard().text().splitlines() == ["Arrow: nodule?", "Arrow: line tip"]
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(pane.viewport(), LEFT, pos=widget_point(pane, 190, 90))  # on the first arrow's shaft
    assert [a.selected for a in _arrows(pane)] == [True, False]
    qtbot.keyClick(pane, Key.Key_C, modifier=CTRL)
    assert QtWidgets.QApplication.clipboard().text() == "Arrow: nodule?"
    qtbot.keyClick(pane, Key.Key_Delete)
    assert [a.note for a in _arrows(pane)] == ["line tip"]
    qtbot.keyClick(pane, Key.Key_Z, modifier=CTRL)
    assert [a.note for a in _arrows(pane)] == ["line tip", "nodule?"]
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    qtbot.mouseDClick(pane.viewport(), LEFT, pos=widget_point(pane, 70, 240))  # the second arrow's shaft
    field = _entry(pane)
    assert field is not None and field.text() == "line tip"
    field.selectAll()
    qtbot.keyClicks(field, "PICC tip")
    qtbot.keyClick(field, Key.Key_Return)
    assert [a.note for a in _arrows(pane)] == ["PICC tip", "nodule?"]
    assert sorted(m[-1] for m in pane.measure.memory.recall(pane.measure.key)) == ["PICC tip", "nodule?"]


def test_kept_with_its_film_and_not_into_a_blinded_read(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films)
    _draw(window, qtbot, pane)
    marks = [a.mark for a in _arrows(pane)]
    qtbot.keyClick(pane, Key.Key_PageDown)
    assert pane.image.path == films[1] and _arrows(pane) == []
    qtbot.keyClick(pane, Key.Key_PageUp)
    assert [a.mark for a in _arrows(pane)] == marks and _arrows(pane)[0].label.toPlainText() == "nodule?"
    window.host.set_metadata_hidden(True)
    assert pane.measure.measurements == []
    window.host.set_metadata_hidden(False)
    assert [a.mark for a in _arrows(pane)] == marks


def test_the_note_field_goes_with_its_arrow(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films)
    qtbot.keyClick(pane, Key.Key_N)
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    drag(qtbot, pane.viewport(), widget_point(pane, *TIP), widget_point(pane, *TAIL), LEFT)
    assert _entry(pane) is not None
    window.host.set_metadata_hidden(True)  # a blinded read begins while the field is open
    assert _entry(pane) is None and pane.measure.measurements == []


def test_saved_as_a_presentation_state_and_opened_again_as_an_arrow(window, films, qtbot, tmp_path):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _draw(window, qtbot, pane)
    marks = [a.mark for a in _arrows(pane)]
    out = tmp_path / "state_gsps.dcm"  # beside its film, where opening it looks
    assert gsps_save.write(window, out)
    item = pydicom.dcmread(out).GraphicAnnotationSequence[0]
    (graphic,) = item.GraphicObjectSequence
    assert graphic.GraphicType == "POLYLINE"
    assert [float(v) for v in graphic.GraphicData] == pytest.approx([*marks[0][3:5], *marks[0][1:3]])  # tail, tip
    (text,) = item.TextObjectSequence
    assert text.UnformattedTextValue == "Arrow: nodule?"
    assert [float(v) for v in text.AnchorPoint] == pytest.approx(marks[0][3:5])
    assert dciodvfy_errors(out) == []
    qtbot.keyClick(pane, Key.Key_Delete)
    pane.measure.memory.keep(pane.measure.key, [])  # forgotten, so the arrow comes back from the file alone
    assert window.open_paths([out])
    (arrow,) = _arrows(window.layout_panes.primary)
    assert arrow.mark == pytest.approx(marks[0]) and arrow.label.toPlainText() == "nodule?"
    assert "1 measurement(s)" in window.statusBar().currentMessage()

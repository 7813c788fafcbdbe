"""The real reading panel in the real viewer main window (offscreen), driven by real key and mouse events.

Two readers log in one after the other, rate with number keys typed into the image view, submit with
Enter, and (FROC) place marks by clicking on the image and move one by dragging it.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from cxr_viewer.plugin_api import Marker, MarkerLayer

from cxr_reader_study.design.study_file import load_study
from cxr_reader_study.plugin import ReaderStudyPlugin
from cxr_reader_study.reading.ai_findings import load_findings
from cxr_reader_study.reading.layers import AI_LAYER_ID, MARKS_LAYER_ID, PAUSE_LAYER_ID
from cxr_reader_study.reading.session import PAUSED_HINT, ReadingSession
from cxr_reader_study.scheduling import open_session
from cxr_reader_study.storage.store import ReadStore

pytestmark = pytest.mark.gui


def _open(viewer, study_file):
    plugin = ReaderStudyPlugin()
    plugin.activate(viewer.host)
    plugin.open_study(str(study_file))
    return plugin.panel


def _log_in(qtbot, panel, reader: str) -> None:
    panel.login.reader_id.setText(reader)
    qtbot.mouseClick(panel.login.start, Qt.MouseButton.LeftButton)


def _screen_point(pane, x: float, y: float):
    pane.viewbox.updateMatrix()  # pyqtgraph defers the view transform until the next paint
    return pane.mapFromScene(pane.image_item.mapToScene(QPointF(x, y)))


def _drag(pane, start: tuple[float, float], end: tuple[float, float]) -> None:
    """A left-button drag with real mouse events (QTest cannot hold a button during moves).

    The press lands a few screen pixels up-left of the marker centre, on its ring, because the marker's
    label starts at the centre and extends right and down over it.
    """
    def send(kind, point, buttons):
        event = QMouseEvent(kind, QPointF(point), QPointF(pane.viewport().mapToGlobal(point)),
                            Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(pane.viewport(), event)
    send(QEvent.Type.MouseButtonPress, _screen_point(pane, *start) - QPoint(4, 4), Qt.MouseButton.LeftButton)
    for step in range(1, 6):
        x = start[0] + (end[0] - start[0]) * step / 5
        y = start[1] + (end[1] - start[1]) * step / 5
        send(QEvent.Type.MouseMove, _screen_point(pane, x, y), Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, _screen_point(pane, *end), Qt.MouseButton.NoButton)


def test_two_readers_rate_with_keys_in_the_viewer(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    pane = viewer.layout_panes.primary
    viewer.host.add_action("other_plugin.detect", "Another plugin's detector", lambda: None)
    other_action = viewer.plugin_actions["other_plugin.detect"]
    for reader, digit in (("R1", 4), ("R3", 2)):  # R1 starts unaided, R3 aided (crossover)
        _log_in(qtbot, panel, reader)
        assert not other_action.isEnabled()  # no other plugin runs during a read
        shown = viewer.host.current_image()
        assert shown is not None and shown.path is None and shown.dataset is None  # blinded
        assert panel.session.current_case.case_id in panel.session.record.case_order
        qtbot.keyClick(pane, Qt.Key.Key_Return)  # Enter without a rating: a warning, nothing saved
        assert "Rate the case" in panel.reading.warning.text() and panel.session.progress[0] == 0
        qtbot.keyClick(pane, Qt.Key.Key_8)  # off the 1–5 scale: refused
        assert "not on this scale" in panel.reading.warning.text()
        for _ in range(3):
            qtbot.keyClick(pane, getattr(Qt.Key, f"Key_{digit}"))
            assert panel.reading.answer.text() == f"Rating: {digit}"
            qtbot.keyClick(pane, Qt.Key.Key_Return)
        assert panel.reading.progress.value() == 3 and panel.reading.case_label.text() == "Case 4 of 9"
        viewer.host.add_layer(MarkerLayer(id="live-ai", name="another plugin's AI", markers=[Marker(5, 5)]))
        assert "live-ai" not in {layer.id for layer in viewer.host.layers()}  # refused: the study stays blind
        ai_shown = any(layer.id == AI_LAYER_ID for layer in viewer.host.layers())
        assert ai_shown == bool(panel.session.visible_findings())
        assert (reader == "R1") == (panel.reading.ai_label.text() == "AI: off")
        qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
        assert not other_action.isEnabled()  # nor between readers: the study holds the station until closed
    panel.close_study()
    assert other_action.isEnabled()
    reads = ReadStore(load_study(roc_study_file).database).reads()
    assert [(r.reader_id, r.rating) for r in reads] == [("R1", 4.0)] * 3 + [("R3", 2.0)] * 3


def test_focus_loss_pauses_and_unknown_reader_refused(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    _log_in(qtbot, panel, "nobody")
    assert "Unknown reader id" in panel.login.message.text() and panel.session is None
    _log_in(qtbot, panel, "R2")
    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowDeactivate))
    assert panel.session.paused
    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowActivate))
    assert not panel.session.paused
    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    assert panel.session.paused and panel.reading.pause.text() == "Resume (P)"
    assert PAUSE_LAYER_ID in {layer.id for layer in viewer.host.layers()}  # the image is covered
    qtbot.keyClick(viewer.layout_panes.primary, Qt.Key.Key_3)
    assert "paused" in panel.reading.warning.text() and panel.session.answer.rating is None
    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    assert not panel.session.paused and PAUSE_LAYER_ID not in {layer.id for layer in viewer.host.layers()}
    qtbot.keyClick(viewer.layout_panes.primary, Qt.Key.Key_3)
    assert panel.session.answer.rating == 3.0


def test_focus_loss_covers_the_image_until_no_pause_is_left(qtbot, viewer, roc_study_file):
    panel = _open(viewer, roc_study_file)
    _log_in(qtbot, panel, "R2")

    def covered() -> bool:
        return PAUSE_LAYER_ID in {layer.id for layer in viewer.host.layers()}

    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowDeactivate))
    assert panel.session.paused and covered()  # the clock stops and the case cannot be studied meanwhile
    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowActivate))
    assert not panel.session.paused and not covered()
    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowDeactivate))
    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowActivate))
    assert covered() and panel.reading.pause.text() == "Resume (P)"  # regaining focus does not end the reader's pause
    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowDeactivate))
    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    assert covered() and panel.reading.pause.text() == "Pause (P)"  # still out of focus
    QApplication.sendEvent(viewer, QEvent(QEvent.Type.WindowActivate))
    assert not panel.session.paused and not covered()


def test_froc_marks_by_clicking_and_dragging(qtbot, viewer, froc_study_file):
    panel = _open(viewer, froc_study_file)
    pane = viewer.layout_panes.primary
    _log_in(qtbot, panel, "R1")
    # pyqtgraph applies the fitted view transform lazily: wait until image pixels map into the viewport
    qtbot.waitUntil(lambda: pane.viewport().rect().contains(_screen_point(pane, 60, 40)))
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, 60, 40))
    assert len(panel.session.answer.marks) == 1
    assert panel.reading.answer.text() == "Mark 1 of 1: rating –"  # which mark the next key rates, and that it waits
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert "Rate mark(s) 1" in panel.reading.warning.text()
    qtbot.keyClick(pane, Qt.Key.Key_5)
    assert panel.reading.answer.text() == "Mark 1 of 1: rating 5"
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, 120, 120))
    qtbot.keyClick(pane, Qt.Key.Key_2)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, 60, 40) - QPoint(4, 4))
    qtbot.waitUntil(lambda: panel.session.answer.selected_mark == 0)  # clicking a mark selects it
    qtbot.keyClick(pane, Qt.Key.Key_3)  # and re-rates it
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, 120, 120) - QPoint(4, 4))
    qtbot.waitUntil(lambda: panel.session.answer.selected_mark == 1)
    qtbot.keyClick(pane, Qt.Key.Key_Delete)  # removes the selected (second) mark
    _drag(pane, (60, 40), (70, 45))
    qtbot.waitUntil(lambda: panel.session.answer.marks[0].x > 65)  # the viewer reports drags from its event loop
    marks_layer = next(layer for layer in viewer.host.layers() if layer.id == MARKS_LAYER_ID)
    assert [m.label for m in marks_layer.markers] == ["1: 3"]
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert panel.session.progress[0] == 1 and panel.reading.case_label.text() == "Case 2 of 9"
    assert panel.reading.progress.text() == "1 of 9 read" and panel.reading.answer.text() == "No marks (normal)"
    read = ReadStore(load_study(froc_study_file).database).reads()[0]
    (mark,) = read.marks
    assert mark.rating == 3.0 and mark.x == pytest.approx(70, abs=1) and mark.y == pytest.approx(45, abs=1)


def test_invalid_study_is_reported_in_the_viewer_and_opens_nothing(viewer, roc_study_file):
    (roc_study_file.parent / "cases.csv").write_text("case_id,image,truth\nX1,gone.dcm,normal\n")
    plugin = ReaderStudyPlugin()
    plugin.activate(viewer.host)
    assert "reader_study.open" in viewer.plugin_actions
    plugin.open_study(str(roc_study_file))
    assert plugin.panel is None
    text = "\n".join(viewer.messages.messages())
    assert "cases.csv line 2, case X1: image 'gone.dcm' not found" in text and "no abnormal cases" in text


def test_a_reader_cannot_change_what_is_shown_and_logging_out_leaves_no_case_on_screen(
        qtbot, viewer, roc_study_file, tmp_path):
    from tests import dicom_factory

    other = dicom_factory.make_cr(tmp_path / "other.dcm", rows=40, cols=40)
    panel = _open(viewer, roc_study_file)
    pane = viewer.layout_panes.primary
    _log_in(qtbot, panel, "R1")
    case_image = viewer.host.current_image()
    assert not viewer.open_paths([other]) and viewer.host.current_image() is case_image  # File > Open refused
    assert not viewer.opener.step_image(1) and viewer.host.current_image() is case_image
    locked = ("open_files", "open_folder", "pacs", "next_image", "layout_1x2")
    assert not any(viewer.actions[name].isEnabled() for name in locked)
    assert not viewer.layer_panel.isEnabled()  # the pause cover and the AI cannot be unticked
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    assert viewer.host.current_image() is None and pane.image is None and not viewer.host.layers()
    assert not any(viewer.actions[name].isEnabled() for name in locked) and not viewer.open_paths([other])
    panel.close_study()  # the coordinator closes the study: the viewer is back
    assert all(viewer.actions[name].isEnabled() for name in locked) and viewer.layer_panel.isEnabled()
    assert viewer.open_paths([other])


def _read_at_another_station(study_file, reader: str, rating: int) -> str:
    """The same reader id, logged in at a second station, submits the case both stations show."""
    study = load_study(study_file)
    store = ReadStore(study.database)
    other = ReadingSession(study, store, open_session(study, store, reader, datetime.now(timezone.utc)),
                           load_findings(study))
    other.image_shown()
    other.answer.press_digit(rating)
    case_id = other.submit().case_id
    store.close()
    return case_id


def test_a_case_submitted_at_another_station_keeps_the_first_answer_and_logs_out(qtbot, viewer, roc_study_file):
    """The store's DuplicateRead escaped the panel: the station stuck on the case, dropping the answer without a
    word, and with the Enter key the process crashed."""
    panel = _open(viewer, roc_study_file)
    pane = viewer.layout_panes.primary
    _log_in(qtbot, panel, "R2")
    shown = panel.session.current_case.case_id
    assert _read_at_another_station(roc_study_file, "R2", 5) == shown
    qtbot.keyClick(pane, Qt.Key.Key_2)
    qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert panel.session is None and viewer.host.current_image() is None  # logged out, no case left on screen
    assert "already been submitted, probably at another station" in panel.login.message.text()
    reads = ReadStore(load_study(roc_study_file).database).reads()
    assert [(r.reader_id, r.case_id, r.rating) for r in reads] == [("R2", shown, 5.0)]  # the first answer counts
    _log_in(qtbot, panel, "R2")
    assert panel.session.progress[0] == 1 and panel.session.current_case.case_id != shown  # goes on, unread next


def _paused_with_two_marks(qtbot, viewer, froc_study_file):
    """R1 on an FROC case with two rated marks, then Pause pressed: the image is covered."""
    panel = _open(viewer, froc_study_file)
    pane = viewer.layout_panes.primary
    _log_in(qtbot, panel, "R1")
    qtbot.waitUntil(lambda: pane.viewport().rect().contains(_screen_point(pane, 60, 40)))
    for x, y in ((60, 40), (120, 120)):
        qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=_screen_point(pane, x, y))
        qtbot.keyClick(pane, Qt.Key.Key_4)
    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    return panel, pane, list(panel.session.answer.marks)


def test_delete_is_refused_while_paused(qtbot, viewer, froc_study_file):
    """The Delete key still removed the selected mark behind the pause cover, off the clock."""
    panel, pane, before = _paused_with_two_marks(qtbot, viewer, froc_study_file)
    qtbot.keyClick(pane, Qt.Key.Key_Delete)
    assert panel.session.answer.marks == before and panel.reading.warning.text() == PAUSED_HINT
    qtbot.mouseClick(panel.reading.pause, Qt.MouseButton.LeftButton)
    qtbot.keyClick(pane, Qt.Key.Key_Delete)
    assert panel.session.answer.marks == before[:1] and not panel.reading.warning.text()


def test_a_drag_is_refused_while_paused_and_the_marker_put_back(qtbot, viewer, froc_study_file):
    """Dragging a mark still moved it behind the pause cover, off the clock."""
    panel, pane, before = _paused_with_two_marks(qtbot, viewer, froc_study_file)
    _drag(pane, (60, 40), (90, 70))  # the pause notice is on the warning line already: wait for the drag's hint
    qtbot.waitUntil(lambda: panel.reading.warning.text().startswith("Reading is paused")
                    or panel.session.answer.marks != before)
    assert panel.session.answer.marks == before and panel.reading.warning.text() == PAUSED_HINT
    marks_layer = next(layer for layer in viewer.host.layers() if layer.id == MARKS_LAYER_ID)
    assert [(m.x, m.y) for m in marks_layer.markers] == [(m.x, m.y) for m in before]


def test_an_image_unreadable_mid_session_clears_the_screen_and_shows_the_reader_no_path(
        qtbot, viewer, roc_study_file, caplog):
    """The previous case stayed on screen under stale labels, and the error showed the reader the file's path."""
    panel = _open(viewer, roc_study_file)
    pane = viewer.layout_panes.primary
    _log_in(qtbot, panel, "R1")
    broken = load_study(roc_study_file).case(panel.session.record.case_order[2])
    intact = broken.image.read_bytes()
    broken.image.write_bytes(b"the share went away")  # after validation, before its prefetch
    for _ in range(2):
        qtbot.keyClick(pane, Qt.Key.Key_3)
        qtbot.keyClick(pane, Qt.Key.Key_Return)
    assert viewer.host.current_image() is None and not viewer.host.layers()  # not the previous case
    page = panel.reading
    assert page.case_label.text() == "Case 3 of 9 cannot be shown."
    assert page.warning.text().startswith("Please call the study coordinator.")
    qtbot.keyClick(pane, Qt.Key.Key_4)
    qtbot.keyClick(pane, Qt.Key.Key_Return)  # nothing to answer: the request to call the coordinator stays
    assert page.warning.text().startswith("Please call the study coordinator.") and not page.answer.text()
    seen = [label.text() for label in (page.title, page.case_label, page.ai_label, page.answer, page.warning)]
    seen += viewer.messages.messages() + [viewer.statusBar().currentMessage()]
    assert not [text for text in seen if broken.image.name in text or broken.case_id in text]  # blinded
    assert any("case 3 of 9 of the unaided session cannot be shown" in text for text in viewer.messages.messages())
    assert str(broken.image) in caplog.text and broken.case_id in caplog.text  # the coordinator's detail: the log
    broken.image.write_bytes(intact)
    qtbot.mouseClick(page.log_out, Qt.MouseButton.LeftButton)
    _log_in(qtbot, panel, "R1")
    assert panel.session.current_case == broken and viewer.host.current_image() is not None  # nothing lost

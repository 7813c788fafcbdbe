"""The AI plugin follows what the view shows, in the real main window: a closed image takes its findings, layers and
pending look-up with it; the status is right the moment a blinded read gives the view back; A hides the AI marks
for the session, not for one film, and never reaches into a reader study's arms."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cxr_ai.layers import CONTOURS_ID, HEATMAP_ID
from cxr_reader_study.demo import write_demo_study
from cxr_reader_study.reading.layers import AI_LAYER_ID
from tests.ai.test_ui_plugin import slow_analysis
from tests.ai.viewer_helpers import ai_layers, open_and_settle, plugin, settle, status

pytestmark = pytest.mark.gui
HIDDEN = "AI (research use only): marks hidden (press A to show)"
IDLE = "AI (research use only): press D to detect nodules"
HELD = "AI (research use only): off while the reader_study plugin holds the view"


def detected(qtbot, window, path: Path) -> None:
    open_and_settle(qtbot, window, path)
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)


def test_closing_the_image_empties_the_dock_and_the_operating_point_draws_nothing(viewer, files, qtbot) -> None:
    window = viewer()
    detected(qtbot, window, files[0])
    dock = plugin(window).dock
    assert dock.list.count() == 2
    window.host.close_image()
    assert window.host.current_image() is None and ai_layers(window) == {}
    assert dock.list.count() == 0 and "finding" not in dock.summary.text() and "finding" not in status(window)
    assert window.plugin_status.text() == IDLE
    dock.operating_point.setCurrentIndex(dock.operating_point.findData("spec"))
    assert ai_layers(window) == {} and window.layout_panes.primary.overlays.layers() == []
    assert dock.list.count() == 0 and "finding" not in status(window)


def test_closing_cancels_the_look_up_of_the_film_and_nothing_reaches_the_next(viewer, files, qtbot,
                                                                              monkeypatch) -> None:
    started = slow_analysis(monkeypatch, 1.0)
    window = viewer()
    window.plugin_actions["cxr_ai.auto_run"].trigger()
    window.open_paths([files[0]])
    qtbot.waitUntil(lambda: bool(started), timeout=10000)  # the detection on open is under way
    window.host.close_image()
    assert window.tasks.running and all(task.cancelled for task in window.tasks.running)
    window.plugin_actions["cxr_ai.auto_run"].trigger()  # off: B may only show what is cached, which is nothing
    window.open_paths([files[1]])
    settle(qtbot, window)
    assert ai_layers(window) == {} and plugin(window).dock.list.count() == 0 and "finding" not in status(window)


def test_the_status_is_right_as_soon_as_a_blinded_read_gives_the_view_back(viewer, files, qtbot) -> None:
    window = viewer()
    window.host.set_exclusive("reader_study")
    open_and_settle(qtbot, window, files[0])  # a case, as the reader study shows it
    window.host.close_image()  # the reader logs out: the view is emptied, then given back
    assert window.plugin_status.text() == HELD
    window.host.set_exclusive(None)
    assert window.plugin_status.text() == IDLE


def test_a_hold_taken_drops_the_findings_at_once_and_its_end_looks_the_film_up_again(viewer, files, qtbot) -> None:
    window = viewer()
    detected(qtbot, window, files[0])
    window.host.set_exclusive("reader_study")  # before any case opens: no findings count stays beside the hold
    assert window.plugin_status.text() == HELD and plugin(window).dock.list.count() == 0
    window.host.set_exclusive(None)  # the film is still on screen: the AI works on it again, from the cache
    settle(qtbot, window)
    assert len(ai_layers(window)[CONTOURS_ID].contours) == 2 and plugin(window).dock.list.count() == 2


def test_a_detection_finishing_during_a_hold_on_the_same_film_reveals_nothing(viewer, files, qtbot,
                                                                             monkeypatch) -> None:
    """D runs to its end, but a result arriving while another plugin holds the view is not offered to the host:
    a refused layer's message would tell a blinded reader that the film has findings."""
    started = slow_analysis(monkeypatch, 1.0)
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.detect"].trigger()
    qtbot.waitUntil(lambda: bool(started), timeout=10000)
    window.host.set_exclusive("reader_study")  # the film stays on screen
    settle(qtbot, window)
    assert "not shown" not in window.statusBar().currentMessage() and ai_layers(window) == {}
    assert window.plugin_status.text() == HELD and plugin(window).dock.list.count() == 0


def test_a_hides_the_ai_marks_for_the_session_and_says_so(viewer, files, qtbot) -> None:
    a, b = files
    window = viewer()
    detected(qtbot, window, a)
    dock, action = plugin(window).dock, window.plugin_actions["cxr_ai.toggle"]
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_A)
    assert not any(layer.visible for layer in ai_layers(window).values())
    open_and_settle(qtbot, window, b)
    open_and_settle(qtbot, window, a)  # the next film with results: its marks stay hidden
    assert ai_layers(window) and not any(layer.visible for layer in ai_layers(window).values())
    assert window.plugin_status.text() == HIDDEN and dock.list.count() == 0  # its findings count and list too
    assert "AI marks hidden (press A to show)" in dock.summary.text()
    assert action.isCheckable() and not action.isChecked()  # the AI menu's "Show AI marks" is unticked
    open_and_settle(qtbot, window, b)  # no results: the status reads the same, so it tells nothing of them
    assert window.plugin_status.text() == HIDDEN
    open_and_settle(qtbot, window, a)
    dock.operating_point.setCurrentIndex(dock.operating_point.findData("spec"))
    assert not any(layer.visible for layer in ai_layers(window).values()) and dock.list.count() == 0
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_A)
    assert all(layer.visible for layer in ai_layers(window).values()) and action.isChecked()
    assert dock.list.count() == 1 and "1 finding(s) at 'spec'" in window.plugin_status.text()


def _tick(window, layer_id: str, checked: bool) -> None:
    """Set a box in the Layers dock: the same itemChanged a click on it sends."""
    panel = window.layer_panel
    item = panel.item_for(layer_id) if layer_id.startswith("cxr_ai.") else panel.tree.topLevelItem(0)
    assert item.text(0) != "[ai]" or layer_id == "[ai]"
    item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def test_the_layer_list_and_a_are_one_switch_for_the_ai_marks(viewer, files, qtbot) -> None:
    a, b = files
    window = viewer()
    detected(qtbot, window, a)
    dock, action = plugin(window).dock, window.plugin_actions["cxr_ai.toggle"]
    window.docks["layers"].show()
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_A)
    assert not action.isChecked() and window.plugin_status.text() == HIDDEN
    _tick(window, CONTOURS_ID, True)  # the user shows the contours again from the layer list
    assert {layer_id: layer.visible for layer_id, layer in ai_layers(window).items()} == {
        HEATMAP_ID: False, CONTOURS_ID: True}  # only the layer ticked
    assert action.isChecked() and dock.list.count() == 2 and "2 finding(s)" in window.plugin_status.text()
    open_and_settle(qtbot, window, b)
    open_and_settle(qtbot, window, a)  # shown for the session again, as after A
    assert ai_layers(window) and all(layer.visible for layer in ai_layers(window).values())
    _tick(window, "[ai]", False)  # the group's box hides every AI layer: hidden for the session
    assert not action.isChecked() and window.plugin_status.text() == HIDDEN and dock.list.count() == 0
    open_and_settle(qtbot, window, b)
    open_and_settle(qtbot, window, a)
    assert ai_layers(window) and not any(layer.visible for layer in ai_layers(window).values())
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_A)
    assert action.isChecked() and all(layer.visible for layer in ai_layers(window).values())


def _reader_study(window, tmp_path: Path):
    study = next(record.plugin for record in window.plugin_records if record.name == "reader_study")
    study.open_study(str(write_demo_study(tmp_path / "study")))
    return study.panel


def _read_session(qtbot, window, panel, reader: str) -> list[bool | None]:
    """Log ``reader`` in, rate every case of the session, log out; per case whether the study's AI marks were
    shown (None: none on the film) and, pressing A on each, that the AI plugin drew nothing of its own."""
    panel.login.reader_id.setText(reader)
    qtbot.mouseClick(panel.login.start, Qt.MouseButton.LeftButton)
    pane, shown = window.layout_panes.primary, []
    while panel.session is not None and panel.session.current_case is not None:
        qtbot.keyClick(pane, Qt.Key.Key_A)  # the AI's action is off during the read: no effect on the study's marks
        layers = {layer.id: layer for layer in window.host.layers()}
        assert not any(layer_id.startswith("cxr_ai.") for layer_id in layers)
        shown.append(layers[AI_LAYER_ID].visible if AI_LAYER_ID in layers else None)
        qtbot.keyClick(pane, Qt.Key.Key_3)
        qtbot.keyClick(pane, Qt.Key.Key_Return)
    qtbot.mouseClick(panel.reading.log_out, Qt.MouseButton.LeftButton)
    return shown


def test_a_stale_a_neither_hides_an_aided_arms_ai_nor_shows_any_in_an_unaided_arm(viewer, files, tmp_path: Path,
                                                                                   qtbot) -> None:
    window = viewer()
    detected(qtbot, window, files[0])
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_A)  # hidden before the study
    panel = _reader_study(window, tmp_path)  # the study takes the film off the screen
    unaided = _read_session(qtbot, window, panel, "R1")
    aided = _read_session(qtbot, window, panel, "R3")
    panel.close_study()  # the station is held until the coordinator closes the study
    assert unaided and set(unaided) == {None}
    assert True in aided and set(aided) <= {True, None}  # every film with AI findings shows them
    assert window.plugin_status.text() == HIDDEN  # after the study, A's choice holds and is said


def test_a_frame_step_is_a_new_image_to_the_ai(viewer, tmp_path, qtbot) -> None:
    """Frame 1's findings stayed listed beside frame 2, which the AI had not seen; D on frame 2 now looks at it."""
    import numpy as np
    import pydicom

    from tests.ai.dicom_factory import write_dx
    from tests.ai.model_factory import synthetic_chest
    from tests.ai.viewer_helpers import chest_with_dim_nodule

    nodules = chest_with_dim_nodule()
    path = write_dx(tmp_path / "two_frames.dcm", nodules)
    ds = pydicom.dcmread(path)
    ds.NumberOfFrames = 2
    ds.PixelData = np.stack([nodules, synthetic_chest(*nodules.shape, [])]).astype(np.uint16).tobytes()
    ds.save_as(path)
    window = viewer()
    detected(qtbot, window, path)
    dock = plugin(window).dock
    assert dock.list.count() == 2
    window.actions["next_frame"].trigger()
    settle(qtbot, window)
    assert window.layout_panes.primary.image.frame_index == 1
    assert dock.list.count() == 0 and ai_layers(window) == {} and "finding" not in status(window)
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    assert dock.list.count() == 0 and "only frame 2 of 2 was analysed" in dock.summary.text()

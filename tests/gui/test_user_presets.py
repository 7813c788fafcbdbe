"""The reader's own window presets in the real window: Image > Save window as preset… takes the window on screen,
the next film's number key gives it back, Manage window presets… renames and deletes, and ``viewer.json`` (a real
file in a temporary config folder) keeps them across a restart; a hand-edited bad entry is said and skipped.

Films are real DICOM files written with pydicom: a CR of 0…2990 (a ramp, no window of its own) and a CR of other
values carrying two windows of its own, so the keys' shift past the reader's presets is visible.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.settings import load_settings
from tests import dicom_factory
from tests.gui.conftest import drag, widget_point

pytestmark = pytest.mark.gui
Key = QtCore.Qt.Key


@pytest.fixture
def second_file(tmp_path):
    """Another patient's CR with other values (100…1300) and two windows of its own."""
    pixels = (np.tile(np.arange(120, dtype=np.uint16), (80, 1)) * 10 + 100).astype(np.uint16)
    return dicom_factory.make_cr(tmp_path / "other.dcm", rows=80, cols=120, pixels=pixels, PatientName="DOE^JANE",
                                 WindowCenter=[700, 500], WindowWidth=[1200, 300],
                                 WindowCenterWidthExplanation=["VENDOR", "NARROW"])


def name_dialog(window) -> QtWidgets.QInputDialog:
    return window.findChild(QtWidgets.QInputDialog, "window-preset-name")


def answer(window, qtbot, name: str | None) -> str:
    """Type ``name`` (None: keep the offered one) into the open name dialog and OK; the name it offered."""
    dialog = name_dialog(window)
    offered = dialog.textValue()
    if name is not None:
        dialog.setTextValue(name)
    dialog.accept()
    qtbot.waitUntil(lambda: name_dialog(window) is None)  # deleted once answered
    return offered


def save_as(window, qtbot, name: str | None) -> str:
    """Image > Save window as preset…, typing ``name`` (None: the offered one) and OK; the name offered."""
    window.actions["save_preset"].trigger()
    offered = answer(window, qtbot, name)
    back_to(window, qtbot)
    return offered


def back_to(window, qtbot) -> None:
    """The main window active again, as the reader's click makes it (keys fire in the active window only); offscreen,
    closing a dialog over it does not."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def written(config) -> list:
    return json.loads((config / "viewer.json").read_text())["window_presets"]


def test_a_saved_window_is_key_1_on_another_film_and_after_a_restart(config, make_window, qtbot, cr_file, second_file):
    window = make_window(settings=load_settings())
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    drag(qtbot, pane.viewport(), widget_point(pane, 100, 100), widget_point(pane, 160, 130),
         QtCore.Qt.MouseButton.RightButton)  # a window of the reader's own
    chosen = (pane.state.center, pane.state.width)
    assert chosen != (pane.start_state.center, pane.start_state.width)

    assert save_as(window, qtbot, "Bone wide") == "Custom 1"
    assert written(config) == [{"name": "Bone wide", "center": chosen[0], "width": chosen[1]}]
    assert window.actions["preset_1"].text() == "Window preset 1: Bone wide (yours)"
    assert window.actions["preset_2"].text() == "Window preset 2"  # differs per film: said when chosen
    assert window.layout_panes.panes[1].windowing.user_presets == pane.windowing.user_presets  # the prior's pane too

    window.open_paths([second_file])
    assert (pane.state.center, pane.state.width) == (700, 1200)  # the film opens with its own window
    qtbot.keyClick(pane, Key.Key_1)
    assert (pane.state.center, pane.state.width) == chosen
    assert window.statusBar().currentMessage() == "Window preset 1: Bone wide (yours)"
    qtbot.keyClick(pane, Key.Key_3)  # the file's windows follow the reader's
    assert (pane.state.center, pane.state.width) == (500, 300)
    assert window.statusBar().currentMessage() == "Window preset 3: NARROW"
    assert "DOE" not in (config / "viewer.json").read_text()  # a name and two numbers: nothing of the film
    window.close()

    again = make_window(settings=load_settings())
    again.open_paths([second_file])
    qtbot.keyClick(again.layout_panes.primary, Key.Key_1)
    assert (again.layout_panes.primary.state.center, again.layout_panes.primary.state.width) == chosen


def test_rename_and_delete_in_manage_window_presets(config, make_window, qtbot, second_file):
    (config / "viewer.json").write_text(json.dumps({"window_presets": [
        {"name": "Bone", "center": 2200, "width": 4000}, {"name": "Soft", "center": 40, "width": 400}]}))
    window = make_window(settings=load_settings())
    window.open_paths([second_file])
    window.actions["manage_presets"].trigger()
    dialog = window.findChild(QtWidgets.QDialog, "window-presets")
    assert [dialog.list.item(i).text() for i in range(2)] == ["1    Bone  W 4000  L 2200", "2    Soft  W 400  L 40"]

    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.rename_button, QtCore.Qt.MouseButton.LeftButton)
    assert answer(window, qtbot, "bone") == "Soft"
    assert dialog.note.text() == "Not renamed: 'bone' is already a preset's name"
    qtbot.mouseClick(dialog.rename_button, QtCore.Qt.MouseButton.LeftButton)
    answer(window, qtbot, "Soft tissue")
    assert written(config)[1] == {"name": "Soft tissue", "center": 40, "width": 400}

    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.delete_button, QtCore.Qt.MouseButton.LeftButton)
    assert written(config) == [{"name": "Soft tissue", "center": 40, "width": 400}]
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["1    Soft tissue  W 400  L 40"]
    pane = window.layout_panes.primary
    back_to(window, qtbot)
    qtbot.keyClick(pane, Key.Key_1)  # the one left moved up to key 1
    assert (pane.state.center, pane.state.width) == (40, 400)
    assert window.actions["preset_2"].text() == "Window preset 2"

    qtbot.mouseClick(dialog.delete_button, QtCore.Qt.MouseButton.LeftButton)
    assert written(config) == [] and not dialog.delete_button.isEnabled()
    back_to(window, qtbot)
    qtbot.keyClick(pane, Key.Key_1)  # none of the reader's left: 1 is the file's own window again
    assert (pane.state.center, pane.state.width) == (700, 1200)


def test_a_hand_edited_bad_entry_is_said_in_messages_and_skipped(config, make_window, qtbot, second_file):
    (config / "viewer.json").write_text(json.dumps({"window_presets": [
        {"name": "Bone", "centre": 2200, "width": 4000}, {"name": "Soft", "center": 40, "width": 400}]}))
    window = make_window(settings=load_settings())
    said = "\n".join(window.messages.messages())
    assert "window_presets: entry 1 ('Bone') skipped: no 'center' (it has 'centre', 'name', 'width')" in said
    window.open_paths([second_file])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_1)
    assert (pane.state.center, pane.state.width) == (40, 400)
    assert window.actions["preset_1"].text() == "Window preset 1: Soft (yours)"


def test_saving_during_a_blinded_hold_keeps_a_name_and_numbers_only(config, make_window, qtbot, second_file):
    window = make_window(settings=load_settings())
    window.open_paths([second_file])
    window.host.set_exclusive("study")
    window.host.set_metadata_hidden(True)
    assert window.actions["save_preset"].isEnabled()  # a settings change, like the theme: not the case's data
    window.layout_panes.primary.set_window(650, 900)
    save_as(window, qtbot, None)
    assert written(config) == [{"name": "Custom 1", "center": 650, "width": 900}]


def test_what_cannot_be_saved_is_said_and_nothing_written(config, make_window, qtbot, tmp_path):
    window = make_window(settings=load_settings())
    window.actions["save_preset"].trigger()
    assert name_dialog(window) is None
    assert window.statusBar().currentMessage() == "Window not saved as a preset: no film in the active pane"
    window.open_paths([dicom_factory.make_rgb(tmp_path / "rgb.dcm")])
    window.actions["save_preset"].trigger()
    assert window.statusBar().currentMessage() == "Window not saved as a preset: a colour film has no window"
    assert not (config / "viewer.json").exists()


def test_a_config_folder_that_cannot_be_written_keeps_the_preset_for_the_session_and_says_so(
        make_window, qtbot, second_file, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("CXR_VIEWER_CONFIG_DIR", str(blocker / "cfg"))  # mkdir under a file fails, even for root
    window = make_window(settings=load_settings())
    window.open_paths([second_file])
    window.layout_panes.primary.set_window(650, 900)
    save_as(window, qtbot, "Mine")
    assert "your window presets last until the viewer closes" in "\n".join(window.messages.messages())
    window.open_paths([second_file])
    qtbot.keyClick(window.layout_panes.primary, Key.Key_1)
    assert (window.layout_panes.primary.state.center, window.layout_panes.primary.state.width) == (650, 900)


def test_a_number_key_on_a_colour_film_says_it_has_no_window(make_window, qtbot, tmp_path):
    """The menu names the reader's presets on every film; on a colour picture key 1 said only "No window preset 1
    for this image", as if the preset were gone."""
    window = make_window(settings=load_settings())
    window.open_paths([dicom_factory.make_rgb(tmp_path / "rgb.dcm")])
    window.actions["preset_1"].trigger()
    assert window.statusBar().currentMessage() == "No window preset 1: a colour picture has no window"

"""The bone-suppressed image and lung mask are switched on and off again (B, or the AI menu's ticked entry), in
the real main window. The menu entry only computed them: once shown, the way back to the original film was to find
the image in the Layers dock and untick it, or A, which hid the findings with it; nothing said the views were on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_ai.layers import BONE_ID, CONTOURS_ID, HEATMAP_ID, LUNGS_ID
from tests.ai.viewer_helpers import ai_layers, open_and_settle, settle

pytestmark = pytest.mark.gui


def test_b_shows_the_views_and_takes_them_off_again_keeping_the_findings(viewer, files, qtbot) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    pane, entry = window.layout_panes.primary, window.plugin_actions["cxr_ai.views"]
    qtbot.keyClick(pane, Qt.Key.Key_B)
    settle(qtbot, window)
    assert {BONE_ID, LUNGS_ID} <= set(ai_layers(window)) and entry.isChecked()
    qtbot.keyClick(pane, Qt.Key.Key_B)  # the original film again
    assert list(ai_layers(window)) == [HEATMAP_ID, CONTOURS_ID] and not entry.isChecked()
    assert ai_layers(window)[CONTOURS_ID].visible
    entry.trigger()  # the menu entry is the same switch
    settle(qtbot, window)
    assert BONE_ID in ai_layers(window) and entry.isChecked()


def test_another_film_opens_as_the_original_with_the_tick_off(viewer, files, qtbot) -> None:
    window = viewer()
    window.open_paths(list(files))
    settle(qtbot, window)
    entry = window.plugin_actions["cxr_ai.views"]
    entry.trigger()
    settle(qtbot, window)
    assert BONE_ID in ai_layers(window) and entry.isChecked()
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_PageDown)
    settle(qtbot, window)
    assert window.host.current_image().path == files[1]
    assert ai_layers(window) == {} and not entry.isChecked()


def test_switched_off_before_they_arrive_the_views_are_not_drawn(viewer, files, qtbot) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    entry = window.plugin_actions["cxr_ai.views"]
    entry.trigger()
    entry.trigger()  # changed their mind while the models ran
    settle(qtbot, window)
    assert ai_layers(window) == {} and not entry.isChecked()

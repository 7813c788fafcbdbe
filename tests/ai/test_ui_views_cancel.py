"""Cancel on the bone/lung views' task, in the real main window: the plugin was not told of the cancelled task, so
B's tick stayed on with nothing drawn, and the next B only took the tick off instead of computing the views."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_ai.layers import BONE_ID
from tests.ai.viewer_helpers import ai_layers, open_and_settle, settle

pytestmark = pytest.mark.gui
VIEWS_TASK = "Bone suppression and lung mask"


def test_cancel_turns_b_off_and_the_next_b_computes_the_views(viewer, files, qtbot) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    pane, entry = window.layout_panes.primary, window.plugin_actions["cxr_ai.views"]
    qtbot.keyClick(pane, Qt.Key.Key_B)
    (task,) = [task for task in window.tasks.running if task.title == VIEWS_TASK]
    task.cancel()  # the status bar's Cancel
    settle(qtbot, window)
    assert ai_layers(window) == {} and not entry.isChecked()
    qtbot.keyClick(pane, Qt.Key.Key_B)
    settle(qtbot, window)
    assert BONE_ID in ai_layers(window) and entry.isChecked()


def test_a_cancelled_earlier_b_does_not_turn_off_a_later_one(viewer, files, qtbot) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    pane, entry = window.layout_panes.primary, window.plugin_actions["cxr_ai.views"]
    qtbot.keyClick(pane, Qt.Key.Key_B)
    (first,) = [task for task in window.tasks.running if task.title == VIEWS_TASK]
    first.cancel()
    qtbot.keyClick(pane, Qt.Key.Key_B)  # the cancelled task has not reported yet: this B turns the tick off
    qtbot.keyClick(pane, Qt.Key.Key_B)  # and this one asks anew, before the first task's word arrives
    settle(qtbot, window)
    assert BONE_ID in ai_layers(window) and entry.isChecked()

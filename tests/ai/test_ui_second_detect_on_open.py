"""D on a film whose look-up on open runs detection itself (detection on open, or the demo), in the real main
window: the second-D guard knew only D's own task, so D started a second model run of the film beside the first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_ai.layers import CONTOURS_ID
from cxr_viewer.settings import Settings
from tests.ai.viewer_helpers import ai_layers, settle, status

pytestmark = pytest.mark.gui
AI_TASKS = ("AI: looking up results", "Detecting nodules")


def test_d_while_detection_on_open_runs_starts_no_second_run(viewer, files, model_dir, qtbot) -> None:
    window = viewer(Settings(plugin_settings={"cxr_ai": {"models_dir": str(model_dir), "auto_run": True}}))
    window.open_paths([files[0]])
    assert window.host.current_image() is not None  # shown: its look-up, which detects, was started
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_D)  # before that look-up delivered
    assert sum(task.title in AI_TASKS for task in window.tasks.running) == 1
    assert "already running for this film" in status(window)
    settle(qtbot, window)
    assert CONTOURS_ID in ai_layers(window)

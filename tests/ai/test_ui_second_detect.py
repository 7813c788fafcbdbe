"""A second D while the film's detection still runs, in the real main window: it started a second model run of
the same film beside the first (twice the CPU, both results late), and nothing said the first was under way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_ai.layers import CONTOURS_ID
from tests.ai.viewer_helpers import ai_layers, open_and_settle, settle, status

pytestmark = pytest.mark.gui


def _detections(window) -> int:
    return sum(task.title == "Detecting nodules" for task in window.tasks.running)


def test_a_second_d_on_the_same_film_starts_no_second_run(viewer, files, qtbot) -> None:
    window = viewer()
    window.open_paths(list(files))
    settle(qtbot, window)
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Qt.Key.Key_D)
    qtbot.keyClick(pane, Qt.Key.Key_D)  # impatient: the worker has not delivered yet (this thread is busy here)
    assert _detections(window) == 1
    assert "already running for this film" in status(window)
    settle(qtbot, window)
    assert CONTOURS_ID in ai_layers(window)


def test_d_on_another_film_and_after_the_first_ended_still_runs(viewer, files, qtbot) -> None:
    window = viewer()
    window.open_paths(list(files))
    settle(qtbot, window)
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Qt.Key.Key_D)
    qtbot.keyClick(pane, Qt.Key.Key_PageDown)
    qtbot.keyClick(pane, Qt.Key.Key_D)  # the next film's own detection is no repeat
    assert _detections(window) == 2
    settle(qtbot, window)
    open_and_settle(qtbot, window, files[0])
    qtbot.keyClick(pane, Qt.Key.Key_D)  # the first one ended: D may run again (from the cache)
    assert _detections(window) == 1
    settle(qtbot, window)
    assert CONTOURS_ID in ai_layers(window)

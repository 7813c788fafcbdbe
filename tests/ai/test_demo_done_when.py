"""Issue 6's "done when", its first half, in the real main window with the shipped models: ``cxr-viewer --demo``
opens the demo radiograph with the AI results ready, and one key (A) shows or hides the heat map and contours.

The other tests check each part with models built in the tests (the demo's detection on open, A in a session); this
one checks what a user starting the demo gets. Skipped until a detector ensemble ships.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cxr_ai.layers import CONTOURS_ID, HEATMAP_ID
from cxr_viewer.core.demo import demo_paths
from tests.ai.test_shipped_pipeline import SHIPPED, _has_detector
from tests.ai.viewer_helpers import ai_layers, plugin, settle

pytestmark = [pytest.mark.gui, pytest.mark.slow,
              pytest.mark.skipif(not _has_detector(SHIPPED), reason="no detector ensemble ships yet (issue 5)")]


def test_the_demo_opens_with_the_shipped_models_results_and_a_shows_and_hides_them(viewer, qtbot) -> None:
    window = viewer(models=SHIPPED, demo=True)
    films = demo_paths()
    window.open_paths(films)  # as `cxr-viewer --demo` does; the first film is the one shown
    settle(qtbot, window)
    assert Path(window.host.current_image().path) == films[0]
    layers = ai_layers(window)
    assert {HEATMAP_ID, CONTOURS_ID} <= set(layers) and all(layer.visible for layer in layers.values())
    assert plugin(window).dock.list.count() == len(layers[CONTOURS_ID].contours)
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_A)
    assert not any(layer.visible for layer in ai_layers(window).values())
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_A)
    assert all(layer.visible for layer in ai_layers(window).values())

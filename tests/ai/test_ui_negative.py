"""A film on which the detector finds nothing at the operating point, in the real main window with the test models:
said as a negative with its threshold, in the status bar and the dock, and no colour bar beside the film; the heat
map stays a layer. Switching the operating point on a film with a faint nodule only takes the bar away and back."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from cxr_ai.layers import CONTOURS_ID, HEATMAP_ID
from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest
from tests.ai.viewer_helpers import DIM_LEVEL, ai_layers, open_and_settle, plugin, settle

pytestmark = pytest.mark.gui


def detect(qtbot, window, path) -> None:
    open_and_settle(qtbot, window, path)
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_D)
    settle(qtbot, window)


def test_a_film_without_findings_reads_as_a_negative_without_a_colour_bar(viewer, files, qtbot) -> None:
    window = viewer()
    detect(qtbot, window, files[1])  # B: a chest without nodules
    assert set(ai_layers(window)) == {HEATMAP_ID, CONTOURS_ID}  # the heat map is still there, in the Layers dock
    assert ai_layers(window)[CONTOURS_ID].contours == []
    assert window.layout_panes.primary.colour_bar.item is None  # no 0–1 legend beside a film with nothing found
    assert "no findings at 'sens' (no score ≥ 0.30)" in window.plugin_status.text()
    assert "0 finding(s)" not in window.plugin_status.text()
    dock = plugin(window).dock
    assert dock.list.count() == 0 and "No findings at 'sens' (no score ≥ 0.30)" in dock.summary.text()


def test_the_colour_bar_goes_and_comes_back_with_the_operating_point(viewer, tmp_path, qtbot) -> None:
    """A faint nodule (score ≈ 0.5) is a finding at 'sens' (0.3) and none at 'spec' (0.7)."""
    pixels = synthetic_chest(700, 1000, [])
    yy, xx = np.mgrid[0:700, 0:1000]
    pixels[(xx - 720) ** 2 + (yy - 250) ** 2 <= 25**2] = round(DIM_LEVEL * 4095)
    window = viewer()
    detect(qtbot, window, write_dx(tmp_path / "faint.dcm", pixels))
    pane, dock = window.layout_panes.primary, plugin(window).dock
    assert pane.colour_bar.item is not None and dock.list.count() == 1
    assert "1 finding(s) at 'sens'" in window.plugin_status.text()
    dock.operating_point.setCurrentIndex(dock.operating_point.findData("spec"))
    assert pane.colour_bar.item is None and dock.list.count() == 0
    assert "no findings at 'spec' (no score ≥ 0.70)" in window.plugin_status.text()
    assert ai_layers(window)[HEATMAP_ID].visible  # the map's faint tint is still there to look at
    dock.operating_point.setCurrentIndex(dock.operating_point.findData("sens"))
    assert pane.colour_bar.item is not None and "1 finding(s) at 'sens'" in window.plugin_status.text()

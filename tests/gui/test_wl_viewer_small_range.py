"""Right-drag window/level on a film whose values span far less than 1 (a rescaled or float film, 0…0.01).

The drag step was the film's value range over 600 screen pixels but never less than 1/600: on a 0…0.01 film a
60-pixel drag moved the window by ten times the film's whole range, so the picture jumped to black or white.
Each step now scales with the film's own range, so the same hand movement changes every film alike.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore

from cxr_viewer.gui.window_level import DRAG_PIXELS_FOR_FULL_RANGE
from tests.dicom_factory import make_cr
from tests.gui.conftest import drag, widget_point

pytestmark = pytest.mark.gui

Button = QtCore.Qt.MouseButton


@pytest.fixture
def small_range_film(tmp_path):
    """Stored 0…1000 with Rescale Slope 1e-5: modality values 0…0.01, as a dose or parametric map might hold."""
    pixels = np.tile(np.arange(250, dtype=np.uint16) * 4, (200, 1))
    return make_cr(tmp_path / "small.dcm", rows=200, cols=250, pixels=pixels, RescaleSlope="0.00001",
                   RescaleIntercept="0", RescaleType="US")


def test_right_drag_moves_the_window_by_a_share_of_the_films_own_range(window, small_range_film, qtbot):
    window.open_paths([small_range_film])
    pane = window.layout_panes.primary
    value_range = pane.pipeline.value_range
    assert value_range == pytest.approx(0.00996, rel=1e-3)
    before = pane.state
    start = widget_point(pane, 125, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(60, 30), Button.RightButton)
    step = value_range / DRAG_PIXELS_FOR_FULL_RANGE
    assert pane.state.width == pytest.approx(before.width + 60 * step, rel=1e-6)
    assert pane.state.center == pytest.approx(before.center + 30 * step, rel=1e-6)


def test_a_small_drag_on_a_small_range_film_keeps_its_grey_scale(window, small_range_film, qtbot):
    """Narrowing by a tenth of the screen leaves a grey ramp, not a black-and-white threshold."""
    window.open_paths([small_range_film])
    pane = window.layout_panes.primary
    start = widget_point(pane, 125, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(-30, 0), Button.RightButton)
    shown = pane.pipeline.render(pane.state)
    assert len(np.unique(shown)) > 100
    assert 0.3 < (shown > 127).mean() < 0.7  # still centred on the film


def test_the_corner_shows_the_drag_on_a_small_range_film(window, small_range_film, qtbot):
    """Its LINEAR window reads about W 1.00988 L 0.50498 (width 1 + span, level 0.5 + centre); three digits gave
    "W 1.01  L 0.505" before and after any drag, so the reader saw no change in the figures."""
    window.open_paths([small_range_film])
    pane = window.layout_panes.primary
    opened = pane.state
    before = pane.corners.texts["bottom_left"].splitlines()[0]
    start = widget_point(pane, 125, 100)
    drag(qtbot, pane.viewport(), start, start + QtCore.QPoint(30, 0), Button.RightButton)
    after = pane.corners.texts["bottom_left"].splitlines()[0]
    assert before == f"W {opened.width:.5f}  L {opened.center:.5f}"  # a hundredth of the 0.00996 range shows
    assert after == f"W {pane.state.width:.5f}  L {opened.center:.5f}" and after != before

"""An ellipse ROI dragged over a big film, in a real window offscreen with real mouse events.

Each move of the drag used to read every pixel of the box (a 2800 × 2800 box on a rescaled film: ~170 ms a move, a
stuttering drag). A move now reads at most ``DRAG_SAMPLE`` pixels and says its figures are estimates; the release
puts in the exact ones. The film names its values' unit (Rescale Type HU), which the ROI's figures carry, as the
pixel readout does, on the label, the status bar and Ctrl+C.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.core.roi_stats import ellipse_mask, roi_stats, roi_text
from cxr_viewer.gui.roi_item import DRAG_SAMPLE
from tests import dicom_factory
from tests.gui.conftest import send_mouse_move, widget_point

pytestmark = pytest.mark.gui

LEFT = QtCore.Qt.MouseButton.LeftButton
SIDE = 1200  # 1.44 M pixels: a box across most of it holds several times DRAG_SAMPLE


@pytest.fixture
def big_film(tmp_path):
    pixels = np.random.default_rng(7).integers(0, 4000, (SIDE, SIDE), dtype=np.uint16)
    return dicom_factory.make_cr(tmp_path / "big.dcm", rows=SIDE, cols=SIDE, spacing=0.2, pixels=pixels,
                                 RescaleSlope=2, RescaleIntercept=-1000, RescaleType="HU")


def test_a_big_roi_reads_a_bounded_sample_while_dragged_and_exact_figures_on_release(window, big_film, qtbot):
    window.open_paths([big_film])
    pane = window.layout_panes.primary
    pane.setFocus()
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_E)
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # also lets the film settle into its fit
    viewport = pane.viewport()
    start, end = widget_point(pane, 40, 40), widget_point(pane, SIDE - 40, SIDE - 40)
    qtbot.mousePress(viewport, LEFT, pos=start)
    for i in range(1, 6):
        qtbot.wait(40)  # pyqtgraph passes on at most one move per 1/mouseRateLimit s
        send_mouse_move(viewport, start + (end - start) * (i / 5), LEFT)
    roi = pane.measure.unfinished
    assert ellipse_mask(roi.box, pane.image.shape)[2].sum() > 3 * DRAG_SAMPLE  # the box is big enough to matter
    assert 0 < roi.stats.read <= DRAG_SAMPLE
    assert roi.text.splitlines()[1].startswith("≈ mean") and "n≈" in roi.text
    qtbot.mouseRelease(viewport, LEFT, pos=end)
    (roi,) = pane.measure.measurements
    exact = roi_stats(pane.image, roi.box)
    assert roi.stats == exact and exact.read == exact.count > 3 * DRAG_SAMPLE
    assert roi.text == roi_text(roi.box, pane.measure.spacing, exact)
    assert "≈" not in roi.text and f"max {exact.high:g} (HU) n={exact.count}" in roi.text
    assert window.statusBar().currentMessage() == roi.text.replace("\n", " ")
    QtWidgets.QApplication.clipboard().clear()
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_C, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert QtWidgets.QApplication.clipboard().text() == roi.text.replace("\n", " ")
    assert "(HU)" in QtWidgets.QApplication.clipboard().text()


def test_a_big_roi_dragged_by_a_handle_reads_a_sample_and_exact_figures_on_release(window, big_film, qtbot):
    """The same for a side moved by its handle: the release settles the figures (only an ROI's need it)."""
    window.open_paths([big_film])
    pane = window.layout_panes.primary
    pane.setFocus()
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_E)
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    viewport = pane.viewport()
    start, end = widget_point(pane, 40, 40), widget_point(pane, SIDE - 200, SIDE - 40)
    qtbot.mousePress(viewport, LEFT, pos=start)
    send_mouse_move(viewport, end, LEFT)
    qtbot.mouseRelease(viewport, LEFT, pos=end)
    (roi,) = pane.measure.measurements
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    right, middle = max(roi.box[0], roi.box[2]), (roi.box[1] + roi.box[3]) / 2
    handle, moved = widget_point(pane, right, middle), widget_point(pane, SIDE - 60, middle)
    qtbot.mousePress(viewport, LEFT, pos=handle)
    for i in range(1, 4):
        qtbot.wait(40)
        send_mouse_move(viewport, handle + (moved - handle) * (i / 3), LEFT)
    assert 0 < roi.stats.read <= DRAG_SAMPLE and roi.text.splitlines()[1].startswith("≈ mean")
    qtbot.mouseRelease(viewport, LEFT, pos=moved)
    exact = roi_stats(pane.image, roi.box)
    assert max(roi.box[0], roi.box[2]) > right + 50, "the side did not move"
    assert roi.stats == exact and roi.text == roi_text(roi.box, pane.measure.spacing, exact) and "≈" not in roi.text

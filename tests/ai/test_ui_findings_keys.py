"""Stepping through the AI findings list with the arrow keys, in the real main window: each finding the keys reach
is centred on the film, as a click or Enter centres it. The arrows moved the highlight in the list but left the
view where it was, so a reader going down the list with the keyboard read one finding's row beside another's
contour (or beside the whole film)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ai.viewer_helpers import open_and_settle, plugin, settle

pytestmark = pytest.mark.gui


def _view_centre(pane) -> tuple[float, float]:
    pane.viewbox.updateMatrix()
    centre = pane.image_item.mapFromParent(pane.viewbox.viewRect().center())
    return centre.x(), centre.y()


def _centred_on(pane, finding) -> bool:
    x, y = _view_centre(pane)
    return abs(x - (finding.x + 0.5)) < 1 and abs(y - (finding.y + 0.5)) < 1


def test_the_arrow_keys_centre_each_finding_they_reach(viewer, files, qtbot) -> None:
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    pane, dock = window.layout_panes.primary, plugin(window).dock
    assert dock.list.count() == 2  # the obvious nodule and the faint one, far apart
    first, second = dock._findings
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=dock.list.visualItemRect(dock.list.item(0)).center())
    assert _centred_on(pane, first)
    qtbot.keyClick(dock.list, Qt.Key.Key_Down)
    assert dock.list.currentRow() == 1 and _centred_on(pane, second)
    qtbot.keyClick(dock.list, Qt.Key.Key_Up)
    assert dock.list.currentRow() == 0 and _centred_on(pane, first)


def test_a_new_result_does_not_move_the_view_by_itself(viewer, files, qtbot) -> None:
    """Refilling the list (the operating point switched) must leave the film fitted: only the reader's choice of
    a row moves the view, not a row made current by the list being filled."""
    window = viewer()
    open_and_settle(qtbot, window, files[0])
    pane, dock = window.layout_panes.primary, plugin(window).dock
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    pane.fit()
    fitted = (_view_centre(pane), pane.zoom)
    dock.operating_point.setCurrentIndex(dock.operating_point.findData("spec"))
    assert dock.list.count() == 1
    assert (_view_centre(pane), pane.zoom) == fitted

"""Screen readers in the real main window with the test models: the AI findings list is named (it read as a bare
"list"), and the pane says which colour bar the detection put beside the film."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from tests.ai.dicom_factory import write_dx
from tests.ai.model_factory import synthetic_chest
from tests.ai.viewer_helpers import DIM_LEVEL, open_and_settle, plugin, settle

pytestmark = pytest.mark.gui


def test_the_findings_list_and_the_colour_bar_are_named(viewer, tmp_path, qtbot) -> None:
    pixels = synthetic_chest(700, 1000, [])
    yy, xx = np.mgrid[0:700, 0:1000]
    pixels[(xx - 720) ** 2 + (yy - 250) ** 2 <= 25**2] = round(DIM_LEVEL * 4095)
    window = viewer()
    open_and_settle(qtbot, window, write_dx(tmp_path / "faint.dcm", pixels))
    qtbot.keyClick(window.layout_panes.primary, Qt.Key.Key_D)
    settle(qtbot, window)
    dock, pane = plugin(window).dock, window.layout_panes.primary
    assert dock.list.count() == 1 and dock.list.accessibleName() == "AI findings"
    assert pane.colour_bar.item is not None
    assert pane.accessibleDescription().startswith("Colour bar of ") and " 0 to 1, " in pane.accessibleDescription()

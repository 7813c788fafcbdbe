"""A long passing message stops, with "…", where the plugins' permanent status begins: it had been drawn on under
``AI (research use only): …`` and both were unreadable. The full text stays the message and the tooltip."""

from __future__ import annotations

import os

import pytest
from PySide6 import QtGui

from cxr_viewer.gui.eliding_status_bar import GAP

pytestmark = pytest.mark.gui

PERMANENT = "AI (research use only): no findings at 'sens' — models 0.1.0-cpu on CPU, 2138 ms"
LONG = ("Cannot open image: truncated.dcm: file is truncated: PixelData has 698,421 of its 2,097,152 bytes "
        "(/tmp/audit/data/corrupt/one/rather/long/folder/name/after/another/of/the/study/truncated.dcm)")


def _label_pixels(window) -> QtGui.QImage:
    """The status bar as drawn, cut to the permanent label's place and the few pixels left of it, which a message
    cut off mid-letter (as QStatusBar cuts it) reached."""
    window.repaint()
    bar, label = window.statusBar(), window.plugin_status
    return bar.grab().toImage().copy(label.geometry().adjusted(-GAP, 0, 0, 0))


def test_a_long_message_ends_before_the_permanent_status(window, qtbot, tmp_path) -> None:
    window.resize(1000, 700)
    window.host.show_status(PERMANENT, permanent=True)
    qtbot.waitUntil(lambda: window.plugin_status.isVisible() and window.plugin_status.width() > 100)
    alone = _label_pixels(window)
    window.statusBar().showMessage(LONG)
    with_message = _label_pixels(window)
    if os.environ.get("CXR_STATUS_PNG"):  # for a person to look at
        window.statusBar().grab().save(os.environ["CXR_STATUS_PNG"])
    assert with_message == alone  # nothing of the message under the permanent text, nor touching it
    assert window.statusBar().currentMessage() == LONG
    assert window.statusBar().toolTip() == LONG
    window.statusBar().showMessage("Window preset 2: Lung")
    assert window.statusBar().toolTip() == ""

"""The findings dock during another plugin's hold (a blinded read), in the real main window: its choices are off
as the AI's menu actions are, so a reader cannot change the saved operating point or switch detection on open on
mid-read, and the dock says why; the hold's end gives them back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ai.viewer_helpers import ai_layers, open_and_settle, plugin, settle, status

pytestmark = pytest.mark.gui


def test_the_dock_choices_are_off_during_another_plugins_hold(viewer, files, qtbot) -> None:
    window = viewer()
    a, b = files
    open_and_settle(qtbot, window, a)
    window.plugin_actions["cxr_ai.detect"].trigger()
    settle(qtbot, window)
    dock = plugin(window).dock
    window.host.set_exclusive("reader_study")
    assert not dock.operating_point.isEnabled() and not dock.auto_run.isEnabled()
    assert "AI off while the reader_study plugin holds the view" in dock.summary.text()
    qtbot.mouseClick(dock.auto_run, Qt.MouseButton.LeftButton)  # as a reader clicks it mid-read
    qtbot.keyClick(dock.operating_point, Qt.Key.Key_Down)
    open_and_settle(qtbot, window, b)  # the next case: the dock still says why it is empty
    assert "AI off while the reader_study plugin holds the view" in dock.summary.text()
    ai_settings = window.host.settings("cxr_ai")
    assert not ai_settings.get("auto_run", False) and ai_settings.get("operating_point", "sens") == "sens"
    assert "detection on open" not in status(window) and not dock.auto_run.isChecked()
    window.host.close_image()
    window.host.set_exclusive(None)
    assert dock.operating_point.isEnabled() and dock.auto_run.isEnabled()
    open_and_settle(qtbot, window, a)
    assert len(ai_layers(window)) == 2 and dock.list.count() == 2  # 'sens' still: both findings
    qtbot.mouseClick(dock.auto_run, Qt.MouseButton.LeftButton)  # the same click works again after the hold
    assert window.host.settings("cxr_ai")["auto_run"] is True

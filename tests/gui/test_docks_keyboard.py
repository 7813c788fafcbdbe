"""The Messages, Tags and Layers docks and the F1 list, by keyboard and screen reader: each control Tab reaches has a
name (the layers' opacity sliders say whose), Escape closes a message's details and the F1 list."""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore

from cxr_viewer.gui import shortcut_help
from tests.keyboard_reach import backward_steps, unnamed
from cxr_viewer.plugin_api.layers import HeatmapLayer, MarkerLayer, Marker


def test_messages_dock_is_named(window):
    window.messages.add("Import", "2 files not imported")
    assert unnamed(window.messages) == []


def test_enter_opens_a_message_in_full_and_escape_closes_it(window, qtbot):
    window.messages.add("Import", "2 files not imported", "a.dcm: not DICOM\nb.dcm: not DICOM")
    panel = window.messages
    panel.list.setCurrentRow(0)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, QtCore.Qt.Key.Key_Return)
    details = panel.details
    assert details is not None and details.isVisible()
    qtbot.waitUntil(details.isActiveWindow)  # opened by a key, it takes the keys
    qtbot.keyClick(details, QtCore.Qt.Key.Key_Escape)
    assert not details.isVisible(), "Escape left the message window open"


def test_tags_dock_is_named(window, cr_file):
    window.open_paths([cr_file])
    assert unnamed(window.tag_panel) == []


def test_each_opacity_slider_says_whose_it_is(window, cr_file):
    window.open_paths([cr_file])
    pane = window.layout_panes.primary
    pane.overlays.add(HeatmapLayer(id="heat", name="Heat", data=np.ones((4, 4), np.float32), opacity=0.5))
    pane.overlays.add(MarkerLayer(id="marks", name="Marks", markers=[Marker(20, 20, "a")]))
    panel = window.layer_panel
    assert panel.sliders["heat"].accessibleName() == "Opacity of Heat"
    assert unnamed(panel) == []


def test_the_shortcut_list_is_named_and_escape_closes_it(window, qtbot):
    dialog = shortcut_help.show(window)
    qtbot.waitExposed(dialog)
    assert unnamed(dialog) == [] and backward_steps(dialog) == []
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, QtCore.Qt.Key.Key_Escape)
    assert not dialog.isVisible()

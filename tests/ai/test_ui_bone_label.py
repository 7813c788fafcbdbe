"""The bone-suppressed image says on the film what it is, in the real main window.

It replaced the film under the findings with nothing on screen to tell it from the original: the corner text named
the file, the W/L acted on it as on the film, and only the Layers dock (often closed) listed it. A reader could
take the AI's picture, ribs faded, for the radiograph itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cxr_ai.layers import BONE_ID
from cxr_viewer.plugin_api import BoxLayer
from tests.ai.viewer_helpers import ai_layers, open_and_settle, settle

pytestmark = pytest.mark.gui


def _labels(window) -> list[BoxLayer]:
    return [layer for layer in ai_layers(window).values() if isinstance(layer, BoxLayer)]


def _tick(qtbot, window, layer_id: str, checked: bool, partner: str) -> None:
    """Set a layer's box in the Layers dock (the same itemChanged a click on it sends) and wait for ``partner``
    to follow."""
    window.layer_panel.item_for(layer_id).setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: ai_layers(window)[partner].visible == checked, timeout=2000)


def _views(qtbot, viewer, path):
    window = viewer()
    open_and_settle(qtbot, window, path)
    window.plugin_actions["cxr_ai.views"].trigger()
    settle(qtbot, window)
    return window


def test_the_bone_suppressed_image_is_framed_and_labelled_on_the_film(viewer, files, qtbot) -> None:
    window = _views(qtbot, viewer, files[0])
    labels = _labels(window)
    assert len(labels) == 1, "nothing on the film says the image is bone-suppressed"
    label = labels[0]
    rows, columns = window.host.current_image().shape
    assert label.visible and label.boxes == [(0.0, 0.0, float(columns), float(rows), label.boxes[0][4])]
    assert "BONE-SUPPRESSED" in label.boxes[0][4] and "not the original" in label.boxes[0][4]
    order = list(ai_layers(window))
    assert order.index(BONE_ID) < order.index(label.id)  # drawn over the image it names
    assert window.layout_panes.primary.overlays.item(label.id).isVisible()


def test_the_label_shows_and_hides_with_the_image_in_the_layer_list(viewer, files, qtbot) -> None:
    window = _views(qtbot, viewer, files[0])
    window.docks["layers"].show()
    label_id = _labels(window)[0].id
    _tick(qtbot, window, BONE_ID, False, label_id)  # back to the original film: the label must not stay over it
    assert not ai_layers(window)[BONE_ID].visible
    _tick(qtbot, window, label_id, True, BONE_ID)  # the label ticked alone brings its image back
    assert ai_layers(window)[label_id].visible
    _tick(qtbot, window, BONE_ID, False, label_id)
    _tick(qtbot, window, BONE_ID, True, label_id)  # the image ticked alone comes with its label
    assert window.layout_panes.primary.overlays.item(label_id).isVisible()

"""Forty findings with long labels in a small pane: no room for all their labels, and none may lie over another.

Review found that when a pane truly has no room, the layout laid the labels that found no free spot over one another
(the least covered spot), so neither could be read, and a radiologist could not tell which score named which
finding. Now those last in the layout's order are left out, and a line under the film says how many: here no two
shown labels overlap, none lies under the corner text, the edge letters or that line, and its count is the number
of labels left out although what they name is in view. A real window offscreen, a CR written with pydicom.
"""

from __future__ import annotations

import itertools

import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.plugin_api import Marker, MarkerLayer
from tests import dicom_factory

pytestmark = pytest.mark.gui


def _scene_rect(pane, widget: QtWidgets.QWidget) -> QtCore.QRectF:
    return pane.mapToScene(widget.geometry()).boundingRect()


def test_labels_with_no_room_are_left_out_and_counted_never_overlaid(window, tmp_path, qtbot):
    window.resize(700, 520)
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=600, cols=800, spacing=0.2)])
    pane = window.layout_panes.primary
    markers = [Marker(x=200 + 50 * (i % 8), y=150 + 60 * (i // 8), size=10,
                      label=f"Nodule 0.{95 - i} (finding {i + 1}, right upper zone, 12 mm, solid)") for i in range(40)]
    pane.overlays.add(MarkerLayer(id="t.nodules", name="nodules", markers=markers))
    qtbot.wait(10)
    pane.layout_labels()
    pane.viewbox.updateMatrix()
    view = pane.viewbox.sceneBoundingRect()
    labels = pane.labels()
    assert len(labels) == 40
    shown = {label: label.textItem.mapRectToScene(label.textItem.boundingRect())
             for label in labels if label.opacity() == 1.0}
    hidden = [label for label in labels if label.opacity() == 0.0]
    pairs = [(a.textItem.toPlainText(), b.textItem.toPlainText()) for (a, ra), (b, rb)
             in itertools.combinations(shown.items(), 2) if ra.intersected(rb).width() > 0.5
             and ra.intersected(rb).height() > 0.5]
    assert not pairs, f"{len(pairs)} pairs of labels overlap, e.g. {pairs[:1]}"
    assert len(shown) + len(hidden) == 40 and hidden, "the case is not crowded: every label found room"
    notice = pane.findChild(QtWidgets.QLabel, "hidden labels")
    assert notice.isVisible() and notice.text() == f"{len(hidden)} labels hidden (no room): zoom in or enlarge the pane"
    texts = [w for w in (*pane.corners.labels.values(), *pane.corners.edges.labels.values(), notice) if w.isVisible()]
    for label, rect in shown.items():
        assert view.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect), f"{label.textItem.toPlainText()!r} out of view"
        covered = [w.text() for w in texts if rect.intersects(_scene_rect(pane, w))]
        assert not covered, f"{label.textItem.toPlainText()!r} lies under {covered}"
    assert view.contains(_scene_rect(pane, notice)), "the notice is not on the film's area"
    pane.overlays.clear()  # no labels, no notice
    assert not notice.isVisible()
    pane.overlays.add(MarkerLayer(id="t.nodules", name="nodules", markers=markers))
    assert notice.isVisible()
    pane.clear_image()  # nor over an empty pane
    assert not notice.isVisible()

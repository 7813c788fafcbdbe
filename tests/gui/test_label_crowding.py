"""Twenty labels crowded round one small area still come out apart, each joined to what it names.

Review found that twenty findings within a few centimetres of film (an AI layer's outlines and marks with their
scores), or twenty distances drawn side by side, had labels stacked partly over one another although the pane
had free room above and below them: the layout tried spots at most three label heights out and, finding none
free, took the least covered one, over another label. Here no two labels may overlap, each must lie inside the
view and off the corner text, and each placed more than 12 screen pixels from what it names must have a leader
from its box's edge to that thing. Everything is measured in scene coordinates (screen pixels), independently of
the layout's own geometry: outlines are sampled every quarter pixel.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from PySide6 import QtCore

from cxr_viewer.plugin_api import Contour, ContourLayer, Marker, MarkerLayer
from tests import dicom_factory
from tests.gui.conftest import draw_distance, send_wheel, widget_point

pytestmark = pytest.mark.gui

LEADER_AFTER = 12.0  # the viewer's threshold: farther than this, a label needs a leader
CIRCLE = np.linspace(0, 2 * np.pi, 48, endpoint=False)


def _open(window, tmp_path):
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=600, cols=800, spacing=0.2)])
    return window.layout_panes.primary


def _along(points: list[tuple[float, float]], closed: bool) -> np.ndarray:
    """Points every quarter pixel along the polyline through ``points`` (scene coordinates)."""
    pairs = list(zip(points, points[1:] + points[:1] if closed else points[1:]))
    return np.concatenate([np.linspace(a, b, max(2, int(math.dist(a, b) * 4))) for a, b in pairs])


def _scene(pane, x: float, y: float) -> tuple[float, float]:
    point = pane.image_item.mapToScene(QtCore.QPointF(x, y))
    return point.x(), point.y()


def _gap(samples: np.ndarray, rect: QtCore.QRectF) -> np.ndarray:
    """Each sample's distance from the rectangle (0 inside it)."""
    dx = np.maximum(np.maximum(rect.left() - samples[:, 0], samples[:, 0] - rect.right()), 0)
    dy = np.maximum(np.maximum(rect.top() - samples[:, 1], samples[:, 1] - rect.bottom()), 0)
    return np.hypot(dx, dy)


def _check(pane, targets: dict) -> None:
    """No two labels overlap; each is inside the view, off the corner text, and beside its target or led to it.
    ``targets`` maps each label item to the points of what it names."""
    pane.viewbox.updateMatrix()
    assert set(pane.labels()) == set(targets) and len(targets) == 20, "the case lost or gained a label"
    rects = {label: label.textItem.mapRectToScene(label.textItem.boundingRect()) for label in targets}
    overlapping = [(a, b) for a, b in itertools.combinations(rects.values(), 2)
                   if a.intersected(b).width() > 0.5 and a.intersected(b).height() > 0.5]
    assert not overlapping, f"{len(overlapping)} pairs of labels overlap, e.g. {overlapping[:2]}"
    view = pane.viewbox.sceneBoundingRect()
    texts = [pane.mapToScene(widget.geometry()).boundingRect()
             for widget in (*pane.corners.labels.values(), *pane.corners.edges.labels.values()) if widget.isVisible()]
    assert texts, "no corner text shown: the test would not see a label under it"
    far = 0
    for label, samples in targets.items():
        rect, name = rects[label], label.textItem.toPlainText()
        assert label.opacity() == 1.0 and view.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect), f"{name!r} out of view"
        assert not any(rect.intersects(text) for text in texts), f"{name!r} lies under the corner text"
        gap = _gap(samples, rect).min()
        leader = label.leader
        shown = leader.isVisible() and leader.scene() is not None and leader.effectiveOpacity() > 0
        if gap > LEADER_AFTER + 1:
            far += 1
            assert shown, f"{name!r} is {gap:.0f} px from what it names, with no leader"
            line = QtCore.QLineF(leader.mapToScene(leader.line().p1()), leader.mapToScene(leader.line().p2()))
            assert _gap(np.array([[line.x1(), line.y1()]]), rect)[0] <= 1, f"{name!r}: leader starts off its box"
            reach = np.hypot(samples[:, 0] - line.x2(), samples[:, 1] - line.y2()).min()
            assert reach <= 1.5, f"{name!r}: leader ends {reach:.1f} px from what it names"
        elif gap < LEADER_AFTER - 1:
            assert not shown, f"{name!r} beside what it names has a leader"
    assert far >= 1, "no label was moved off: the case is not crowded"


def test_twenty_crowded_findings_labels_do_not_overlap(window, tmp_path):
    """Ten outlined nodules and ten marked masses 15 film pixels apart (13 on screen at fit) in one block, as an AI
    plugin draws them."""
    pane = _open(window, tmp_path)
    contours, markers = [], []
    for i in range(20):
        x, y = 330 + 15 * (i % 5), 240 + 15 * (i // 5)
        if i % 2 == 0:
            ring = np.column_stack([x + 6 * np.cos(CIRCLE), y + 6 * np.sin(CIRCLE)])
            contours.append(Contour(points=ring, label=f"Nodule 0.{90 - i} (finding {i + 1}, right upper zone)"))
        else:
            markers.append(Marker(x=x, y=y, label=f"Mass 0.{80 - i} (finding {i + 1}, right upper zone)", size=12))
    pane.overlays.add(ContourLayer(id="t.nodules", name="nodules", contours=contours))
    pane.overlays.add(MarkerLayer(id="t.masses", name="masses", markers=markers))

    def targets() -> dict:
        pane.viewbox.updateMatrix()
        labels = {label.textItem.toPlainText(): label for label in pane.labels()}
        found = {labels[c.label]: _along([_scene(pane, *p) for p in c.points], closed=True) for c in contours}
        for m in markers:  # the marker's ring, 6 screen pixels round it, and the label's clearance of 1
            cx, cy = _scene(pane, m.x, m.y)
            found[labels[m.label]] = _along([(cx + 7 * math.cos(a), cy + 7 * math.sin(a)) for a in CIRCLE], True)
        return found

    pane.layout_labels()
    _check(pane, targets())
    send_wheel(pane.viewport(), widget_point(pane, 360, 270), 1)  # a zoom step places them all again
    _check(pane, targets())


def test_twenty_crowded_distances_labels_do_not_overlap(window, tmp_path, qtbot):
    """Twenty 10 mm distances drawn by real drags in a 115×100 film-pixel block; their labels read alike."""
    pane = _open(window, tmp_path)
    for i in range(20):
        x, y = 300 + 15 * (i % 5), 220 + 14 * (i // 5)
        draw_distance(window, qtbot, (x, y), (x + 40, y + 30))
    assert len(pane.measure.measurements) == 20
    pane.viewbox.updateMatrix()
    _check(pane, {m.label: _along([_scene(pane, p.x(), p.y()) for line in m.lines for p in line], closed=False)
                  for m in pane.measure.measurements})

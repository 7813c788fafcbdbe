"""A label the layout moves away from what it names is joined to it by a leader line.

Review found six ROIs drawn close together with an angle beside them: the layout moved one ROI label clear of the
others to the far left, about 150 screen pixels from its ellipse and nearer other ellipses, with nothing to say
which ellipse it named; the six labels read almost alike. Every label farther than 12 screen pixels from its
outline must now have a visible leader from its box's edge to the outline's nearest point, and a label beside what
it names none. Distances here are worked out independently of the viewer's geometry: each outline sampled every
quarter pixel in scene coordinates (screen pixels)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from cxr_viewer.plugin_api import Contour, ContourLayer
from tests import dicom_factory
from tests.gui.conftest import drag, send_wheel, widget_point

pytestmark = pytest.mark.gui

Key = QtCore.Qt.Key
LEFT = QtCore.Qt.MouseButton.LeftButton
FAR, NEAR = 12.0 + 1.0, 12.0 - 1.0  # the leader threshold, with a pixel either side for rounding


def _drag(qtbot, pane, start: tuple[float, float], end: tuple[float, float]) -> None:
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # two drags are not a double click
    drag(qtbot, pane.viewport(), widget_point(pane, *start), widget_point(pane, *end), LEFT)


@pytest.fixture
def crowded(window, tmp_path, qtbot):
    """The review's case: an 800×600 CR at 0.2 mm, six overlapping ROIs (E) and an angle (G) beside them."""
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=600, cols=800, spacing=0.2)])
    pane = window.layout_panes.primary
    pane.setFocus()
    qtbot.keyClick(pane, Key.Key_E)
    for i in range(6):
        _drag(qtbot, pane, (100 + 40 * i, 100 + 20 * i), (220 + 40 * i, 200 + 20 * i))
    qtbot.keyClick(pane, Key.Key_G)
    _drag(qtbot, pane, (600, 400), (500, 400))
    _drag(qtbot, pane, (500, 400), (560, 330))
    assert len(pane.measure.measurements) == 7
    return pane


def _samples(points: list[QtCore.QPointF], closed: bool) -> np.ndarray:
    """Points every quarter pixel along the polyline through ``points``."""
    pairs = list(zip(points, points[1:] + points[:1] if closed else points[1:]))
    found = [np.linspace((a.x(), a.y()), (b.x(), b.y()), max(2, int(math.dist((a.x(), a.y()), (b.x(), b.y())) * 4)))
             for a, b in pairs]
    return np.concatenate(found)


def _distance_to_rect(samples: np.ndarray, rect: QtCore.QRectF) -> np.ndarray:
    dx = np.maximum(np.maximum(rect.left() - samples[:, 0], samples[:, 0] - rect.right()), 0)
    dy = np.maximum(np.maximum(rect.top() - samples[:, 1], samples[:, 1] - rect.bottom()), 0)
    return np.hypot(dx, dy)


def _leaders(label) -> list[QtCore.QLineF]:
    """The label's leader, if drawn, in scene coordinates."""
    item = getattr(label, "leader", None)
    if item is None or not item.isVisible() or item.scene() is None or item.effectiveOpacity() == 0:
        return []
    return [QtCore.QLineF(item.mapToScene(item.line().p1()), item.mapToScene(item.line().p2()))]


def _check(pane, outlines: dict) -> tuple[int, int]:
    """Each visible label: a leader touching its box and its outline when it is farther than the threshold, none
    when it is beside it. Returns how many labels were far and how many near."""
    pane.viewbox.updateMatrix()
    far = near = 0
    for label, samples in outlines.items():
        if label.opacity() == 0:  # out of view: hidden, nothing to join
            continue
        box = label.textItem.mapRectToScene(label.textItem.boundingRect())
        gap = _distance_to_rect(samples, box).min()
        leaders = _leaders(label)
        name = label.textItem.toPlainText().replace("\n", " ")
        if gap > FAR:
            far += 1
            assert len(leaders) == 1, f"label {name!r} is {gap:.0f} px from what it names, with no leader"
            line = leaders[0]
            on_box = _distance_to_rect(np.array([[line.x1(), line.y1()]]), box)[0]
            inside = box.adjusted(1, 1, -1, -1).contains(line.p1())
            assert on_box <= 1 and not inside, f"{name!r}: leader starts at {line.p1()}, not on its box {box}"
            to_item = np.hypot(samples[:, 0] - line.x2(), samples[:, 1] - line.y2()).min()
            assert to_item <= 1, f"{name!r}: leader ends {to_item:.1f} px from its outline"
            assert line.length() <= gap + 1, f"{name!r}: leader {line.length():.0f} px for a {gap:.0f} px gap"
        elif gap < NEAR:
            near += 1
            assert not leaders, f"label {name!r} {gap:.0f} px from what it names has a leader"
    return far, near


def _measured(pane) -> dict:
    image = pane.image_item
    return {m.label: _samples([image.mapToScene(p) for line in m.lines for p in line], closed=False)
            for m in pane.measure.measurements}


def test_labels_moved_off_their_rois_have_leaders_and_labels_beside_them_none(crowded):
    far, near = _check(crowded, _measured(crowded))
    assert far >= 1 and near >= 1, f"{far} labels far and {near} near: the case no longer tests both"


def test_leaders_follow_a_zoom_and_a_turn_and_go_with_their_roi(crowded, qtbot):
    send_wheel(crowded.viewport(), widget_point(crowded, 300, 200), 2)
    far, _near = _check(crowded, _measured(crowded))
    assert far >= 1, "no label was far after the zoom: the case no longer tests the leader's move"
    qtbot.keyClick(crowded, Key.Key_T)  # a quarter turn: the leaders are worked out on screen, not in the image
    assert crowded.rotation != 0
    _check(crowded, _measured(crowded))
    gone = crowded.measure.measurements[0]
    crowded.measure.select(gone)
    qtbot.keyClick(crowded, Key.Key_Delete)
    assert gone.label.scene() is None and gone.label.leader.scene() is None


def test_a_findings_label_moved_off_its_outline_has_a_leader_to_the_outline(window, tmp_path):
    """Five findings' outlines close together: the later labels are pushed off theirs, and join them again."""
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=600, cols=800, spacing=0.2)])
    pane = window.layout_panes.primary
    angles = np.linspace(0, 2 * np.pi, 40, endpoint=False)
    rings = [np.column_stack([300 + 25 * i + 60 * np.cos(angles), 250 + 12 * i + 50 * np.sin(angles)])
             for i in range(5)]
    pane.overlays.add(ContourLayer(id="t.findings", name="findings", contours=[
        Contour(points=ring, label=f"Nodule 0.{90 - i} (finding {i + 1})", color="#ff8800")
        for i, ring in enumerate(rings)]))
    pane.layout_labels()
    pane.viewbox.updateMatrix()
    labels = {label.textItem.toPlainText(): label for label in pane.labels()}
    outlines = {labels[f"Nodule 0.{90 - i} (finding {i + 1})"]:
                _samples([pane.image_item.mapToScene(QtCore.QPointF(x, y)) for x, y in ring], closed=True)
                for i, ring in enumerate(rings)}
    far, near = _check(pane, outlines)
    assert far >= 1 and near >= 1, f"{far} labels far and {near} near: the case no longer tests both"

"""Overlay labels against what the viewer draws over the film: the corner text and edge letters (widgets over the
scene, which hide any label under them), and a frame round the whole film such as the AI plugin's
"bone-suppressed image" box. Geometry is measured in scene coordinates (screen pixels of the pane)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore

from cxr_viewer.plugin_api import BoxLayer, Contour, ContourLayer
from tests import dicom_factory

pytestmark = pytest.mark.gui

FRAME_TEXT = "AI BONE-SUPPRESSED IMAGE, not the original film"  # as the AI plugin labels its frame
ROWS, COLS = 1000, 850


@pytest.fixture
def film(window, tmp_path):
    """A portrait chest-sized film with orientation letters, so all four corners and four letters are shown."""
    window.resize(1200, 850)
    window.open_paths([dicom_factory.make_cr(tmp_path / "film.dcm", rows=ROWS, cols=COLS, spacing=0.3,
                                             PatientOrientation=["L", "F"], PatientName="DOE^JANE")])
    return window.layout_panes.primary


def _frame(pane) -> None:
    pane.overlays.add(BoxLayer(id="ai.bone_label", name="frame", color="#ffb000",
                               boxes=[(0.0, 0.0, float(COLS), float(ROWS), FRAME_TEXT)]))


def _ring(x: float, y: float, radius: float = 10.0) -> np.ndarray:
    angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
    return np.column_stack([x + radius * np.cos(angles), y + radius * np.sin(angles)])


def _show_at(pane, x: float, y: float, zoom: float, screen: float) -> None:
    """Zoom to ``zoom`` × 1:1 with image point (x, y) ``screen`` pixels right of and below the view's top-left."""
    scale = zoom * pane.viewbox.one_to_one_zoom()
    view = pane.viewbox.sceneBoundingRect()
    pane.center_on(x + (view.width() / 2 - screen) / scale, y + (view.height() / 2 - screen) / scale, zoom=scale)


def _label_rects(pane) -> dict[str, QtCore.QRectF]:
    pane.viewbox.updateMatrix()
    return {label.textItem.toPlainText(): label.textItem.mapRectToScene(label.textItem.boundingRect())
            for label in pane.labels()}


def _covering_text(pane) -> list[QtCore.QRectF]:
    """The corner texts and edge letters shown, in scene coordinates."""
    widgets = [*pane.corners.labels.values(), *pane.corners.edges.labels.values()]
    return [pane.mapToScene(widget.geometry()).boundingRect() for widget in widgets if widget.isVisible()]


def _assert_clear_of_text(pane) -> None:
    texts = _covering_text(pane)
    assert texts, "no corner text shown: the test would prove nothing"
    for name, rect in _label_rects(pane).items():
        hidden = [text for text in texts if rect.intersects(text)]
        assert not hidden, f"label {name!r} at {rect} lies under the corner text or an edge letter at {hidden}"


@pytest.mark.parametrize("zoom", [1.0, 3.0])
def test_a_film_frames_label_is_not_under_the_corner_text_when_zoomed_in(film, zoom):
    _frame(film)
    _show_at(film, 0, 0, zoom, -10)  # the frame's top-left corner just past the view's: its usual spot is clamped
    _assert_at_top_or_bottom(film)
    _assert_clear_of_text(film)


def test_a_film_frames_label_at_fit_is_at_the_top_or_bottom_not_over_the_lungs(film):
    _frame(film)
    film.fit()
    _assert_at_top_or_bottom(film)
    _assert_clear_of_text(film)


def _assert_at_top_or_bottom(pane) -> None:
    """Beside the frame's middle the label had lain across a lung (its lateral edge at fit)."""
    (rect,) = _label_rects(pane).values()
    view = pane.viewbox.sceneBoundingRect()
    band = QtCore.QRectF(view.left(), view.top() + view.height() / 4, view.width(), view.height() / 2)
    assert not rect.intersects(band), f"the frame's label {rect} lies over the middle of the view {band}"


def test_a_finding_label_stays_beside_its_outline_inside_a_framed_film(film, window, qtbot):
    """In 1×2 the film is letterboxed: counting the whole frame as a thing to avoid had sent the label of a
    finding near the film's top off the film, a label height or two away from its outline."""
    window.resize(900, 1000)  # tall narrow panes: the fitted film fills the width, not half the height
    window.set_layout("1x2")
    qtbot.waitUntil(lambda: film.viewbox.sceneBoundingRect().height() > 2 * film.viewbox.sceneBoundingRect().width())
    film.fit()
    _frame(film)
    film.overlays.add(ContourLayer(id="ai.contours", name="findings",
                                   contours=[Contour(_ring(425, 40), label="#1 0.61", color="#33ff66")]))
    film.viewbox.updateMatrix()
    (label,) = [item for item in film.labels() if item.textItem.toPlainText() == "#1 0.61"]
    box = label.parentItem().mapRectToScene(label.box)
    rect = _label_rects(film)["#1 0.61"]
    apart = max(box.top() - rect.bottom(), rect.top() - box.bottom(), box.left() - rect.right(),
                rect.left() - box.right())
    assert apart <= 3, f"the label {rect} is {apart:.0f} px from its outline {box}"


def test_labels_move_off_the_corner_text_when_o_shows_it_again(film, qtbot):
    qtbot.keyClick(film, QtCore.Qt.Key.Key_O)  # corner text off: the label may take the corner
    assert not _covering_text(film)
    film.overlays.add(ContourLayer(id="ai.contours", name="findings",
                                   contours=[Contour(_ring(100, 100, 2), label="#1 0.61", color="#33ff66")]))
    _show_at(film, 100, 100, 3.0, 40)  # the finding under where the top-left corner text goes
    qtbot.keyClick(film, QtCore.Qt.Key.Key_O)
    _assert_clear_of_text(film)


def test_a_label_wider_than_a_narrow_pane_is_wrapped_not_cut_off(film, window, qtbot):
    window.resize(700, 850)  # 1×2 in a small window: each pane narrower than the frame's one-line label
    window.set_layout("1x2")
    _frame(film)
    film.fit()
    view = film.viewbox.sceneBoundingRect()
    (rect,) = _label_rects(film).values()
    assert view.width() < 300 and view.contains(rect), f"the label {rect} runs out of the view {view}"
    window.set_layout("1x1")  # room again: back on one line
    qtbot.waitUntil(lambda: _label_rects(film)[FRAME_TEXT].height() < rect.height())

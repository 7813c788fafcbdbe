"""What a reader must be able to read on screen: overlay and measurement labels clear of each other and inside the
view, marker labels beside their ring, corner texts that never run into each other, label boxes dark enough on a
bright film, a heat map whose faint values barely tint the film, and docks that leave a small window's film room."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore

from cxr_viewer.gui.label_item import LABEL_FILL
from cxr_viewer.gui.label_layout import LabelRequest, place_labels
from cxr_viewer.gui.layer_luts import heatmap_lut
from cxr_viewer.plugin_api import Contour, ContourLayer, HeatmapLayer, Marker, MarkerLayer
from tests import dicom_factory
from tests.gui.conftest import drag, widget_point

pytestmark = pytest.mark.gui

def _overlap(a, b) -> float:
    width, height = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


# --- the placement rule, headless ----------------------------------------------------------------------------------
def test_labels_whose_usual_spots_collide_are_moved_apart():
    twins = [LabelRequest(60, 16, (100, 100, 110, 110), 100), LabelRequest(60, 16, (104, 104, 114, 114), 104)]
    first, second = place_labels(twins, (0, 0, 500, 500))
    assert first == (100, 82, 160, 98)  # the first keeps the usual place: above, starting at its anchor
    assert _overlap(first, second) == 0
    assert all(_overlap(rect, request.box) == 0 for rect in (first, second) for request in twins)


def test_a_label_at_the_edge_of_the_view_is_kept_inside_it():
    (rect,) = place_labels([LabelRequest(80, 16, (480, 5, 495, 20), 488)], (0, 0, 500, 500))
    assert 0 <= rect[0] and rect[2] <= 500 and 0 <= rect[1] and rect[3] <= 500
    assert _overlap(rect, (480, 5, 495, 20)) == 0


def test_labels_keep_off_the_avoided_corner_text():
    (rect,) = place_labels([LabelRequest(60, 16, (10, 30, 20, 40), 10)], (0, 0, 500, 500), avoid=[(0, 0, 150, 28)])
    assert _overlap(rect, (0, 0, 150, 28)) == 0


def test_a_label_moves_off_a_measurement_line_through_its_usual_spot():
    request = LabelRequest(60, 16, (100, 100, 110, 110), 100)
    (usual,) = place_labels([request], (0, 0, 500, 500))
    line = (50, (usual[1] + usual[3]) / 2, 300, (usual[1] + usual[3]) / 2)  # straight through the usual spot
    (rect,) = place_labels([request], (0, 0, 500, 500), lines=[line])
    assert not rect[1] <= line[1] <= rect[3], f"{rect} still lies on the line at y={line[1]}"
    assert _overlap(rect, request.box) == 0


def test_a_label_whose_box_is_out_of_view_is_not_placed():
    inside, outside = LabelRequest(60, 16, (100, 100, 110, 110), 100), LabelRequest(60, 16, (600, 100, 610, 110), 600)
    line_end = LabelRequest(60, 16, (500, 300, 500, 300), 500)  # zero size, on the edge: still in view
    first, second, third = place_labels([inside, outside, line_end], (0, 0, 500, 500))
    assert first is not None and second is None and third is not None


# --- in the pane ---------------------------------------------------------------------------------------------------
def _ring(x: float, y: float, radius: float) -> np.ndarray:
    angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
    return np.column_stack([x + radius * np.cos(angles), y + radius * np.sin(angles)])


def _screen_rects(pane) -> list[QtCore.QRectF]:
    pane.viewbox.updateMatrix()
    return [label.textItem.mapRectToScene(label.textItem.boundingRect()) for label in pane.labels()]


@pytest.fixture
def film(window, tmp_path):
    """A 1000×1000 film in a small window: at fit zoom, labels are large compared with the anatomy."""
    window.resize(700, 500)
    window.open_paths([dicom_factory.make_cr(tmp_path / "film.dcm", rows=1000, cols=1000, spacing=0.2)])
    return window.layout_panes.primary


@pytest.mark.parametrize("keys", ["", "T", "TH", "V"])
def test_finding_labels_in_a_small_pane_neither_overlap_nor_leave_the_view(film, qtbot, keys):
    contours = [Contour(_ring(x, y, 8), label=f"#{i + 1} 0.{70 - i}", color="#33ff66")
                for i, (x, y) in enumerate([(300, 400), (330, 420), (310, 450), (985, 30)])]
    film.overlays.add(ContourLayer(id="ai.contours", name="findings", contours=contours))
    qtbot.waitUntil(lambda: len(film.labels()) == 4)
    for key in keys:  # rotated and flipped, the labels stay upright and are placed again
        qtbot.keyClick(film, getattr(QtCore.Qt.Key, f"Key_{key}"))
    rects = _screen_rects(film)
    assert all(rect.width() > rect.height() for rect in rects)
    view = film.viewbox.sceneBoundingRect()
    for i, rect in enumerate(rects):
        assert view.contains(rect), f"label {i + 1} leaves the view: {rect} outside {view}"
        for other in rects[i + 1:]:
            assert not rect.intersects(other), "two finding labels overlap"


def test_a_labels_layout_follows_zoom(film, qtbot):
    contours = [Contour(_ring(x, 500, 6), label=f"#{i + 1} 0.5{i}") for i, x in enumerate((480, 500))]
    film.overlays.add(ContourLayer(id="ai.contours", name="findings", contours=contours))
    crowded = _screen_rects(film)
    assert not crowded[0].intersects(crowded[1])
    film.center_on(490, 500, zoom=8.0)  # close up there is room above each outline: both go back to it
    first, second = _screen_rects(film)
    tops = [label.parentItem().mapRectToScene(label.box).top() for label in film.labels()]
    assert first.bottom() <= tops[0] and second.bottom() <= tops[1]


def test_labels_of_findings_out_of_view_are_hidden_until_they_come_back(film, qtbot):
    contours = [Contour(_ring(x, 500, 8), label=f"#{i + 1} 0.5{i}") for i, x in enumerate((100, 900))]
    film.overlays.add(ContourLayer(id="ai.contours", name="findings", contours=contours))
    left, right = film.labels()
    film.center_on(100, 500, zoom=4.0)  # finding 2 is far off to the right
    assert left.opacity() == 1.0 and right.opacity() == 0.0
    film.fit()
    assert left.opacity() == right.opacity() == 1.0


def test_the_topmost_layers_labels_choose_first(film):
    """A reader's mark over an AI finding: the mark's rating takes the usual spot, the AI's label moves."""
    film.overlays.add(ContourLayer(id="ai.contours", name="findings", contours=[Contour(_ring(500, 500, 12), "AI 0.9")]))
    film.overlays.add(MarkerLayer(id="study.marks", name="marks", markers=[Marker(498, 502, "1: 4", size=12.0)]))
    assert [label.textItem.toPlainText() for label in film.labels()] == ["1: 4", "AI 0.9"]


def test_a_marker_label_sits_beside_its_ring_not_over_it(film):
    film.overlays.add(MarkerLayer(id="study.marks", name="marks", markers=[Marker(500, 500, "1: 4", size=20.0)]))
    film.viewbox.updateMatrix()
    (label,) = film.labels()
    centre = film.image_item.mapToScene(QtCore.QPointF(500, 500))
    ring = QtCore.QRectF(centre.x() - 10, centre.y() - 10, 20, 20)
    assert not _screen_rects(film)[0].intersects(ring)


def test_a_measurement_label_keeps_clear_of_a_finding_label(film, qtbot):
    film.overlays.add(ContourLayer(id="ai.contours", name="findings",
                                   contours=[Contour(_ring(400, 500, 8), label="#1 0.74")]))
    qtbot.keyClick(film, QtCore.Qt.Key.Key_M)
    drag(qtbot, film.viewport(), widget_point(film, 250, 492), widget_point(film, 400, 492),
         QtCore.Qt.MouseButton.LeftButton)
    finding, measurement = _screen_rects(film)
    assert film.labels()[-1] is film.measure.measurements[0].label  # findings' labels choose first
    assert not finding.intersects(measurement)


def test_a_finding_label_keeps_off_a_measurement_line_drawn_where_it_sat(film, qtbot):
    film.overlays.add(ContourLayer(id="ai.contours", name="findings",
                                   contours=[Contour(_ring(400, 500, 8), label="#1 0.74")]))
    (usual,) = _screen_rects(film)
    line_y = film.image_item.mapFromScene(usual.center()).y()
    qtbot.keyClick(film, QtCore.Qt.Key.Key_M)
    drag(qtbot, film.viewport(), widget_point(film, 100, line_y), widget_point(film, 900, line_y),
         QtCore.Qt.MouseButton.LeftButton)
    (finding,) = [rect for rect, label in zip(_screen_rects(film), film.labels())
                  if label.textItem.toPlainText() == "#1 0.74"]
    line = film.measure.measurements[0].line
    assert not finding.intersects(line.mapRectToScene(line.boundingRect())), "the finding's label hides the line"


def test_label_boxes_stay_dark_on_a_white_film(window, tmp_path):
    """Coloured text on a half-transparent box turns into coloured text on mid-grey over bone."""
    white = np.full((200, 200), 4000, np.uint16)
    window.open_paths([dicom_factory.make_cr(tmp_path / "white.dcm", rows=200, cols=200, pixels=white)])
    pane = window.layout_panes.primary
    pane.set_window(2000, 4000)
    pane.overlays.add(MarkerLayer(id="m", name="m", markers=[Marker(100, 100, "MMMMMMMM", "#ffb000")]))
    rect = _screen_rects(pane)[0].toRect()
    picture = pane.grab().toImage()
    sample = picture.pixelColor(rect.left() + 2, rect.bottom() - 1)  # padding inside the box, under no glyph
    assert LABEL_FILL[3] >= 200 and max(sample.red(), sample.green(), sample.blue()) < 70


# --- corner text ---------------------------------------------------------------------------------------------------
def test_corner_texts_of_a_narrow_pane_do_not_run_into_each_other(window, tmp_path, qtbot):
    long_id = "16d7f894-55d7-4d95-8957-d18987f0e981"
    path = dicom_factory.make_cr(tmp_path / ("1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819" + ".dcm"),
                                 rows=100, cols=100, PatientName=long_id, PatientID=long_id, StudyDate="19010101")
    window.resize(800, 500)
    window.open_paths([path])
    window.set_layout("1x2")
    pane = window.layout_panes.primary
    pane.refresh_text()
    labels = pane.corners.labels
    for top, bottom in (("top_left", "top_right"), ("bottom_left", "bottom_right")):
        left, right = labels[top].geometry(), labels[bottom].geometry()
        assert left.right() < right.left(), f"{top} runs into {bottom}"
    assert "…" in labels["top_left"].text() and pane.corners.texts["top_left"] == f"{long_id}\n{long_id}"
    assert labels["bottom_right"].text().endswith(".dcm\nImage 1/1  Study 1/1")  # the extension stays readable
    window.resize(560, 500)  # too narrow for the window text and the file side by side: one moves a row up
    qtbot.waitUntil(lambda: pane.width() < 200)
    pane.corners.place()
    shown = [label.geometry() for label in labels.values() if label.isVisible()]
    assert len(shown) == 4 and not any(a.intersects(b) for i, a in enumerate(shown) for b in shown[i + 1:])
    assert "…" not in labels["bottom_left"].text() and pane.window_text() in labels["bottom_left"].text()


# --- heat map ------------------------------------------------------------------------------------------------------
def test_a_ramped_heat_map_barely_tints_faint_values_and_shows_strong_ones():
    layer = HeatmapLayer(id="h", name="h", transparent_below=0.05, opaque_from=0.5)
    alpha = heatmap_lut(layer)[:, 3].astype(int)
    assert alpha[: int(0.05 * 256)].max() == 0
    assert alpha[int(0.15 * 256)] < 0.25 * 255 and alpha[int(0.5 * 256)] == 255 and alpha[-1] == 255
    assert np.all(np.diff(alpha) >= 0)
    flat = heatmap_lut(HeatmapLayer(id="h", name="h", transparent_below=0.05))[:, 3]
    assert set(flat[int(0.05 * 256) + 1:]) == {255}  # without the ramp: opaque above the cut, as before


# --- docks ---------------------------------------------------------------------------------------------------------
def test_a_small_window_leaves_most_of_its_width_to_the_film(qtbot):
    from cxr_viewer.gui.main_window import MainWindow
    from cxr_viewer.settings import Settings

    window = MainWindow(settings=Settings(), load_plugins=False, with_browser=True)
    qtbot.addWidget(window)
    window.resize(1024, 700)  # before it is first shown, as the screenshot mode and a restored window do
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.centralWidget().width() >= 0.4 * window.width())  # was 0.29: fixed dock widths


def _placeholder_whole(field) -> bool:
    """Whether ``field`` draws its whole placeholder: its pixels, frame aside, are those of a wide field with the
    same placeholder in the same widget (same font, style and palette), where nothing is cut."""
    from PySide6 import QtWidgets

    wide = QtWidgets.QLineEdit(field.parentWidget(), placeholderText=field.placeholderText())
    wide.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
    wide.setGeometry(0, 0, field.width() + 200, field.height())
    wide.show()
    try:
        shown, whole = field.grab().toImage(), wide.grab().toImage()
    finally:
        wide.deleteLater()
    inside = QtCore.QRect(0, 0, field.width() - 4, field.height())  # the right-hand frame differs, not the text
    return shown.copy(inside) == whole.copy(inside)


def test_the_study_filter_placeholders_are_whole_in_a_narrow_studies_dock(make_window, qtbot):
    """The three filter fields shared a narrow dock's width equally: "from YYYYMMDD" read "from YYYY…" and
    "to YYYYMMDD" "to YYYYMM…", so the date format was lost at the dock's default and minimum widths."""
    window = make_window(with_browser=True)
    window.resize(1400, 900)  # the viewer's own size, so the dock takes its default width (a fifth, at most 330)
    dock, browser = window.docks["browser"], window.browser
    browser.table.setFocus()  # no text cursor nor focus frame in the fields compared
    for width in (330, 1):  # the widest default, then as narrow as the dock goes
        window.resizeDocks([dock], [width], QtCore.Qt.Orientation.Horizontal)
        qtbot.waitUntil(lambda: dock.width() == max(width, dock.minimumSizeHint().width()))
        for field in (browser.date_from, browser.date_to, browser.modality, browser.text):
            assert not field.hasFocus()
            assert _placeholder_whole(field), f"{field.placeholderText()!r} is cut at {field.width()} px in a " \
                                              f"{dock.width()} px dock"

"""Linked zoom/pan with a prior from another detector: a different matrix and pixel spacing.

Today's film is 400×300 at 0.15 mm, the prior 150×150 at 0.4 mm (another room's detector): the same chest in
pixel grids of different sizes. Linking the panes by image pixel put the prior's pixel (x, y) where today's pixel
(x, y) was, so the prior shrank to a small picture in a corner of its black pane, and a zoom on today's right lung
showed the prior's left edge or nothing. Linked, the two follow each other relative to their own films: fitted
with fitted, the same share of each film in the middle of its pane, the same magnification of each fitted size.
"""

from __future__ import annotations

import pytest
from PySide6 import QtCore

from tests import dicom_factory
from tests.gui.conftest import drag, send_wheel, widget_point

pytestmark = pytest.mark.gui


def _centre_share(pane) -> tuple[float, float]:
    """Where the middle of the pane falls on the film, as shares of its width and height."""
    rows, cols = pane.image.shape
    middle = pane.viewport().rect().center()
    point = pane.image_point_at(pane.mapToScene(middle))
    return point.x() / cols, point.y() / rows


def _zoom_over_fit(pane) -> float:
    """The magnification relative to the fitted film (1.0: fitted)."""
    rows, cols = pane.image.shape
    return pane.zoom / min(pane.viewbox.width() / cols, pane.viewbox.height() / rows)


def test_a_linked_prior_of_another_matrix_size_shows_the_same_part_of_the_chest(window, tmp_path, qtbot):
    dicom_factory.make_cr(tmp_path / "today.dcm", rows=400, cols=300, spacing=0.15, StudyInstanceUID="1.2.3.1",
                          StudyDate="20240510")
    dicom_factory.make_cr(tmp_path / "prior.dcm", rows=150, cols=150, spacing=0.4, monochrome1=True,
                          StudyInstanceUID="1.2.3.2", StudyDate="20230101")
    window.open_paths([tmp_path / "today.dcm", tmp_path / "prior.dcm"])
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert second.image.path.name == "prior.dcm"
    window.actions["link_view"].trigger()
    assert _zoom_over_fit(second) == pytest.approx(1.0, rel=0.02)  # the whole prior, fitted like today's film
    assert _centre_share(second) == pytest.approx((0.5, 0.5), abs=0.01)

    for _ in range(8):  # zoom in on today's right lung (the film's left third, upper half)
        send_wheel(first.viewport(), widget_point(first, 80, 150), 1)
    assert _zoom_over_fit(first) > 2
    assert _zoom_over_fit(second) == pytest.approx(_zoom_over_fit(first), rel=0.02)
    assert _centre_share(second) == pytest.approx(_centre_share(first), abs=0.01)

    drag(qtbot, first.viewport(), widget_point(first, 80, 150), widget_point(first, 120, 170),
         QtCore.Qt.MouseButton.LeftButton)  # a pan follows too
    assert _centre_share(second) == pytest.approx(_centre_share(first), abs=0.01)
    for _ in range(3):  # and the prior leads as well
        send_wheel(second.viewport(), widget_point(second, 75, 75), -1)
    assert _zoom_over_fit(first) == pytest.approx(_zoom_over_fit(second), rel=0.02)
    assert _centre_share(first) == pytest.approx(_centre_share(second), abs=0.01)


def test_an_empty_comparison_pane_does_not_drag_the_current_film_through_the_link(window, tmp_path, qtbot):
    """Bob has no prior, Ann has one. With 1×2 on Bob's film the comparison pane is empty; linking zoom/pan let its
    auto-range to an empty picture lead the current film: Bob's film jumped to 516× (a black pane). It stays fitted,
    and so does Ann's film, with her prior following it, and Bob's again."""
    dicom_factory.make_cr(tmp_path / "bob.dcm", rows=400, cols=300, PatientID="B2", StudyInstanceUID="1.2.3.3",
                          StudyDate="20240511")
    dicom_factory.make_cr(tmp_path / "ann.dcm", rows=400, cols=300, PatientID="A1", StudyInstanceUID="1.2.3.1",
                          StudyDate="20240510")
    dicom_factory.make_cr(tmp_path / "ann_prior.dcm", rows=150, cols=150, PatientID="A1", StudyInstanceUID="1.2.3.2",
                          StudyDate="20230101")
    window.open_paths([tmp_path / "bob.dcm", tmp_path / "ann.dcm", tmp_path / "ann_prior.dcm"])
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, QtCore.Qt.Key.Key_2, modifier=QtCore.Qt.KeyboardModifier.ControlModifier)
    assert second.image is None  # Bob: nothing to compare
    window.actions["link_view"].trigger()
    qtbot.wait(50)  # the empty pane's auto-range runs from the event loop
    assert _zoom_over_fit(first) == pytest.approx(1.0, rel=0.02)
    qtbot.keyClick(first, QtCore.Qt.Key.Key_Down)  # Ann, with her prior
    assert second.image.path.name == "ann_prior.dcm"
    assert _zoom_over_fit(first) == pytest.approx(1.0, rel=0.02)
    assert _zoom_over_fit(second) == pytest.approx(1.0, rel=0.02)
    qtbot.keyClick(first, QtCore.Qt.Key.Key_Up)  # Bob again
    qtbot.wait(50)
    assert second.image is None and _zoom_over_fit(first) == pytest.approx(1.0, rel=0.02)

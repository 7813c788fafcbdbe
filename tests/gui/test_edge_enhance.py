"""Edge enhancement (S) in a real window offscreen on CRs written with pydicom: it changes the picture only.

The film has a vertical step, stored 100 left of column 200 and 600 from it on (Rescale Slope 2, Intercept -100:
modality 100 and 1100), with one pixel at 0 and one at 1000 far from the step so the sharpened edge has room to
overshoot inside the film's range. What reads values (the readout, an ROI, the plugins) must read the file's.
"""

from __future__ import annotations

import gc

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from cxr_viewer.core.edge_enhance import STRENGTHS
from cxr_viewer.core.loader import load_image
from cxr_viewer.gui import window_level
from cxr_viewer.gui.edge_films import EDGE_FILMS, EdgeFilms
from cxr_viewer.gui.window_level import DisplayPipeline
from cxr_viewer.plugin_api.bound_host import BoundHost
from tests import dicom_factory
from tests.gui.conftest import drag, open_at_one_to_one, widget_point

pytestmark = pytest.mark.gui

Key = QtCore.Qt.Key


def _pixels() -> np.ndarray:
    pixels = np.full((300, 400), 100, np.uint16)
    pixels[:, 200:] = 600
    pixels[0, 0], pixels[299, 399] = 0, 1000
    return pixels


@pytest.fixture
def films(tmp_path):
    return [dicom_factory.make_cr(tmp_path / f"{name}.dcm", rows=300, cols=400, spacing=0.2, pixels=_pixels(),
                                  RescaleSlope=2, RescaleIntercept=-100) for name in "ab"]


def _picture(pane) -> np.ndarray:
    return np.array(pane.image_item.image, copy=True)


def _press_s(qtbot, pane, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(pane, Key.Key_S)


def test_s_cycles_the_strengths_and_the_corner_says_which(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    plain, corner = _picture(pane), pane.corners
    seen = []
    for _ in range(4):
        _press_s(qtbot, pane)
        seen.append((pane.window_text().rsplit("  ", 1)[-1], window.statusBar().currentMessage()))
        assert pane.window_text() in "\n".join(label.text() for label in corner.labels.values())
    assert seen[:3] == [("Edge +1", "Edge enhancement +1"), ("Edge +2", "Edge enhancement +2"),
                        ("Edge +3", "Edge enhancement +3")]
    assert seen[3][1] == "Edge enhancement off" and "Edge" not in pane.window_text()
    assert np.array_equal(_picture(pane), plain)  # off again is the plain picture


def test_the_picture_is_sharpened_but_readout_roi_and_plugins_read_the_file(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    pane.set_window(950, 2200)  # -150 … 2050: the overshoot beside the step is not cut off by the window
    plain = _picture(pane)
    pane.scene().sigMouseMoved.emit(pane.mapToScene(widget_point(pane, 198.5, 150.5)))
    readout_off = window.cursor_label.text()
    _press_s(qtbot, pane, 3)
    shown = _picture(pane)
    assert shown[150, 199] < plain[150, 199] and shown[150, 200] > plain[150, 200]  # dark side darker, bright brighter
    assert shown[150, 50] == plain[150, 50]  # far from the step the film is as it was
    pane.scene().sigMouseMoved.emit(pane.mapToScene(widget_point(pane, 198.5, 150.5)))
    assert window.cursor_label.text() == readout_off and "100" in readout_off
    qtbot.keyClick(pane, Key.Key_E)
    qtbot.wait(QtGui.QGuiApplication.styleHints().mouseDoubleClickInterval() + 50)
    drag(qtbot, pane.viewport(), widget_point(pane, 150, 100), widget_point(pane, 250, 200),
         QtCore.Qt.MouseButton.LeftButton)
    (roi,) = [m.text for m in pane.measure.measurements]
    assert "min 100 max 1100" in roi  # the file's values on both sides, no overshoot
    film = BoundHost(window.host, "cxr_ai", ["cxr_ai"]).current_image()  # what a plugin (the AI) is given
    assert np.array_equal(film.stored, _pixels()) and film.modality[150, 199] == 100


def test_window_level_after_s_reuses_the_one_sharpened_copy(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    _press_s(qtbot, pane, 2)
    computed, sharp = EDGE_FILMS.computed, pane.pipeline.image
    for step in range(5):
        pane.set_window(600 + 20 * step, 1000)
    qtbot.keyClick(pane, Key.Key_I)
    assert EDGE_FILMS.computed == computed and pane.pipeline.image is sharp and "Edge +2" in pane.window_text()


def test_kept_on_the_next_film_and_r_turns_it_off(window, films, qtbot):
    pane = open_at_one_to_one(window, qtbot, films)
    _press_s(qtbot, pane)
    window.opener.step_image(1)
    assert pane.image.path == films[1] and "Edge +1" in pane.window_text()
    assert pane.pipeline.image is not pane.image  # the new film shown sharpened
    qtbot.keyClick(pane, Key.Key_R)
    assert "Edge" not in pane.window_text() and pane.pipeline.image is pane.image


def test_in_1x2_it_follows_the_link_window_rule(window, films, qtbot):
    window.open_paths(films)
    window.set_layout("1x2")
    left, right = window.layout_panes.panes
    left.setFocus()
    _press_s(qtbot, left)
    assert "Edge +1" in left.window_text() and "Edge" not in right.window_text()
    window.actions["link_window"].trigger()
    _press_s(qtbot, left)
    assert "Edge +2" in left.window_text() and "Edge +2" in right.window_text()


def test_export_view_shows_it(window, films, qtbot, tmp_path):
    pane = open_at_one_to_one(window, qtbot, films[:1])
    assert window.export_view(str(tmp_path / "off.png"))
    _press_s(qtbot, pane, 3)
    assert window.export_view(str(tmp_path / "on.png"))
    off, on = (QtGui.QImage(str(tmp_path / f"{name}.png")) for name in ("off", "on"))
    assert off.size() == on.size() and off != on


def test_the_copies_go_when_edge_is_off_in_every_pane(window, films, qtbot, monkeypatch):
    """Copies (each the size of a film) had stayed in memory after edge was switched off, until it was on again."""
    copies = EdgeFilms()  # this window's alone: earlier tests' windows, closed but not collected, still show theirs
    monkeypatch.setattr(window_level, "EDGE_FILMS", copies)
    window.open_paths(films)
    window.set_layout("1x2")
    left, right = window.layout_panes.panes
    for pane in (left, right):
        window.layout_panes.set_active(pane)  # the pane clicked last
        _press_s(qtbot, pane)
    assert right.pipeline.image is not right.image and copies.kept
    for pane in (left, right):
        window.layout_panes.set_active(pane)
        qtbot.keyClick(pane, Key.Key_R)
        assert "Edge" not in pane.window_text()
        if pane is left:
            assert copies.kept and right.pipeline.image is not right.image  # still on in the other pane
    assert copies.kept == 0


def test_a_closed_films_copy_goes_while_edge_stays_on(films):
    """A film let go (the image cache's choice, a list closed) had its copy kept until the next film with edge on."""
    showing = DisplayPipeline(load_image(films[1]), STRENGTHS[1])  # another pane still shows a copy
    film = load_image(films[0])
    closed = DisplayPipeline(film, STRENGTHS[1])
    kept = EDGE_FILMS.kept
    del film, closed
    gc.collect()
    assert EDGE_FILMS.kept == kept - 1 and showing.image is not None

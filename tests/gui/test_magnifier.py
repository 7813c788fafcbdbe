"""The magnifying glass (L): a round lens over the pointer showing the pane's picture enlarged.

Driven with real key presses, mouse moves and wheel notches on a real offscreen window; what the lens shows is read
from a grab of the pane's frame (the lens lies over the pane in it), on a film with one bright square at a known
place: its size on screen with and without the lens, the greys the window and inversion give it, the powers, and
what a blinded read hides.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from cxr_viewer.gui.magnifier import POWERS, Magnifier
from cxr_viewer.plugin_api import Contour, ContourLayer, HeatmapLayer
from tests import dicom_factory
from tests.gui.conftest import send_mouse_move, send_wheel, widget_point

pytestmark = pytest.mark.gui

DOT = (200, 150, 6)  # column, row and side of the bright square
BACKGROUND, BRIGHT = 1000, 3000


@pytest.fixture
def dot_file(tmp_path):
    pixels = np.full((300, 400), BACKGROUND, np.uint16)
    col, row, side = DOT
    pixels[row:row + side, col:col + side] = BRIGHT
    return dicom_factory.make_cr(tmp_path / "dot.dcm", rows=300, cols=400, spacing=0.2, pixels=pixels)


@pytest.fixture
def shown(window, dot_file, qtbot):
    """The window with the dot film, a known window (W 4000 L 2000: background dark grey, dot light grey) and the
    pointer resting on the dot's centre."""
    window.open_paths([dot_file])
    pane = window.layout_panes.primary
    pane.set_window(2000, 4000)
    col, row, side = DOT
    pointer = widget_point(pane, col + side / 2, row + side / 2)
    send_mouse_move(pane.viewport(), pointer, QtCore.Qt.MouseButton.NoButton)
    pane.setFocus()
    qtbot.wait(20)
    return window, pane, pointer


def lens_key(qtbot, pane, key=QtCore.Qt.Key.Key_L):
    qtbot.keyClick(pane, key)
    qtbot.wait(20)


def lens_of(window, pane):
    (lens,) = [lens for lens in window.findChild(Magnifier).lenses if lens.pane is pane]
    return lens


def grey(pane) -> np.ndarray:
    """The pane's frame as drawn now (lens included), as a grey array indexed like the viewport (row, column)."""
    frame = pane.parentWidget()
    image = frame.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_Grayscale8)
    scale = image.devicePixelRatio()
    array = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())[:, :image.width()]
    array = array.copy()  # the QImage's buffer goes with it when this returns
    offset = pane.viewport().mapTo(frame, QtCore.QPoint(0, 0))
    array = array[::max(round(scale), 1), ::max(round(scale), 1)]
    return array[offset.y():offset.y() + pane.viewport().height(), offset.x():offset.x() + pane.viewport().width()]


def bright_width(picture: np.ndarray, pointer: QtCore.QPoint) -> int:
    """Screen columns of the bright square on the pointer's row (light grey: above the grey halfway between film
    and square), looked for within the lens's rim."""
    row = picture[pointer.y(), pointer.x() - 100:pointer.x() + 100]
    return int(np.count_nonzero(row > (int(row.min()) + int(row.max())) / 2))


def test_the_lens_shows_the_dot_magnified_under_the_pointer(shown, qtbot):
    window, pane, pointer = shown
    plain = bright_width(grey(pane), pointer)
    assert plain == pytest.approx(DOT[2] * pane.zoom, abs=2)
    lens_key(qtbot, pane)
    assert window.actions["magnifier"].isChecked()
    picture = grey(pane)
    width = bright_width(picture, pointer)
    assert width == pytest.approx(DOT[2] * pane.zoom * 2, abs=2)  # 2× by default
    bright_columns = np.flatnonzero(picture[pointer.y()] > 128)
    assert (bright_columns.min() + bright_columns.max()) / 2 == pytest.approx(pointer.x(), abs=1.5)  # centred on it
    assert "Magnifying glass 2×" in window.statusBar().currentMessage()
    qtbot.wait(60)  # the readout reads once the pointer rests
    assert f"stored {BRIGHT}" in window.cursor_label.text()  # the pane under the lens still reads the pointer


def test_smooth_while_searching_single_pixels_sharp_at_high_power(shown, qtbot):
    """2× on this zoom spans under 4 display pixels a film pixel: bilinear, so the square's edge has greys between
    film and square; 4× spans over 4: nearest, every screen pixel is the film's or the square's grey."""
    window, pane, pointer = shown
    lens_key(qtbot, pane)
    assert lens_of(window, pane).device_pixels_per_film_pixel() < 4

    def between(picture):
        row = picture[pointer.y(), pointer.x() - 80:pointer.x() + 80].astype(int)
        low, high = row.min(), row.max()
        return int(np.count_nonzero((row > low + 8) & (row < high - 8)))

    assert between(grey(pane)) > 0
    for _ in range(2):
        lens_key(qtbot, pane, QtCore.Qt.Key.Key_Plus)
    assert lens_of(window, pane).device_pixels_per_film_pixel() >= 4
    assert between(grey(pane)) == 0


def test_the_lens_shows_the_window_and_the_inversion_as_the_film_has_them(shown, qtbot):
    window, pane, pointer = shown
    lens_key(qtbot, pane)
    far = QtCore.QPoint(pointer.x() - 200, pointer.y())  # the film outside the lens
    for press in (None, QtCore.Qt.Key.Key_I):  # I inverts the display
        if press is not None:
            qtbot.keyClick(pane, press)
            qtbot.wait(20)
        shown_film = pane.image_item.image  # the uint8 picture the window and inversion give
        col, row, _side = DOT
        picture = grey(pane)
        lens_background = picture[pointer.y() + 60, pointer.x()]  # inside the lens, off the dot
        assert lens_background == pytest.approx(int(shown_film[row - 20, col]), abs=2)
        assert lens_background == pytest.approx(int(picture[far.y(), far.x()]), abs=2)
        assert picture[pointer.y(), pointer.x()] == pytest.approx(int(shown_film[row + 2, col + 2]), abs=2)
    assert picture[pointer.y() + 60, pointer.x()] > 180  # W 4000 L 2000 inverted: the background is light


def test_the_wheel_and_plus_minus_change_the_power_within_its_steps(shown, qtbot):
    window, pane, pointer = shown
    lens_key(qtbot, pane)
    zoom = pane.zoom
    send_wheel(pane.viewport(), pointer, 1)
    qtbot.wait(20)
    assert pane.zoom == zoom  # the wheel changes the lens, not the pane's zoom
    assert bright_width(grey(pane), pointer) == pytest.approx(DOT[2] * zoom * 3, abs=2)
    for _ in range(2):  # 4× is the last step: a second notch keeps it
        lens_key(qtbot, pane, QtCore.Qt.Key.Key_Plus)
    assert bright_width(grey(pane), pointer) == pytest.approx(DOT[2] * zoom * 4, abs=2)
    assert "Magnifying glass 4×" in window.statusBar().currentMessage()
    for _ in range(len(POWERS)):
        lens_key(qtbot, pane, QtCore.Qt.Key.Key_Minus)
    assert bright_width(grey(pane), pointer) == pytest.approx(DOT[2] * zoom * 1.5, abs=2)


@pytest.mark.parametrize("end_key", [QtCore.Qt.Key.Key_L, QtCore.Qt.Key.Key_Escape])
def test_the_key_again_or_escape_takes_the_lens_away(shown, qtbot, end_key):
    window, pane, pointer = shown
    lens_key(qtbot, pane)
    assert bright_width(grey(pane), pointer) > DOT[2] * pane.zoom + 3
    lens_key(qtbot, pane, end_key)
    assert not window.actions["magnifier"].isChecked()
    assert bright_width(grey(pane), pointer) == pytest.approx(DOT[2] * pane.zoom, abs=2)
    send_wheel(pane.viewport(), pointer, 1)  # the wheel zooms the film again
    assert pane.zoom > 1.05 * pane.viewbox.zoom_range()[0]


def test_an_exported_view_does_not_carry_the_lens(shown, qtbot, tmp_path):
    window, pane, _pointer = shown
    window.export_view(str(tmp_path / "without.png"))
    lens_key(qtbot, pane)
    assert lens_of(window, pane).isVisible()
    window.export_view(str(tmp_path / "with.png"))
    assert QtGui.QImage(str(tmp_path / "with.png")) == QtGui.QImage(str(tmp_path / "without.png"))


def test_a_blinded_read_shows_in_the_lens_only_what_it_shows_on_the_film(shown, qtbot):
    """A hidden AI outline stays hidden in the lens, and a pause cover covers the lens too."""
    window, pane, _pointer = shown
    window.host.set_metadata_hidden(True)
    window.host.set_exclusive("study")
    qtbot.wait(20)
    col, row, side = DOT
    pointer = widget_point(pane, col + side / 2, row + side / 2)  # the hold hid the docks: the pane grew
    send_mouse_move(pane.viewport(), pointer, QtCore.Qt.MouseButton.NoButton)
    ring = np.array([[col - 4, row - 4], [col + side + 4, row - 4], [col + side + 4, row + side + 4],
                     [col - 4, row + side + 4]], float)
    window.host.add_layer(ContourLayer(id="study.ai", name="AI", contours=[Contour(ring, color="#ff0000")]))
    pane.setFocus()
    lens_key(qtbot, pane)

    def red_in_lens() -> int:
        """Red pixels where only the magnified outline can be: the film's own, 7 film pixels out from the square's
        centre, lies under the lens at half that distance."""
        rgb = pane.parentWidget().grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGB888)
        where = pane.viewport().mapTo(pane.parentWidget(), pointer)
        reach = 7 * pane.zoom
        ring = [QtGui.QColor(rgb.pixel(where.x() + dx, where.y() + dy)) for dx in range(-60, 61)
                for dy in range(-60, 61) if 1.5 * reach < max(abs(dx), abs(dy)) < 2.5 * reach]
        return sum(1 for c in ring if c.red() > 200 and c.green() < 80)

    assert red_in_lens() > 0  # shown on the film: shown in the lens, magnified
    window.host.set_layer_visible("study.ai", False)
    qtbot.wait(20)
    assert red_in_lens() == 0
    window.host.add_layer(HeatmapLayer(id="study.pause", name="Paused", data=np.zeros((1, 1), np.float32),
                                       show_colorbar=False))
    qtbot.wait(20)
    assert lens_of(window, pane).isVisible()
    inside = grey(pane)[pointer.y() - 80:pointer.y() + 80, pointer.x() - 80:pointer.x() + 80]  # within the rim
    assert inside.max() < 16


@pytest.mark.parametrize("keys", [(), (QtCore.Qt.Key.Key_T,), (QtCore.Qt.Key.Key_T, QtCore.Qt.Key.Key_H)],
                         ids=["plain", "turned", "turned-and-flipped"])
def test_a_turned_or_flipped_film_is_magnified_as_it_is_shown(shown, qtbot, keys):
    """The lens draws the pane's picture, turn and flip included: a square off the pointer lies twice as far from
    the lens's centre, in the same direction as on the film on screen."""
    window, pane, _ = shown
    for key in keys:
        qtbot.keyClick(pane, key)
    qtbot.wait(20)
    col, row, side = DOT
    dot = widget_point(pane, col + side / 2, row + side / 2)
    pointer = dot + QtCore.QPoint(20, -12)  # the square 20 px left of and 12 px below the pointer on screen
    send_mouse_move(pane.viewport(), pointer, QtCore.Qt.MouseButton.NoButton)
    qtbot.wait(20)
    lens_key(qtbot, pane)
    picture = grey(pane)[pointer.y() - 90:pointer.y() + 90, pointer.x() - 90:pointer.x() + 90]
    y, x = np.mgrid[-90:90, -90:90]
    rows, cols = np.nonzero((picture > 128) & (np.hypot(x, y) < 90))  # inside the lens's rim
    centre = QtCore.QPointF(cols.mean() - 90, rows.mean() - 90)  # the magnified square, from the pointer
    assert centre.x() == pytest.approx(-40, abs=3) and centre.y() == pytest.approx(24, abs=3)




def lens_off_spot(lens, spot: QtCore.QPoint) -> int:
    """How far (screen pixels, the larger axis) the lens's centre is from the screen point ``spot``."""
    centre = lens.mapToGlobal(QtCore.QPoint(lens.width() // 2, lens.height() // 2))
    return max(abs(centre.x() - spot.x()), abs(centre.y() - spot.y()))


def test_the_lens_stays_on_the_still_pointer_when_docks_come_and_go_round_the_pane(shown, qtbot):
    """Docks left of and above the film (a user's arrangement) hidden by a blinded read: the pane moves under a
    still pointer. The lens moved with the pane, away from the pointer, until the next mouse move."""
    window, pane, pointer = shown
    window.addDockWidget(QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, window.docks["tags"])
    window.addDockWidget(QtCore.Qt.DockWidgetArea.TopDockWidgetArea, window.docks["messages"])
    qtbot.wait(50)
    send_mouse_move(pane.viewport(), pointer, QtCore.Qt.MouseButton.NoButton)  # the pointer on the dot again
    spot = pane.viewport().mapToGlobal(pointer)  # where it stays on screen from now on
    lens_key(qtbot, pane)
    lens = lens_of(window, pane)
    assert lens.isVisible() and lens_off_spot(lens, spot) <= 1
    before = pane.viewport().mapToGlobal(QtCore.QPoint(0, 0))
    window.host.set_metadata_hidden(True)
    moved = lambda: pane.viewport().mapToGlobal(QtCore.QPoint(0, 0)) - before  # noqa: E731
    qtbot.waitUntil(lambda: moved().x() < -100 and moved().y() < -50, timeout=3000)  # the docks' room went to the pane
    qtbot.wait(50)  # the layout settles
    assert lens.isVisible() and lens_off_spot(lens, spot) <= 1
    window.host.set_metadata_hidden(False)
    qtbot.waitUntil(lambda: moved() == QtCore.QPoint(0, 0), timeout=3000)
    qtbot.wait(50)
    assert lens.isVisible() and lens_off_spot(lens, spot) <= 1

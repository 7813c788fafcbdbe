"""Orientation letters at the image area's edges and the turn line in the corner, on a real window with real keys.

The reference for the letters is numpy turning and flipping a 3×3 array with the file's directions at its edges'
middles the way each key is documented to act on what is on screen (T clockwise, Shift+T back, H and V on the
screen's axes). A second check ties the letters to the drawn film itself: the stored film's right edge, which
Patient Orientation L\\F says lies towards the patient's left, is mapped through the pane's transform to the screen
and must be nearest to the letter L.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from cxr_viewer.core.orientation import opposite
from tests.dicom_factory import make_cr, make_dx
from tests.gui.conftest import widget_point

pytestmark = pytest.mark.gui

Key = QtCore.Qt.Key
Shift = QtCore.Qt.KeyboardModifier.ShiftModifier
ON_SCREEN = {"T": lambda a: np.rot90(a, k=-1), "t": lambda a: np.rot90(a, k=1), "H": np.fliplr, "V": np.flipud}
KEYS = {"T": (Key.Key_T, QtCore.Qt.KeyboardModifier.NoModifier), "t": (Key.Key_T, Shift),
        "H": (Key.Key_H, QtCore.Qt.KeyboardModifier.NoModifier), "V": (Key.Key_V, QtCore.Qt.KeyboardModifier.NoModifier),
        "R": (Key.Key_R, QtCore.Qt.KeyboardModifier.NoModifier)}


def _labelled(row: str, column: str) -> np.ndarray:
    film = np.full((3, 3), "", dtype=object)
    film[1, 2], film[1, 0], film[2, 1], film[0, 1] = row, opposite(row), column, opposite(column)
    return film


def _letters(pane) -> dict[str, str]:
    """What each edge shows on screen ("" for a hidden letter)."""
    return {edge: label.text() if label.isVisible() else "" for edge, label in pane.corners.edges.labels.items()}


def _press(qtbot, pane, key: str) -> None:
    code, modifier = KEYS[key]
    qtbot.keyClick(pane, code, modifier)


@pytest.mark.parametrize("orientation", [("L", "F"), ("AL", "FR")])
def test_edge_letters_follow_t_shift_t_h_v_and_r_through_all_eight_states(window, tmp_path, qtbot, orientation):
    window.open_paths([make_cr(tmp_path / "a.dcm", rows=60, cols=80, PatientOrientation=list(orientation))])
    pane = window.layout_panes.primary
    start = _labelled(*orientation)
    shown, seen = start, set()
    for key in "THTVtHVTTHRVtTHHT":
        _press(qtbot, pane, key)
        shown = start if key == "R" else ON_SCREEN[key](shown)
        seen.add(shown.tobytes())
        assert _letters(pane) == {"left": shown[1, 0], "right": shown[1, 2], "top": shown[0, 1],
                                  "bottom": shown[2, 1]}, f"after {key}"
    assert len(seen) == 8  # every way a film can be shown was checked


def _nearest_letter(pane, x: float, y: float) -> str:
    point = QtCore.QPointF(widget_point(pane, x, y))
    labels = [label for label in pane.corners.edges.labels.values() if label.isVisible()]
    return min(labels, key=lambda label: (QtCore.QPointF(label.geometry().center()) - point).manhattanLength()).text()


@pytest.mark.parametrize("keys", ["", "H", "V", "T", "t", "TH", "TV", "HV"])
def test_the_patients_left_on_screen_carries_the_letter_l(window, tmp_path, qtbot, keys):
    window.open_paths([make_cr(tmp_path / "pa.dcm", rows=60, cols=80, PatientOrientation=["L", "F"])])
    pane = window.layout_panes.primary
    for key in keys:
        _press(qtbot, pane, key)
    assert _nearest_letter(pane, 80, 30) == "L"  # the stored film's right edge: the patient's left
    assert _nearest_letter(pane, 0, 30) == "R"
    assert _nearest_letter(pane, 40, 0) == "H"
    assert _nearest_letter(pane, 40, 60) == "F"


def test_the_turn_line_says_how_the_display_differs_from_the_file(window, tmp_path, qtbot):
    window.open_paths([make_cr(tmp_path / "a.dcm", PatientOrientation=["L", "F"])])
    pane = window.layout_panes.primary
    corner = pane.corners.labels["bottom_left"]
    steps = [("H", "flipped H\nmirror image"), ("H", ""), ("T", "rotated 90° CW"), ("T", "rotated 180°"),
             ("V", "flipped H\nmirror image"), ("t", "rotated 90° CW, flipped H\nmirror image"), ("R", "")]
    for key, line in steps:
        _press(qtbot, pane, key)
        assert corner.text() == "\n".join(v for v in (pane.window_text(), f"Zoom {pane.zoom:.2f}×", line) if v)


def test_a_film_without_patient_orientation_gets_no_letters_but_still_the_turn_line(window, tmp_path, qtbot):
    dx = make_dx(tmp_path / "ap.dcm", ViewPosition="AP")  # no Patient Orientation: nothing guessed from AP
    pa = make_cr(tmp_path / "pa.dcm", PatientOrientation=["L", "F"], InstanceNumber=2,
                 StudyInstanceUID="1.2.3.4", SeriesInstanceUID="1.2.3.4.1")
    window.open_paths([dx, pa])
    pane = window.layout_panes.primary
    assert pane.image.path == dx
    _press(qtbot, pane, "H")
    assert set(_letters(pane).values()) == {""} and pane.corners.edges.texts() == dict.fromkeys(_letters(pane), "")
    assert pane.corners.labels["bottom_left"].text().endswith("flipped H\nmirror image")
    qtbot.keyClick(pane, Key.Key_PageDown)  # the next film opens upright, with its own letters
    assert pane.image.path == pa
    assert _letters(pane) == {"left": "R", "right": "L", "top": "H", "bottom": "F"}
    assert "flipped" not in pane.corners.labels["bottom_left"].text()
    qtbot.keyClick(pane, Key.Key_PageUp)
    assert set(_letters(pane).values()) == {""}


def test_o_hides_the_letters_with_the_corner_text_but_never_the_turn_line(window, tmp_path, qtbot):
    window.open_paths([make_cr(tmp_path / "a.dcm", PatientOrientation=["L", "F"])])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_O)
    shown = [label for label in (*pane.corners.labels.values(), *pane.corners.edges.labels.values()) if label.isVisible()]
    assert shown == []  # an upright film: a clean view
    _press(qtbot, pane, "H")
    shown = [label.text() for label in (*pane.corners.labels.values(), *pane.corners.edges.labels.values())
             if label.isVisible()]
    assert shown == ["flipped H\nmirror image"]
    qtbot.keyClick(pane, Key.Key_O)
    assert _letters(pane) == {"left": "L", "right": "R", "top": "H", "bottom": "F"}
    assert pane.corners.labels["top_left"].isVisible()


def test_a_blinded_read_keeps_the_letters_and_the_turn_line(window, tmp_path, qtbot):
    window.open_paths([make_cr(tmp_path / "a.dcm", PatientOrientation=["L", "F"])])
    pane = window.layout_panes.primary
    _press(qtbot, pane, "H")
    window.host.set_metadata_hidden(True)
    assert "Test^Patient" not in " ".join(label.text() for label in pane.corners.labels.values())
    assert _letters(pane) == {"left": "L", "right": "R", "top": "H", "bottom": "F"}
    assert pane.corners.labels["bottom_left"].text().endswith("flipped H\nmirror image")


def _png(pane, path) -> np.ndarray:
    """The exported PNG read back from disk, as rows × columns × BGRA."""
    pane.export_png(str(path))
    image = QtGui.QImage(str(path)).convertToFormat(QtGui.QImage.Format.Format_RGB32)
    lines = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return lines[:, : image.width() * 4].reshape(image.height(), image.width(), 4).copy()


def test_the_export_carries_the_turn_line_and_the_mirrored_letters(window, tmp_path, qtbot):
    """A film the same under a left-right flip: the exports differ only where the text says it was flipped."""
    pixels = np.tile((np.arange(80, dtype=np.uint16) * 40)[:, None], (1, 60))
    window.open_paths([make_cr(tmp_path / "a.dcm", rows=80, cols=60, pixels=pixels, PatientOrientation=["L", "F"])])
    pane = window.layout_panes.primary
    a = _png(pane, tmp_path / "before.png")
    _press(qtbot, pane, "H")
    b = _png(pane, tmp_path / "after.png")
    assert a.shape == b.shape
    rows, cols = np.nonzero(np.any(a != b, axis=2))
    texts = [pane.corners.labels["bottom_left"], pane.corners.edges.labels["left"], pane.corners.edges.labels["right"]]
    inside = np.zeros(len(rows), bool)
    for label in texts:
        box = label.geometry()
        inside |= (cols >= box.left()) & (cols <= box.right()) & (rows >= box.top()) & (rows <= box.bottom())
    assert len(rows) > 0 and inside.all()
    for label in texts:  # each of them changed in the export
        box = label.geometry()
        assert np.any(a[box.top():box.bottom() + 1, box.left():box.right() + 1]
                      != b[box.top():box.bottom() + 1, box.left():box.right() + 1])


@pytest.mark.parametrize(("size", "all_four"), [((800, 500), True), ((560, 300), False)])
def test_letters_keep_clear_of_the_corner_text_in_a_narrow_pane(window, tmp_path, qtbot, size, all_four):
    """Beside long corner texts a letter moves inwards rather than over them; in a pane too small for that (the
    corner text fills it) it is left out rather than put on the far half, where it would name the other edge."""
    long_id = "16d7f894-55d7-4d95-8957-d18987f0e981"
    films = [make_cr(tmp_path / f"{n}_{'x' * 40}.dcm", rows=100, cols=100, PatientName=long_id, PatientID=long_id,
                     PatientOrientation=["L", "F"], InstanceNumber=n) for n in (1, 2)]
    window.resize(*size)
    window.open_paths(films)
    window.set_layout("1x2")
    for pane in window.layout_panes.panes:
        qtbot.waitUntil(lambda: pane.width() < size[0] // 2)
        for key in "TH":
            _press(qtbot, pane, key)
            corners = [label.geometry() for label in pane.corners.labels.values() if label.isVisible()]
            letters = {edge: label.geometry() for edge, label in pane.corners.edges.labels.items() if label.isVisible()}
            assert len(corners) == 4 and (len(letters) == 4 or not all_four)
            assert not any(letter.intersects(corner) for letter in letters.values() for corner in corners)
            area = pane.mapFromScene(pane.viewbox.sceneBoundingRect()).boundingRect()
            middle = area.center()
            for edge, letter in letters.items():
                assert area.contains(letter)
                centre = letter.center()
                assert {"left": centre.x() < middle.x(), "right": centre.x() > middle.x(),
                        "top": centre.y() < middle.y(), "bottom": centre.y() > middle.y()}[edge]

"""Measurements stay with their film for the session: step away and back and they are there again, with the same
figures and ends; deleted ones stay deleted; no other film shows them, nor a blinded read of the same film."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6 import QtCore

from cxr_viewer.core.loader import load_image
from cxr_viewer.gui.measure_memory import MeasurementMemory, image_key
from tests import dicom_factory
from tests.gui.conftest import draw_distance

Key = QtCore.Qt.Key
UNKNOWN = "(Pixel Spacing, calibration unknown)"  # the films are CRs with Pixel Spacing alone


@pytest.fixture
def films(tmp_path) -> list[Path]:
    """Two calibrated CRs (0.2 mm) and a third at 0.1 mm, each its own study."""
    return [dicom_factory.make_cr(tmp_path / f"{name}.dcm", rows=200, cols=300, spacing=spacing)
            for name, spacing in (("a", 0.2), ("b", 0.2), ("c", 0.1))]


def _shown(pane) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each measurement's label and the ends of its line in image pixels."""
    return [(m.text, m.line.line().toTuple()) for m in pane.measure.measurements]


@pytest.mark.gui
def test_a_measurement_comes_back_with_its_film_and_stays_off_the_others(window, films, qtbot):
    window.open_paths(films)
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)  # 1:1, so the drawn line is 100 image pixels
    draw_distance(window, qtbot, (100, 100), (200, 100))
    drawn = _shown(pane)
    assert [text for text, _ in drawn] == [f"20.0 mm {UNKNOWN}"]
    qtbot.keyClick(pane, Key.Key_PageDown)
    assert pane.image.path == films[1] and pane.measure.measurements == []  # never measured: none
    qtbot.keyClick(pane, Key.Key_Right)
    assert pane.image.path == films[2] and pane.measure.measurements == []
    qtbot.keyClick(pane, Key.Key_PageUp)
    qtbot.keyClick(pane, Key.Key_Left)
    assert pane.image.path == films[0]
    assert _shown(pane) == drawn  # same figure, same ends in image pixels
    line = pane.measure.measurements[0].line
    assert line.isVisible() and line.parentItem() is pane.image_item


@pytest.mark.gui
def test_deleted_measurements_stay_deleted(window, films, qtbot):
    window.open_paths(films[:2])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)
    draw_distance(window, qtbot, (100, 100), (200, 100))
    draw_distance(window, qtbot, (50, 150), (50, 190))
    assert [m.text for m in pane.measure.measurements] == [f"20.0 mm {UNKNOWN}", f"8.0 mm {UNKNOWN}"]
    pane.measure.select(pane.measure.measurements[0])
    qtbot.keyClick(pane, Key.Key_Delete)
    qtbot.keyClick(pane, Key.Key_PageDown)
    qtbot.keyClick(pane, Key.Key_PageUp)
    assert [m.text for m in pane.measure.measurements] == [f"8.0 mm {UNKNOWN}"]
    qtbot.keyClick(pane, Key.Key_Delete, modifier=QtCore.Qt.KeyboardModifier.ShiftModifier)  # clear all
    qtbot.keyClick(pane, Key.Key_PageDown)
    qtbot.keyClick(pane, Key.Key_PageUp)
    assert pane.measure.measurements == []
    assert len(window.layout_panes.measurement_memory) == 0  # a film without measurements takes no memory


@pytest.mark.gui
def test_a_picture_without_dicom_keeps_its_measurement_by_path(window, tmp_path, qtbot):
    paths = [tmp_path / "one.png", tmp_path / "two.png"]
    for path in paths:
        Image.fromarray(np.full((200, 300), 120, np.uint8)).save(path)
    window.open_paths(paths)
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)
    draw_distance(window, qtbot, (100, 100), (200, 100))
    drawn = _shown(pane)
    assert drawn[0][0] == "100.0 px (uncalibrated)"
    qtbot.keyClick(pane, Key.Key_PageDown)
    assert pane.measure.measurements == []
    qtbot.keyClick(pane, Key.Key_PageUp)
    assert _shown(pane) == drawn


@pytest.mark.gui
def test_in_1x2_measurements_belong_to_the_film_they_were_drawn_on(window, films, qtbot):
    window.open_paths(films[:2])
    first, second = window.layout_panes.panes
    qtbot.keyClick(first, Key.Key_0)
    draw_distance(window, qtbot, (100, 100), (200, 100))
    drawn = _shown(first)
    window.set_layout("1x2")
    assert second.image.path == films[1] and second.measure.measurements == []  # the comparison has none
    assert _shown(first) == drawn
    qtbot.keyClick(first, Key.Key_PageDown)  # the measured film becomes the comparison
    assert first.image.path == films[1] and first.measure.measurements == []
    assert second.image.path == films[0] and _shown(second) == drawn
    qtbot.keyClick(first, Key.Key_PageUp)
    assert _shown(first) == drawn and second.measure.measurements == []
    qtbot.keyClick(first, Key.Key_PageDown)
    second.measure.select(second.measure.measurements[0])  # deleted where it shows, on the comparison
    second.measure.delete_selected()
    qtbot.keyClick(first, Key.Key_PageUp)
    assert first.measure.measurements == []  # it was the film's, wherever it was deleted


@pytest.mark.gui
def test_a_blinded_read_of_a_measured_film_shows_none_and_keeps_none(window, films, qtbot):
    """A plugin that holds the view and hides the metadata (the reader study) gets a clean film, even when it shows
    the very file, header and all; what is drawn during the read is not kept, and the earlier one comes back after."""
    window.open_paths(films[:2])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_0)
    draw_distance(window, qtbot, (100, 100), (200, 100))
    drawn = _shown(pane)
    window.host.set_metadata_hidden(True)
    assert pane.measure.measurements == []  # off at once, before the plugin has even put its case up
    window.host.set_exclusive("reader_study")
    window.host.open_image_object(load_image(films[0]))  # unstripped: its SOP Instance UID is there
    assert pane.measure.measurements == []
    draw_distance(window, qtbot, (50, 150), (50, 190))
    assert [m.text for m in pane.measure.measurements] == [f"8.0 mm {UNKNOWN}"]
    window.host.close_image()
    window.host.set_exclusive(None)
    window.host.set_metadata_hidden(False)
    window.open_paths(films[:2])
    assert _shown(pane) == drawn


def test_the_memory_holds_only_measured_films_and_at_most_its_limit():
    memory = MeasurementMemory(limit=2)
    memory.keep("a", [(0, 0, 1, 1)])
    memory.keep("b", [(0, 0, 2, 2)])
    memory.keep(None, [(0, 0, 3, 3)])  # no identity: nothing to keep it by
    assert len(memory) == 2
    assert memory.recall("a") == ((0, 0, 1, 1),)  # a is now the most recently used
    memory.keep("c", [(0, 0, 4, 4)])
    assert memory.recall("b") == () and memory.recall("a") and memory.recall("c")
    memory.keep("a", [])
    assert memory.recall("a") == () and len(memory) == 1


def test_a_film_is_known_by_its_sop_instance_uid_else_its_path(films, tmp_path):
    film = load_image(films[0])
    assert image_key(film) == f"sop:{film.metadata['SOPInstanceUID']}"
    copy = tmp_path / "elsewhere" / "a.dcm"
    copy.parent.mkdir()
    copy.write_bytes(films[0].read_bytes())
    assert image_key(load_image(copy)) == image_key(film)  # the same film from another folder
    picture = tmp_path / "p.png"
    Image.fromarray(np.zeros((4, 4), np.uint8)).save(picture)
    assert image_key(load_image(picture)) == f"path:{picture.resolve()}"
    assert image_key(replace(film, path=None, metadata={}, dataset=None)) is None  # a blinded case

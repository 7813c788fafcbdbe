"""Viewer polish: VOI LUT presets, arrow-key navigation, Recent studies from the browser, demo indexing, cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom.dataset import Dataset
from PySide6 import QtCore

from cxr_viewer.core.pixels import render_uint8
from cxr_viewer.gui.cache import ImageCache
from cxr_viewer.index.db import StudyIndex
from cxr_viewer.settings import Settings
from tests import dicom_factory

Key = QtCore.Qt.Key


def _voi_item(first: int, entries: list[int], name: str) -> Dataset:
    item = Dataset()
    item.LUTDescriptor = [len(entries), first, 8]
    item.LUTData = np.array(entries, "<u2").tobytes()
    item.LUTExplanation = name
    return item


def _ramp_file(path: Path, **tags) -> Path:
    pixels = np.tile(np.arange(0, 4000, 40, dtype=np.uint16), (20, 1))
    return dicom_factory.make_cr(path, rows=20, cols=100, pixels=pixels, **tags)


def test_voi_lut_tables_are_presets_after_the_files_windows(window, tmp_path, qtbot):
    table = list(np.linspace(0, 255, 64).astype(int))
    path = _ramp_file(tmp_path / "voi.dcm", WindowCenter=2000, WindowWidth=4000,
                      VOILUTSequence=[_voi_item(1000, table, "SOFT")])
    window.open_paths([path])
    pane = window.layout_panes.primary
    assert pane.state.voi_lut is None and pane.state.width == 4000  # the file's window comes first
    qtbot.keyClick(pane, Key.Key_2)
    assert pane.state.voi_lut is not None and pane.window_text() == "VOI LUT SOFT"
    expected = render_uint8(pane.image, 0, 1, pane.state.invert, voi_lut=pane.image.voi_luts[0])
    assert np.array_equal(pane.image_item.image, expected)
    qtbot.keyClick(pane, Key.Key_3)  # then the defaults
    assert pane.state.voi_lut is None and pane.window_text().startswith("W ")


def test_a_file_with_only_a_voi_lut_opens_with_it(window, tmp_path):
    path = _ramp_file(tmp_path / "only_voi.dcm", VOILUTSequence=[_voi_item(0, [0, 255], "BINARY")])
    window.open_paths([path])
    assert window.layout_panes.primary.state.voi_lut.name == "BINARY"


def test_arrow_keys_step_images_and_studies_while_the_image_has_focus(window, tmp_path, qtbot):
    paths = [dicom_factory.make_cr(tmp_path / name, rows=30, cols=30, StudyInstanceUID=uid)
             for name, uid in (("a1.dcm", "1.2.9.1"), ("a2.dcm", "1.2.9.1"), ("b1.dcm", "1.2.9.2"))]
    window.open_paths([tmp_path])
    pane = window.layout_panes.primary
    qtbot.waitUntil(pane.hasFocus, timeout=3000)
    qtbot.keyClick(pane, Key.Key_Right)
    assert pane.image.path == paths[1]
    qtbot.keyClick(pane, Key.Key_Left)
    assert pane.image.path == paths[0]
    qtbot.keyClick(pane, Key.Key_Down)
    assert pane.image.path == paths[2]
    qtbot.keyClick(pane, Key.Key_Up)
    assert pane.image.path == paths[0]
    window.tag_panel.setFocus()  # a list keeps its own arrow keys
    qtbot.waitUntil(lambda: not pane.hasFocus(), timeout=3000)
    qtbot.keyClick(window.tag_panel, Key.Key_Right)
    assert pane.image.path == paths[0]


def test_arrow_keys_can_be_switched_off_in_the_settings(make_window, tmp_path, qtbot):
    window = make_window(settings=Settings(shortcuts={"next_image_arrow": ""}))
    for name in ("a.dcm", "b.dcm"):
        dicom_factory.make_cr(tmp_path / name, rows=30, cols=30, StudyInstanceUID="1.2.9.3")
    window.open_paths([tmp_path])
    pane = window.layout_panes.primary
    qtbot.keyClick(pane, Key.Key_Right)
    assert pane.image.path.name == "a.dcm"


@pytest.fixture
def indexed_studies(make_window, tmp_path, qtbot):
    window = make_window(with_browser=True)
    window.browser.index = StudyIndex(tmp_path / "index.sqlite")
    folder = tmp_path / "studies"
    for uid, name in (("1.2.826.0.7.1", "Alpha^A"), ("1.2.826.0.7.2", "Beta^B")):
        dicom_factory.make_cr(folder / f"{name[0]}.dcm", rows=24, cols=24, StudyInstanceUID=uid, PatientName=name)
    with qtbot.waitSignal(window.browser.import_finished, timeout=30000):
        window.browser.import_folder(folder)
    yield window
    qtbot.waitUntil(lambda: not window.tasks.running, timeout=20000)  # thumbnails started by a selection


def _row_of(browser, patient: str) -> int:
    return [row.patient_name for row in browser.rows].index(patient)


def test_recent_studies_reopen_from_the_browser(indexed_studies, qtbot):
    window, browser = indexed_studies, indexed_studies.browser
    browser.open_study(_row_of(browser, "Alpha^A"))
    browser.search()
    browser.open_study(_row_of(browser, "Beta^B"))
    browser.show_recent()
    assert [row.patient_name for row in browser.rows] == ["Beta^B", "Alpha^A"]
    centre = browser.table.visualItemRect(browser.table.item(1, 0)).center()
    qtbot.mouseClick(browser.table.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=centre)  # a double-click
    qtbot.mouseDClick(browser.table.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=centre)  # needs its press
    assert window.layout_panes.primary.image.metadata["PatientName"] == "Alpha^A"
    browser.show_recent()
    assert [row.patient_name for row in browser.rows] == ["Alpha^A", "Beta^B"]


def test_studies_opened_from_files_join_recent_when_indexed(indexed_studies, tmp_path):
    window, browser = indexed_studies, indexed_studies.browser
    window.open_paths([tmp_path / "studies" / "B.dcm"])
    browser.show_recent()
    assert [row.patient_name for row in browser.rows] == ["Beta^B"]


def test_demo_files_are_indexed_and_listed_with_thumbnails(make_window, tmp_path, qtbot):
    from cxr_viewer.cli import _index_demo

    window = make_window(with_browser=True)
    window.browser.index = StudyIndex(tmp_path / "index.sqlite")
    demo = [dicom_factory.make_cr(tmp_path / "demo.dcm", rows=40, cols=40, PatientName="Demo^One")]
    window.open_paths(demo)
    with qtbot.waitSignal(window.browser.import_finished, timeout=30000):
        _index_demo(window, demo)
    browser = window.browser
    assert [row.patient_name for row in browser.rows] == ["Demo^One"]
    assert browser.table.selectionModel().selectedRows()[0].row() == 0  # the shown study is selected
    qtbot.waitUntil(lambda: browser.thumbnails.count() == 1 and not window.tasks.running, timeout=20000)
    assert not browser.thumbnails.item(0).icon().isNull()


def test_default_cache_limit_bounds_the_images_held(tmp_path):
    assert Settings().cache_limit_mb == 512
    path = dicom_factory.make_cr(tmp_path / "big.dcm", rows=512, cols=512)
    from cxr_viewer.core.loader import load_image

    one = load_image(path)
    cache = ImageCache(limit_bytes=4 * one.nbytes)
    for n in range(3):
        cache.put(Path(f"/img{n}"), load_image(path))
    assert len(cache) == 3
    _ = cache.get(Path("/img2")).modality  # a plugin builds the float copy: the image grows threefold
    cache.put(Path("/img3"), load_image(path))
    assert cache.total_bytes <= cache.limit_bytes  # the grown image counts: two older ones had to go
    assert [Path(f"/img{n}") in cache for n in range(4)] == [False, False, True, True]

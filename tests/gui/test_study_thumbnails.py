"""The Studies dock's thumbnails look like the film as the viewer opens it: a display shutter is drawn in them."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pydicom
import pytest
from PySide6 import QtCore

from cxr_viewer.index.importer import import_paths
from tests import dicom_factory

pytestmark = pytest.mark.gui


def test_a_shuttered_film_has_its_shutter_in_the_thumbnail_and_an_open_one_does_not(browser_window, tmp_path, qtbot):
    window, browser = browser_window, browser_window.browser
    pixels = np.tile(np.linspace(500, 3500, 300).astype(np.uint16), (200, 1))  # a ramp: the film is never black
    film = {"rows": 200, "cols": 300, "pixels": pixels, "WindowCenter": 2000, "WindowWidth": 4000}
    shuttered = dicom_factory.make_cr(tmp_path / "s" / "1_shutter.dcm", **film, ShutterShape="CIRCULAR",
                                      CenterOfCircularShutter=[101, 151], RadiusOfCircularShutter=90)  # fmt: skip
    header = pydicom.dcmread(shuttered, stop_before_pixels=True)
    dicom_factory.make_cr(tmp_path / "s" / "2_open.dcm", **film, StudyInstanceUID=header.StudyInstanceUID,
                          SeriesInstanceUID=header.SeriesInstanceUID, InstanceNumber=2)  # one series: a fixed order
    import_paths(browser.index, [tmp_path / "s"])
    browser.search()
    browser.table.selectRow(0)
    qtbot.waitUntil(lambda: browser.thumbnails.count() == 2 and not window.tasks.running, timeout=20000)
    qtbot.waitUntil(lambda: not browser.thumbnails.item(1).icon().isNull(), timeout=20000)
    images = [browser.thumbnails.item(n).icon().pixmap(QtCore.QSize(96, 64)).toImage() for n in range(2)]
    assert [browser.thumbnails.item(n).text() for n in range(2)] == ["1_shutter.dcm", "2_open.dcm"]
    for image in images:
        assert (image.width(), image.height()) == (96, 64)
    corner, centre = images[0].pixelColor(2, 2), images[0].pixelColor(48, 32)
    assert corner.value() == 0 and centre.value() > 60  # outside the circle black, inside the film
    assert images[1].pixelColor(2, 2).value() > 5  # the same film without a shutter keeps its corner
    folder = os.environ.get("CXR_TEST_PNG_DIR")
    if folder:
        window.grab().save(str(Path(folder) / "study_thumbnails_shutter.png"))

"""What a reader sees and reads off films whose encoding or values are out of the ordinary, in the real window.

Each case was found by opening a corpus of real and hand-written DICOM files offscreen and comparing the picture,
the corner text and the pointer readout with pydicom's own reading of the file:

* Explicit VR Big Endian (retired, still in archives): every stored value had its bytes swapped, so the film was
  noise and the readout gave plausible wrong numbers (MR_small: -18944 where the file holds 182).
  A big-endian PALETTE COLOR film (OBXXXX1A_expb) was drawn black: its colour tables were read byte-swapped.
* A CT Image without Rescale Type: its values are Hounsfield units (PS3.3 C.8.2.1 requires the attribute only when
  they are not), but the readout gave no unit.
* A window in fractional units (slope 0.001, SUV-like values): centre 2.5 width 3.3 read "W 3  L 2".
* A film that was lossily compressed (RG1_J2KI at 10:1, or RG1_UNCI: the same film decompressed, still flagged by
  Lossy Image Compression "01") looked exactly like the lossless original: nothing on screen said so.
* A raw "For Processing" DX film looked like any other, only poorly exposed: nothing said it was unprocessed.
* A padding pixel (Pixel Padding Value, drawn black) read like anatomy: -3024 HU around a CT's scan circle.
* A SIGMOID window (VOI LUT Function) read like a LINEAR one, "W 1024  L 2048", though it gives another picture.
* A film of one value (a 1×1 image, a flat field): the automatic window was a threshold at that value, so the film
  was drawn black in a black pane, as if nothing had opened.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file
from PySide6 import QtCore

from tests import dicom_factory
from tests.gui.conftest import widget_point

pytestmark = pytest.mark.gui


def _data(name: str) -> Path:
    path = get_testdata_file(name)
    if path is None:
        pytest.skip(f"pydicom-data does not provide {name}")
    return Path(path)


def _read_pixel(window, qtbot, x: float, y: float) -> str:
    """Point at image point (x, y) of the current film and return the status bar's readout of that pixel."""
    pane = window.layout_panes.primary
    where = widget_point(pane, x, y)
    qtbot.mouseMove(pane.viewport(), where + QtCore.QPoint(5, 5))
    qtbot.mouseMove(pane.viewport(), where)
    prefix = f"x {int(x)}  y {int(y)} "
    qtbot.waitUntil(lambda: window.cursor_label.text().startswith(prefix), timeout=2000)
    return window.cursor_label.text()


def test_a_big_endian_film_shows_and_reads_the_values_of_its_little_endian_twin(window, qtbot):
    window.open_paths([_data("MR_small.dcm")])
    pane = window.layout_panes.primary
    little_picture = pane.pipeline.render(pane.state).copy()
    little_readout = _read_pixel(window, qtbot, 32.5, 32.5)
    window.open_paths([_data("MR_small_bigendian.dcm")])
    assert pane.image.path.name == "MR_small_bigendian.dcm"
    np.testing.assert_array_equal(pane.pipeline.render(pane.state), little_picture)
    readout = _read_pixel(window, qtbot, 32.5, 32.5)
    stored = int(pydicom.dcmread(_data("MR_small_bigendian.dcm")).pixel_array[32, 32])
    assert readout == little_readout == f"x 32  y 32   stored {stored}   value {stored}"


def test_a_big_endian_palette_film_shows_the_colours_of_its_little_endian_twin(window):
    window.open_paths([_data("OBXXXX1A.dcm")])
    pane = window.layout_panes.primary
    little_picture = pane.image_item.image.copy()
    assert little_picture.max() > 200
    window.open_paths([_data("OBXXXX1A_expb.dcm")])
    assert pane.image.path.name == "OBXXXX1A_expb.dcm"
    np.testing.assert_array_equal(pane.image_item.image, little_picture)


def test_a_ct_image_without_rescale_type_reads_in_hounsfield_units(window, tmp_path, qtbot):
    pixels = np.arange(64 * 64, dtype=np.int16).reshape(64, 64) % 2000
    path = dicom_factory.make_ct_like(tmp_path / "ct.dcm", pixels=pixels, RescaleType=None)
    assert "RescaleType" not in pydicom.dcmread(path)
    window.open_paths([path])
    expected = f"x 10  y 3   stored {pixels[3, 10]}   value {pixels[3, 10] - 1024} HU"
    assert _read_pixel(window, qtbot, 10.5, 3.5) == expected
    # Rescale Type "US" (unspecified) still names no unit; a non-CT object without one gets none either
    window.open_paths([dicom_factory.make_ct_like(tmp_path / "us.dcm", pixels=pixels, RescaleType="US")])
    assert _read_pixel(window, qtbot, 10.5, 3.5).endswith(f"value {pixels[3, 10] - 1024}")
    window.open_paths([dicom_factory.make_cr(tmp_path / "cr.dcm", rows=64, cols=64, RescaleSlope=1,
                                             RescaleIntercept=-5)])
    assert not _read_pixel(window, qtbot, 10.5, 3.5).endswith("HU")


def test_a_fractional_window_is_shown_as_the_file_gives_it(window, tmp_path):
    pixels = np.tile(np.arange(0, 5000, 50, dtype=np.uint16), (60, 1))
    window.open_paths([dicom_factory.make_cr(tmp_path / "suv.dcm", rows=60, cols=100, pixels=pixels, Modality="OT",
                                             RescaleSlope=0.001, RescaleIntercept=0, WindowCenter=2.5,
                                             WindowWidth=3.3)])
    pane = window.layout_panes.primary
    assert pane.corners.texts["bottom_left"].splitlines()[0] == "W 3.3  L 2.5"
    pane.set_window(-600, 1500)  # values from 100 up stay whole numbers
    assert pane.corners.texts["bottom_left"].splitlines()[0] == "W 1500  L -600"


@pytest.mark.parametrize(("rows", "cols"), [(1, 1), (40, 60)])
def test_a_film_of_one_value_is_drawn_grey_not_black(window, tmp_path, rows, cols):
    pixels = np.full((rows, cols), 1234, np.uint16)
    window.open_paths([dicom_factory.make_cr(tmp_path / "flat.dcm", rows=rows, cols=cols, pixels=pixels)])
    pane = window.layout_panes.primary
    assert pane.image is not None and pane.image.shape == (rows, cols)
    assert pane.pipeline.render(pane.state).tolist() == np.full((rows, cols), 128).tolist()
    shot = pane.grab().toImage()
    centre = widget_point(pane, cols / 2, rows / 2)
    assert QtCore.QPoint(0, 0) != centre
    assert shot.pixelColor(centre).value() == 128  # on screen: a grey film in the black pane


@pytest.mark.parametrize(("name", "note"), [
    ("RG1_J2KI.dcm", "Lossy compression 10:1"),  # JPEG 2000, lossy
    ("RG1_UNCI.dcm", "Lossy compression 10:1"),  # uncompressed now, but the pixels went through a 10:1 compression
    ("JPEGLSNearLossless_16.dcm", "Lossy compression"),  # a lossy-only transfer syntax, no flag in the file
    ("RG1_J2KR.dcm", None),  # JPEG 2000 lossless
    ("RG1_UNCR.dcm", None),
])
def test_a_lossily_compressed_film_says_so_in_its_corner(window, name, note):
    window.open_paths([_data(name)])
    pane = window.layout_panes.primary
    assert pane.image.path.name == name
    lines = pane.corners.labels["top_right"].text().splitlines()
    if note is None:
        assert not any(line.startswith("Lossy") for line in lines)
    else:
        assert note in lines


def test_a_sigmoid_window_is_named_in_the_corner(window, tmp_path, qtbot):
    pixels = np.tile(np.arange(0, 4000, 40, dtype=np.uint16), (60, 1))
    window.open_paths([dicom_factory.make_cr(tmp_path / "s.dcm", rows=60, cols=100, pixels=pixels, WindowCenter=2048,
                                             WindowWidth=1024, VOILUTFunction="SIGMOID")])
    pane = window.layout_panes.primary
    assert pane.corners.texts["bottom_left"].splitlines()[0] == "W 1024  L 2048  sigmoid"
    qtbot.keyClick(pane, QtCore.Qt.Key.Key_W)  # the automatic window is LINEAR
    assert "sigmoid" not in pane.corners.texts["bottom_left"]


def test_a_padding_pixel_is_read_as_padding(window, tmp_path, qtbot):
    pixels = np.full((64, 64), 40, np.int16)
    pixels[:, :8] = -2000  # outside the scan circle
    window.open_paths([dicom_factory.make_ct_like(tmp_path / "ct.dcm", pixels=pixels, intercept=-1024,
                                                  PixelPaddingValue=-2000)])
    assert _read_pixel(window, qtbot, 3.5, 30.5) == "x 3  y 30   stored -2000   value -3024 HU   padding"
    assert _read_pixel(window, qtbot, 30.5, 30.5) == "x 30  y 30   stored 40   value -984 HU"


def test_a_for_processing_film_says_so_in_its_corner(window, tmp_path):
    window.open_paths([dicom_factory.make_dx(tmp_path / "raw.dcm", PresentationIntentType="FOR PROCESSING",
                                             SOPClassUID="1.2.840.10008.5.1.4.1.1.1.1.1")])
    pane = window.layout_panes.primary
    assert "For processing, not for display" in pane.corners.labels["top_right"].text().splitlines()
    window.open_paths([dicom_factory.make_dx(tmp_path / "shown.dcm")])  # FOR PRESENTATION
    assert pane.image.path.name == "shown.dcm"
    assert "For processing" not in pane.corners.labels["top_right"].text()
